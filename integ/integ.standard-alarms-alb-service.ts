import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { AlarmTopicAccess, GlimpseCompliance, MonitoredEnvironment, StandardAlarms } from '@glimpse/standard-constructs';
import { acknowledgeFixtureAlb, acknowledgeFixtureVpc, destroyWithStack, tagIntegStack } from './integ-compliance';

/**
 * A small ALB + Fargate service watched by StandardAlarms, notifying a topic
 * of the stack (the sandbox has no forwarder). The assertions read back the
 * alarms CloudWatch stored: names, the 5xx rate's metric math, the actions.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'StandardAlarmsAlbService');
tagIntegStack(stack, 'standard-alarms-alb-service');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }] });
acknowledgeFixtureVpc(vpc);
const loadBalancer = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
const targetGroup = new elbv2.ApplicationTargetGroup(stack, 'WebTargets', {
  vpc, port: 80, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP,
});
const listener = loadBalancer.addListener('Http', { port: 80, defaultTargetGroups: [targetGroup] });
acknowledgeFixtureAlb(loadBalancer, listener);
const cluster = new ecs.Cluster(stack, 'Cluster', { vpc, containerInsightsV2: ecs.ContainerInsights.ENHANCED });
const taskDefinition = new ecs.FargateTaskDefinition(stack, 'Task', { cpu: 256, memoryLimitMiB: 512 });
taskDefinition.addContainer('web', {
  image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:1.27'),
  portMappings: [{ containerPort: 80 }],
});
GlimpseCompliance.acknowledge(taskDefinition.node.defaultChild!, ['AwsSolutions-ECS7', 'Glimpse-ContainerImagePinned[web]'],
  'Fixture task of a throwaway integ stack: a public nginx release answers the load balancer; the test reads only '
  + 'CloudWatch alarms and the ECS deployment configuration, never container logs.');
const service = new ecs.FargateService(stack, 'Service', {
  cluster, taskDefinition, serviceName: 'integ-web', assignPublicIp: true, minHealthyPercent: 100,
  propagateTags: ecs.PropagatedTagSource.TASK_DEFINITION, enableECSManagedTags: true,
  vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
});
GlimpseCompliance.acknowledge(service.node.defaultChild!, ['Glimpse-ServiceDedicatedRoles[ExecutionRoleMissing]'],
  'Fixture service pulling a public image without logs or secrets: ECS needs no execution role for it.');
service.attachToApplicationTargetGroup(targetGroup);
const topic = new sns.Topic(stack, 'AlarmTopic', { enforceSSL: true });
// The TLS-only policy replaces SNS's default one: without this statement no alarm could publish.
AlarmTopicAccess.allowAccountAlarms(topic);
GlimpseCompliance.acknowledge(topic.node.defaultChild!, ['HIPAA.Security-SNSEncryptedKMS', 'NIST.800.53.R5-SNSEncryptedKMS'],
  'Test topic that only receives CloudWatch alarm state changes of this stack (no data); the Teams forwarder topic '
  + 'that production alarms use is KMS-encrypted.');

const environment = new MonitoredEnvironment(stack, 'Monitored', {
  projectName: 'integ',
  environmentName: 'test',
  loadBalancer,
  targetGroups: [targetGroup],
  services: [service],
});
const alarms = new StandardAlarms(stack, 'Alarms', {
  environment,
  topic,
  runbookUrl: 'https://runbooks.example.com/integ',
  serviceUnhealthyAlarm: true,
});
alarms.enableDeploymentRollback(service, targetGroup);

// Nothing here is retained today; this keeps it so when a retained part is added.
destroyWithStack(stack);

const integ = new IntegTest(app, 'StandardAlarmsAlbServiceTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('CloudWatch', 'describeAlarms', { AlarmNames: ['integ-test-alb-5xx-rate'] })
  .expect(ExpectedResult.objectLike({
    MetricAlarms: [Match.objectLike({
      AlarmName: 'integ-test-alb-5xx-rate',
      Threshold: 5,
      EvaluationPeriods: 3,
      TreatMissingData: 'notBreaching',
      AlarmDescription: Match.stringLikeRegexp('Runbook: https://runbooks.example.com/integ'),
      AlarmActions: [topic.topicArn],
      OKActions: [topic.topicArn],
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)' })]),
    })],
  }));

integ.assertions
  .awsApiCall('CloudWatch', 'describeAlarms', { AlarmNamePrefix: 'integ-test-', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 })
  .expect(ExpectedResult.objectLike({
    CompositeAlarms: [Match.objectLike({ AlarmName: 'integ-test-service-unhealthy' })],
  }));

integ.assertions
  .awsApiCall('ECS', 'describeServices', { cluster: cluster.clusterArn, services: ['integ-web'] })
  .expect(ExpectedResult.objectLike({
    services: [Match.objectLike({
      deploymentConfiguration: Match.objectLike({
        alarms: { alarmNames: ['integ-test-web-targets-target-5xx', 'integ-test-web-targets-p99-latency'], enable: true, rollback: true },
      }),
    })],
  }));
