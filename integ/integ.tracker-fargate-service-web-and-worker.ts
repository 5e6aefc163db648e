import { App, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, ServiceImage, StandardCluster, TrackerWebService, TrackerWorkerService } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, acknowledgeFixtureAlb, acknowledgeFixtureVpc, tagIntegStack } from './integ-compliance';

/**
 * A web service behind a small ALB (its own listener, shared the way the
 * Tracker ALB is: a listener rule with a priority) and a private worker in
 * Cloud Map, both from a public nginx image pinned by digest. The assertions
 * fetch the health path through the ALB and look the worker up in Cloud Map.
 */
const NGINX = 'public.ecr.aws/nginx/nginx';
/** nginx 1.19.9 (Debian): bash is there for a TCP health check without curl. */
const NGINX_DIGEST = 'sha256:f248a8862fa9b21badbe043518f52f143946e2dc705300e8534f8ca624a291b2';
const TCP_HEALTH_CHECK = {
  command: ['CMD-SHELL', "bash -c '</dev/tcp/127.0.0.1/80' || exit 1"],
  interval: Duration.seconds(15),
  timeout: Duration.seconds(5),
  retries: 3,
  startPeriod: Duration.seconds(30),
};

const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'TrackerFargateServiceWebAndWorker');
tagIntegStack(stack, 'tracker-fargate-service-web-and-worker');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.DESTROY, pendingWindow: Duration.days(7) });
const standardCluster = new StandardCluster(stack, 'Cluster', {
  vpc, encryptionKey: key, projectName: 'integ-tracker', environmentName: 'test', execLogRemovalPolicy: RemovalPolicy.DESTROY,
});
const { cluster } = standardCluster;
acknowledgeFixtureVpc(vpc);

const alb = new elbv2.ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true, dropInvalidHeaderFields: true });
const listener = alb.addListener('Http', {
  port: 80,
  defaultAction: elbv2.ListenerAction.fixedResponse(404, { contentType: 'text/plain', messageBody: 'no route' }),
});

const common = {
  cluster,
  projectName: 'integ-tracker',
  environmentName: 'test',
  image: ServiceImage.fromRegistryDigest(NGINX, NGINX_DIGEST),
  cpu: 256,
  memoryLimitMiB: 512,
  encryptionKey: key,
  containerPort: 80,
  containerOptions: { healthCheck: TCP_HEALTH_CHECK },
  logging: { removalPolicy: RemovalPolicy.DESTROY },
  enableExecuteCommand: true,
};

const web = new TrackerWebService(stack, 'Web', {
  ...common,
  serviceName: 'web',
  web: { listener, priority: 10, pathPatterns: ['/*'], healthCheckPath: '/' },
});

const worker = new TrackerWorkerService(stack, 'Worker', {
  ...common,
  serviceName: 'worker',
  serviceDiscovery: { namespaceName: 'integ-tracker.local' },
});

acknowledgeFixtureAlb(alb, listener);
acknowledgeDestroyed(key, standardCluster.execLogGroup, web.logGroup, worker.logGroup);

const integ = new IntegTest(app, 'TrackerFargateServiceTest', {
  testCases: [stack],
  // A changed container definition registers a new revision of the same family: how every ECS deployment works.
  allowDestroy: ['AWS::ECS::TaskDefinition'],
});

integ.assertions
  .httpApiCall(`http://${alb.loadBalancerDnsName}/`)
  .expect(ExpectedResult.objectLike({ status: 200 }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

integ.assertions
  .awsApiCall('ServiceDiscovery', 'discoverInstances', { NamespaceName: 'integ-tracker.local', ServiceName: 'worker' })
  .expect(ExpectedResult.objectLike({ Instances: Match.arrayWith([Match.objectLike({ ServiceName: 'worker', NamespaceName: 'integ-tracker.local' })]) }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

integ.assertions
  .awsApiCall('ECS', 'describeServices', { cluster: cluster.clusterName, services: [worker.service.serviceName] })
  .expect(ExpectedResult.objectLike({
    services: [Match.objectLike({ runningCount: 1, enableExecuteCommand: true, propagateTags: 'TASK_DEFINITION', enableECSManagedTags: true })],
  }))
  .waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });
