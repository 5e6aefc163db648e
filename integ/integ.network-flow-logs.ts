import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, ProjectKey, StandardVpc } from '@glimpse/standard-constructs';
import { acknowledgeDestroyed, tagIntegStack } from './integ-compliance';

/**
 * A StandardVpc encrypted with a ProjectKey, without NAT (isolated private
 * subnets cost nothing while the test runs). The assertions prove that the
 * key policy lets CloudWatch Logs use the key for the project's flow log
 * group, that flow logs of all traffic are active, and that the default
 * security group has no rules left.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'NetworkFlowLogs');
tagIntegStack(stack, 'network-flow-logs');
const names = { projectName: 'integ-net', environmentName: 'test' };

const projectKey = new ProjectKey(stack, 'ProjectKey', { ...names, removalPolicy: RemovalPolicy.DESTROY });
const network = new StandardVpc(stack, 'Network', {
  ...names,
  cidr: '10.40.0.0/24',
  natGateways: 0,
  encryptionKey: projectKey.key,
  flowLogRemovalPolicy: RemovalPolicy.DESTROY,
});
acknowledgeDestroyed(projectKey.key, network.flowLogGroup);

const integ = new IntegTest(app, 'NetworkFlowLogsTest', { testCases: [stack] });

integ.assertions
  .awsApiCall('CloudWatchLogs', 'describeLogGroups', { logGroupNamePrefix: '/aws/vpc/integ-net-test-flow-logs' })
  .expect(ExpectedResult.objectLike({
    logGroups: [Match.objectLike({ logGroupName: '/aws/vpc/integ-net-test-flow-logs', retentionInDays: 365, kmsKeyId: projectKey.key.keyArn })],
  }));

integ.assertions
  .awsApiCall('EC2', 'describeFlowLogs', { Filter: [{ Name: 'resource-id', Values: [network.vpc.vpcId] }] })
  .expect(ExpectedResult.objectLike({
    FlowLogs: [Match.objectLike({ TrafficType: 'ALL', FlowLogStatus: 'ACTIVE', LogGroupName: '/aws/vpc/integ-net-test-flow-logs' })],
  }));

integ.assertions
  .awsApiCall('EC2', 'describeSecurityGroups', { GroupIds: [network.vpc.vpcDefaultSecurityGroup] })
  .expect(ExpectedResult.objectLike({
    SecurityGroups: [Match.objectLike({ GroupName: 'default', IpPermissions: [], IpPermissionsEgress: [] })],
  }));
