import { App, Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { GlimpseCompliance, TimescaleDataHost } from '@glimpse/standard-constructs';
import { acknowledgeFixtureVpc, destroyWithStack, tagIntegStack } from './integ-compliance';

/**
 * A data host in a fresh VPC, then SSM Run Command on it: PostgreSQL answers
 * pg_isready, the application database has its extensions and Valkey (over
 * TLS, verified against the host CA) refuses a client without the password;
 * the CA is published in its SSM parameter. Proves the bootstrap ran to its signal.
 * Then CloudWatch lists the host's `postgresql_connections` metric: the
 * publisher's timer runs and the instance role may put that metric.
 * The throwaway stack boots Debian's current bookworm image (Debian's public
 * SSM parameter); real stacks pin theirs with DebianBookwormImage.
 */
const app = new App();
GlimpseCompliance.enable(app);
const stack = new Stack(app, 'TimescaleDataHostDefault');
tagIntegStack(stack, 'timescale-data-host-default');
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
acknowledgeFixtureVpc(vpc);
const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
const host = new TimescaleDataHost(stack, 'DataHost', {
  vpc,
  encryptionKey: key,
  projectName: 'integ',
  environmentName: 'data-host',
  machineImage: ec2.MachineImage.fromSsmParameter('/aws/service/debian/release/bookworm/latest/amd64'),
  terminationProtection: false,
  applicationUser: 'tracker',
  applicationDatabase: 'tracker',
});
GlimpseCompliance.acknowledge(host.node.findChild('Instance').node.defaultChild!, ['AwsSolutions-EC29', 'Glimpse-Ec2TerminationProtection'],
  'Throwaway integ stack: terminationProtection: false on purpose so the test can delete the host; it holds no real data.');
host.allowFrom(new ec2.SecurityGroup(stack, 'Client', { vpc, allowAllOutbound: false }));
// The key, the secrets, the log group, the backup vault and the data volume go with the stack.
destroyWithStack(stack);

const integ = new IntegTest(app, 'TimescaleDataHostTest', { testCases: [stack] });

const command = integ.assertions.awsApiCall('SSM', 'sendCommand', {
  DocumentName: 'AWS-RunShellScript',
  InstanceIds: [host.instanceId],
  Parameters: {
    commands: [
      'pg_isready -h localhost -p 5432',
      'runuser -u postgres -- psql -d tracker -Atc "SELECT string_agg(extname, \',\' ORDER BY extname) FROM pg_extension"',
      // Valkey serves TLS only, with a certificate of the host CA.
      '(valkey-cli --tls --cacert /var/lib/postgresql/tls/ca.crt PING || redis-cli --tls --cacert /var/lib/postgresql/tls/ca.crt PING) 2>&1 | tail -1',
    ],
  },
});

const invocation = integ.assertions.awsApiCall('SSM', 'getCommandInvocation', {
  CommandId: command.getAttString('Command.CommandId'),
  InstanceId: host.instanceId,
}).expect(ExpectedResult.objectLike({
  Status: 'Success',
  StandardOutputContent: Match.stringLikeRegexp('accepting connections[\\s\\S]*pg_stat_statements,plpgsql,postgis,postgis_topology,timescaledb[\\s\\S]*NOAUTH'),
})).waitForAssertions({ totalTimeout: Duration.minutes(5), interval: Duration.seconds(15) });

// The publisher's timer puts a datapoint every minute; ListMetrics shows it within minutes.
const connections = host.metricConnections();
const published = integ.assertions.awsApiCall('CloudWatch', 'listMetrics', {
  Namespace: connections.namespace,
  MetricName: connections.metricName,
  Dimensions: [{ Name: 'InstanceId', Value: host.instanceId }],
}).expect(ExpectedResult.objectLike({
  Metrics: Match.arrayWith([Match.objectLike({ MetricName: connections.metricName })]),
})).waitForAssertions({ totalTimeout: Duration.minutes(10), interval: Duration.seconds(30) });

// The bootstrap publishes the host CA, for clients' sslmode=verify-full.
const ca = integ.assertions.awsApiCall('SSM', 'getParameter', { Name: host.caCertificate.parameterName })
  .expect(ExpectedResult.objectLike({ Parameter: Match.objectLike({ Value: Match.stringLikeRegexp('BEGIN CERTIFICATE') }) }));

command.next(invocation).next(published).next(ca);
