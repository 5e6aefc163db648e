import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, MonitoredEnvironment, ServiceDashboard, ServiceLogQueries } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';

/**
 * The environment dashboard and saved queries in a monitoring stack of their
 * own, over an environment referenced by name and ARN (dashboards and
 * metrics need no live resources, so the test deploys in seconds and costs
 * nothing while it runs). One real alarm feeds the alarm status widget and
 * one real log group the saved queries. The assertions read the dashboard
 * and the queries back from CloudWatch.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'ServiceDashboardImported');
tagIntegStack(stack, 'service-dashboard-imported');

const albArn = `arn:${stack.partition}:elasticloadbalancing:${stack.region}:${stack.account}:loadbalancer/app/integ-obs/0123456789abcdef`;
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
  vpcId: 'vpc-12345678', availabilityZones: ['az-a'], privateSubnetIds: ['subnet-11111111'],
});
const cluster = ecs.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'integ-obs-test', vpc });
const logGroup = new logs.LogGroup(stack, 'ApiLogs', {
  logGroupName: '/aws/ecs/integ-obs-test/api', retention: logs.RetentionDays.ONE_DAY, removalPolicy: RemovalPolicy.DESTROY,
});
acknowledgeDestroyed(logGroup);
GlimpseCompliance.acknowledge(logGroup.node.defaultChild!, [
  'Glimpse-LogGroupEncrypted', 'HIPAA.Security-CloudWatchLogGroupEncrypted', 'NIST.800.53.R5-CloudWatchLogGroupEncrypted',
], 'Empty log group of a throwaway integ stack: it exists only so the saved queries have a real log group to target; '
  + 'nothing writes to it.');
const queue = sqs.Queue.fromQueueArn(stack, 'Dlq', `arn:${stack.partition}:sqs:${stack.region}:${stack.account}:integ-obs-forwarder-dlq`);
const dlqAlarm = new cloudwatch.Alarm(stack, 'DlqAlarm', {
  alarmName: 'integ-obs-test-forwarder-dlq',
  metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
  threshold: 0,
  comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
  evaluationPeriods: 1,
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
});
GlimpseCompliance.acknowledge(dlqAlarm.node.defaultChild!, ['HIPAA.Security-CloudWatchAlarmAction', 'NIST.800.53.R5-CloudWatchAlarmAction'],
  'Integ fixture: the alarm only has to exist for the dashboard to show it; its queue is imported and never fills.');

const environment = new MonitoredEnvironment(stack, 'Monitored', {
  projectName: 'integ-obs',
  environmentName: 'test',
  loadBalancer: elbv2.ApplicationLoadBalancer.fromApplicationLoadBalancerAttributes(stack, 'Alb', {
    loadBalancerArn: albArn, securityGroupId: 'sg-0a1b2c3d4e5f67890',
  }),
  services: [ecs.FargateService.fromFargateServiceAttributes(stack, 'Api', { cluster, serviceName: 'api' })],
  dataHost: {
    instanceId: 'i-0123456789abcdef0',
    instanceType: new ec2.InstanceType('t3.large'),
    monitoredMountPaths: ['/', '/var/lib/postgresql'],
    agentMetricsNamespace: 'CWAgent',
  },
});
const { dashboardName } = new ServiceDashboard(stack, 'Dashboard', {
  environment,
  alarms: [dlqAlarm],
  forwarderFunction: lambda.Function.fromFunctionName(stack, 'Forwarder', 'integ-obs-forwarder'),
  forwarderDeadLetterQueue: queue,
  logGroups: [logGroup],
});
new ServiceLogQueries(stack, 'Queries', { projectName: 'integ-obs', environmentName: 'test', logGroups: [logGroup] });

const integ = new IntegTest(app, 'ServiceDashboardImportedTest', { testCases: [stack] });

/** Widget titles in the order the dashboard lays them out. */
const inOrder = (...titles: string[]) => Match.stringLikeRegexp(titles.map((t) => `"title":"${t}"`).join('[\\s\\S]*'));

integ.assertions
  .awsApiCall('CloudWatch', 'getDashboard', { DashboardName: dashboardName })
  .expect(ExpectedResult.objectLike({
    DashboardName: 'integ-obs-test',
    DashboardBody: inOrder(
      'integ-obs-test alarms', 'Requests', '5xx rate', 'Latency p50 / p90 / p99',
      'api: CPU', 'api: memory', 'api: tasks running vs desired', 'api: deployments',
      'Host: CPU and status checks', 'Host: CPU credits', 'Host: memory used', 'Host: disk used',
      'Forwarder: invocations and errors', 'Forwarder: duration', 'Forwarder: dead-letter queue',
      'Errors by service', '5xx by path',
    ),
  }));

for (const name of ['errors-by-service', 'slowest-requests', '5xx-by-path']) {
  integ.assertions
    .awsApiCall('CloudWatchLogs', 'describeQueryDefinitions', { queryDefinitionNamePrefix: `integ-obs-test/${name}` })
    .expect(ExpectedResult.objectLike({
      queryDefinitions: [Match.objectLike({ name: `integ-obs-test/${name}`, logGroupNames: ['/aws/ecs/integ-obs-test/api'] })],
    }));
}
