import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { build, newStack, Options, serviceUnderWatch } from './fixtures';
import { SnsAlarmActionStrategy, StandardAlarms, StandardAlarmThresholds } from '../../src/alarms';
import { MonitoredEnvironment } from '../../src/monitoring';
import { ServiceDashboard } from '../../src/observability';

const LONDON = { account: '111111111111', region: 'eu-west-2' };

describe('StandardAlarms: an action topic in another region', () => {
  const dublinTopic = (stack: Stack) => sns.Topic.fromTopicArn(stack, 'Dublin', 'arn:aws:sns:eu-west-1:111111111111:glimpse-alarms-teams');

  test('a `topic` in another region is rejected, naming the prop, both regions and the fix', () => {
    const stack = newStack();
    expect(() => build(stack, { topic: dublinTopic(stack) }))
      .toThrow(/Stack\/Alarms: invalid `topic`: is in eu-west-1, but the alarms are in eu-west-2\. CloudWatch sends alarm actions only to a topic in the alarm's region: use a topic in eu-west-2/);
  });

  test('a topic of a stack in another region too', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: LONDON });
    const topic = new sns.Topic(new Stack(app, 'Virginia', { env: { ...LONDON, region: 'us-east-1' } }), 'Topic');
    expect(() => build(stack, { topic })).toThrow(/invalid `topic`: is in us-east-1, but the alarms are in eu-west-2/);
  });

  test('through an SnsAlarmActionStrategy as well', () => {
    const stack = newStack();
    expect(() => build(stack, { actionStrategy: new SnsAlarmActionStrategy({ topic: dublinTopic(stack) }) }))
      .toThrow(/Stack\/Alarms\/alb-5xx-rate: invalid `topic`: is in eu-west-1, but the alarms are in eu-west-2/);
  });

  test('same region, or a region only known at deploy time, is accepted', () => {
    const stack = newStack();
    build(stack, { topic: sns.Topic.fromTopicArn(stack, 'Same', 'arn:aws:sns:eu-west-2:222222222222:pager') });
    expect(Object.keys(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).length).toBeGreaterThan(0);

    const agnostic = new Stack(new App(), 'Agnostic');
    build(agnostic, { topic: new sns.Topic(agnostic, 'Topic') });
    const crossStackToken = new Stack(new App(), 'Token', { env: LONDON });
    build(crossStackToken, { topic: sns.Topic.fromTopicArn(crossStackToken, 'T', `arn:aws:sns:${agnostic.region}:111111111111:t`) });
  });
});

describe('StandardAlarms: thresholds for signals the environment does not have', () => {
  const host = { instanceId: 'i-0123456789abcdef0', instanceType: new ec2.InstanceType('t3.large'), monitoredMountPaths: ['/'], agentMetricsNamespace: 'CWAgent' };
  const some = { threshold: 1 };
  test.each<[string, Options, keyof StandardAlarmThresholds, RegExp]>([
    ['load balancer threshold, no load balancer', { loadBalancer: undefined }, 'loadBalancer5xxRate', /a `loadBalancer`/],
    ['rejected connections, no load balancer', { loadBalancer: undefined }, 'rejectedConnections', /a `loadBalancer`/],
    ['target threshold, no target groups', { targetGroups: [] }, 'targetResponseTimeP99', /`targetGroups`/],
    ['service threshold, no services', { services: [] }, 'serviceMemory', /`services`/],
    ['host threshold, no host', { dataHost: undefined }, 'hostCpu', /a `dataHost`/],
    ['CPU credits on a host that is not burstable', { dataHost: { ...host, instanceType: new ec2.InstanceType('m7g.large') } }, 'hostCpuCreditBalance', /burstable/],
    ['disk on a host without mount paths', { dataHost: { ...host, monitoredMountPaths: [] } }, 'hostDiskUsed', /`monitoredMountPaths`/],
    ['connections on a host that publishes none', { dataHost: host }, 'postgresConnections', /`postgresConnectionsMetric`/],
    ['WAL archive age on a host that publishes none', { dataHost: host }, 'walArchiveAge', /`walArchiveAgeMetric`/],
    ['backup age on a host that publishes none', { dataHost: host }, 'lastBackupAge', /`lastBackupAgeMetric`/],
  ])('%s', (_what, options, signal, needs) => {
    const message = new RegExp(`Stack/Alarms: invalid \`thresholds\\.${signal}\`: given, but the environment has nothing it applies to \\(it needs [^)]*${needs.source}`);
    expect(() => build(newStack(), { ...options, thresholds: { [signal]: some } })).toThrow(message);
    // Switching an alarm off that cannot exist is rejected too: the config says something untrue about the environment.
    expect(() => build(newStack(), { ...options, thresholds: { [signal]: { enabled: false } } })).toThrow(/given, but the environment has nothing it applies to/);
  });

  test('a disabled alarm\'s override is still validated', () => {
    expect(() => build(newStack(), { thresholds: { serviceCpu: { enabled: false, threshold: 300 } } }))
      .toThrow(/invalid `thresholds.serviceCpu.threshold`: got 300/);
  });

  test('nothing is created when a threshold is rejected', () => {
    const stack = newStack();
    expect(() => build(stack, { dataHost: undefined, thresholds: { hostCpu: some } })).toThrow();
    expect(stack.node.tryFindChild('Alarms')?.node.children.length ?? 0).toBe(0);
  });
});

describe('StandardAlarms and ServiceDashboard on one environment', () => {
  test('alarms created after the dashboard are rejected: their thresholds could not be drawn', () => {
    const stack = newStack();
    const watched = serviceUnderWatch(stack);
    const environment = new MonitoredEnvironment(stack, 'Monitored', { projectName: 'tracker', environmentName: 'staging', services: [watched.service] });
    new ServiceDashboard(stack, 'Dashboard', { environment });
    expect(() => new StandardAlarms(stack, 'Alarms', { environment }))
      .toThrow(/Stack\/Alarms: invalid `environment`: Stack\/Monitored already has its dashboard\. Create the StandardAlarms before the ServiceDashboard/);
  });

  test('the environment creates nothing and names the dashboard', () => {
    const stack = newStack();
    const environment = new MonitoredEnvironment(stack, 'Monitored', { projectName: 'tracker', environmentName: 'staging' });
    expect(environment.dashboardName).toBe('tracker-staging');
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
  });

  test('a connections metric given to the environment is what the alarm uses', () => {
    const metric = new cloudwatch.Metric({ namespace: 'Custom', metricName: 'pgbouncer_clients' });
    const stack = newStack();
    build(stack, { postgresConnectionsMetric: metric });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'tracker-staging-data-host-postgres-connections', MetricName: 'pgbouncer_clients' });
  });
});
