import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NoAlarmActionStrategy, StandardAlarms } from '../../src/alarms';
import { TimescaleDataHostProps } from '../../src/data-host';
import { MonitoredEnvironment } from '../../src/monitoring';
import { nagFindings } from '../nag';
import { build, newStack, Options, RUNBOOK, serviceUnderWatch, timescaleDataHost } from './fixtures';

const TOPIC_ARN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:eu-west-2:111111111111:glimpse-alarms-teams']] };

function synth(props: Options = {}) {
  const stack = newStack();
  const alarms = build(stack, props);
  return { stack, alarms, template: Template.fromStack(stack) };
}

function alarmNamed(template: Template, name: string): Record<string, any> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

describe('StandardAlarms', () => {
  test('the full set, named <project>-<env>-<component>-<signal>', () => {
    const { template, alarms } = synth();
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((r) => r.Properties.AlarmName).sort();
    expect(names).toEqual([
      'tracker-staging-alb-5xx-rate',
      'tracker-staging-alb-rejected-connections',
      'tracker-staging-api-targets-p99-latency',
      'tracker-staging-api-targets-target-5xx',
      'tracker-staging-api-targets-unhealthy-hosts',
      'tracker-staging-data-host-cpu',
      'tracker-staging-data-host-cpu-credits',
      'tracker-staging-data-host-disk-root',
      'tracker-staging-data-host-disk-var-lib-postgresql',
      'tracker-staging-data-host-memory',
      'tracker-staging-data-host-status-check-instance',
      'tracker-staging-data-host-status-check-system',
      'tracker-staging-tracker-api-cpu',
      'tracker-staging-tracker-api-memory',
      'tracker-staging-tracker-api-running-tasks',
    ]);
    expect(alarms.alarms).toHaveLength(15);
    expect(alarms.rollbackAlarms.map((a) => a.node.id)).toEqual(['alb-5xx-rate', 'api-targets-target-5xx', 'api-targets-p99-latency']);
  });

  test('ALB 5xx is a rate: metric math over the request count', () => {
    const { template } = synth();
    const props = alarmNamed(template, 'tracker-staging-alb-5xx-rate');
    expect(props).toMatchObject({ Threshold: 5, EvaluationPeriods: 3, DatapointsToAlarm: 3, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    expect(props.Metrics).toEqual(expect.arrayContaining([
      expect.objectContaining({ Expression: 'IF(requests >= 10, 100 * FILL(errors, 0) / requests, 0)' }),
      expect.objectContaining({ Id: 'errors', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ MetricName: 'HTTPCode_ELB_5XX_Count' }), Stat: 'Sum' }) }),
      expect.objectContaining({ Id: 'requests', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ MetricName: 'RequestCount' }), Stat: 'Sum' }) }),
    ]));
  });

  test.each([
    ['tracker-staging-api-targets-p99-latency', { ExtendedStatistic: 'p99', MetricName: 'TargetResponseTime', Threshold: 2, EvaluationPeriods: 5, TreatMissingData: 'notBreaching' }],
    ['tracker-staging-api-targets-unhealthy-hosts', { MetricName: 'UnHealthyHostCount', ComparisonOperator: 'GreaterThanOrEqualToThreshold', Threshold: 1 }],
    ['tracker-staging-tracker-api-cpu', { Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Threshold: 80, Period: 60 }],
    ['tracker-staging-data-host-status-check-system', { Namespace: 'AWS/EC2', MetricName: 'StatusCheckFailed_System', TreatMissingData: 'breaching' }],
    ['tracker-staging-data-host-cpu-credits', { MetricName: 'CPUCreditBalance', ComparisonOperator: 'LessThanThreshold', Threshold: 20, Statistic: 'Minimum' }],
    ['tracker-staging-data-host-memory', { Namespace: 'CWAgent', MetricName: 'mem_used_percent', Threshold: 90, Period: 300, TreatMissingData: 'breaching', Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }] }],
  ])('%s has its documented defaults', (name, expected) => {
    expect(alarmNamed(synth().template, name)).toMatchObject(expected);
  });

  test('disk alarms per mount path, dimensioned by InstanceId and path', () => {
    const props = alarmNamed(synth().template, 'tracker-staging-data-host-disk-var-lib-postgresql');
    expect(props.Dimensions).toEqual([{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }, { Name: 'path', Value: '/var/lib/postgresql' }]);
    expect(props).toMatchObject({ MetricName: 'disk_used_percent', Threshold: 80, TreatMissingData: 'breaching' });
  });

  test('running tasks below desired from Container Insights; silence alarms', () => {
    const props = alarmNamed(synth().template, 'tracker-staging-tracker-api-running-tasks');
    expect(props.TreatMissingData).toBe('breaching');
    expect(props.Metrics).toEqual(expect.arrayContaining([
      expect.objectContaining({ Expression: 'desired - running' }),
      expect.objectContaining({ Id: 'running', MetricStat: expect.objectContaining({ Metric: expect.objectContaining({ Namespace: 'ECS/ContainerInsights', MetricName: 'RunningTaskCount' }) }) }),
    ]));
  });

  test('no CPU credit alarm on a non-burstable host', () => {
    const stack = newStack();
    build(stack, {}, serviceUnderWatch(stack, 'm7g.large'));
    expect(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: 'CPUCreditBalance' } })).toEqual({});
  });

  test('PostgreSQL connections when the metric is published', () => {
    const metric = new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'postgresql_connections', dimensionsMap: { InstanceId: 'i-0123456789abcdef0' } });
    const props = alarmNamed(synth({ postgresConnectionsMetric: metric, thresholds: { postgresConnections: { threshold: 150 } } }).template, 'tracker-staging-data-host-postgres-connections');
    expect(props).toMatchObject({ MetricName: 'postgresql_connections', Threshold: 150, Period: 300 });
  });

  describe('PostgreSQL connections of a TimescaleDataHost, without passing a metric', () => {
    function withDataHost(hostProps: Partial<TimescaleDataHostProps> = {}, props: Options = {}) {
      const stack = newStack();
      const watched = serviceUnderWatch(stack);
      const dataHost = timescaleDataHost(stack, watched, hostProps);
      build(stack, { dataHost, ...props }, watched);
      return Template.fromStack(stack);
    }
    const NAME = 'tracker-staging-data-host-postgres-connections';

    test('the host\'s published metric, at the signal\'s five-minute period, threshold 80 % of max_connections', () => {
      const props = alarmNamed(withDataHost({ maxConnections: 300 }), NAME);
      expect(props).toMatchObject({
        Namespace: 'CWAgent',
        MetricName: 'postgresql_connections',
        Dimensions: [{ Name: 'InstanceId', Value: { Ref: expect.stringMatching(/^DataHostInstance[0-9A-F]{8}$/) } }],
        Statistic: 'Maximum',
        Period: 300,
        Threshold: 240,
        EvaluationPeriods: 3,
        DatapointsToAlarm: 3,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'breaching',
        AlarmDescription: `PostgreSQL has more than 240 connections (max_connections 300). Runbook: ${RUNBOOK}`,
      });
    });

    test('default max_connections 100: threshold 80; rounded down for other values', () => {
      expect(alarmNamed(withDataHost(), NAME).Threshold).toBe(80);
      expect(alarmNamed(withDataHost({ maxConnections: 33 }), NAME).Threshold).toBe(26);
    });

    test('in the agent namespace the host\'s role may put metrics in', () => {
      expect(alarmNamed(withDataHost({ agentMetricsNamespace: 'Glimpse/DataHost' }), NAME).Namespace).toBe('Glimpse/DataHost');
    });

    test('threshold and period stay overridable', () => {
      const props = alarmNamed(withDataHost({}, { thresholds: { postgresConnections: { threshold: 50, period: Duration.minutes(1) } } }), NAME);
      expect(props).toMatchObject({ Threshold: 50, Period: 60, MetricName: 'postgresql_connections' });
    });

    test('an explicit postgresConnectionsMetric overrides the host\'s, still against its max_connections', () => {
      const metric = new cloudwatch.Metric({ namespace: 'Custom', metricName: 'pgbouncer_clients', dimensionsMap: { InstanceId: 'i-0123456789abcdef0' } });
      const props = alarmNamed(withDataHost({ maxConnections: 200 }, { postgresConnectionsMetric: metric }), NAME);
      expect(props).toMatchObject({ Namespace: 'Custom', MetricName: 'pgbouncer_clients', Threshold: 160 });
    });

    test('switched off like any other alarm', () => {
      const template = withDataHost({}, { thresholds: { postgresConnections: { enabled: false } } });
      expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: NAME } })).toEqual({});
    });

    test('any IMonitoredHost with a metric gets the alarm; without max_connections the threshold stays 80', () => {
      const stack = newStack();
      const watched = serviceUnderWatch(stack);
      const metric = new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'postgresql_connections', dimensionsMap: { InstanceId: 'i-0123456789abcdef0' } });
      build(stack, { dataHost: { ...watched.host, postgresConnectionsMetric: metric } }, watched);
      expect(alarmNamed(Template.fromStack(stack), NAME)).toMatchObject({ MetricName: 'postgresql_connections', Threshold: 80, Period: 300 });
    });
  });

  test('thresholds are overridable, and alarms can be switched off', () => {
    const { template } = synth({
      thresholds: {
        serviceCpu: { threshold: 90, evaluationPeriods: 10, datapointsToAlarm: 8, period: Duration.minutes(5) },
        rejectedConnections: { enabled: false },
      },
    });
    expect(alarmNamed(template, 'tracker-staging-tracker-api-cpu')).toMatchObject({ Threshold: 90, EvaluationPeriods: 10, DatapointsToAlarm: 8, Period: 300 });
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'tracker-staging-alb-rejected-connections' } })).toEqual({});
  });

  test('descriptions carry the runbook link', () => {
    expect(alarmNamed(synth().template, 'tracker-staging-tracker-api-cpu').AlarmDescription).toBe(`Service CPU is above 80 %. Runbook: ${RUNBOOK}`);
  });

  test('descriptions link the environment dashboard in the stack region when one is named', () => {
    const description = alarmNamed(synth({ dashboardName: 'tracker-staging' }).template, 'tracker-staging-tracker-api-cpu').AlarmDescription;
    expect(description).toBe(`Service CPU is above 80 %. Runbook: ${RUNBOOK} Dashboard: `
      + 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#dashboards/dashboard/tracker-staging');
  });

  test('by default ALARM and OK go to the account forwarder topic, imported by name', () => {
    const props = alarmNamed(synth().template, 'tracker-staging-alb-5xx-rate');
    expect(props.AlarmActions).toEqual([TOPIC_ARN]);
    expect(props.OKActions).toEqual([TOPIC_ARN]);
    expect(props.InsufficientDataActions).toBeUndefined();
  });

  test('a given topic, or a strategy without actions', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Pager');
    build(stack, { topic });
    expect(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).not.toEqual({});
    Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^Pager') }] });
    const quiet = synth({ actionStrategy: new NoAlarmActionStrategy() }).template;
    quiet.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent(), OKActions: Match.absent() });
  });

  test('optional composite "service unhealthy" over the availability alarms', () => {
    const { template, alarms } = synth({ serviceUnhealthyAlarm: true });
    expect(alarms.serviceUnhealthyAlarm).toBeDefined();
    const composite = Object.values(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0].Properties;
    expect(composite.AlarmName).toBe('tracker-staging-service-unhealthy');
    expect(composite.AlarmActions).toEqual([TOPIC_ARN]);
    const rule = JSON.stringify(composite.AlarmRule);
    for (const signal of ['alb-5xx-rate', 'api-targets-target-5xx', 'api-targets-unhealthy-hosts', 'tracker-api-running-tasks', 'data-host-status-check-system']) {
      expect(rule).toMatch(new RegExp(`"Alarms${signal.replace(/-/g, '')}[0-9A-F]{8}","Arn"`));
    }
    expect(rule).not.toContain('Alarmstrackerapicpu');
  });

  test('rolls a service back on its target group alarms, by literal names (no dependency cycle)', () => {
    const stack = newStack();
    const watched = serviceUnderWatch(stack);
    const alarms = build(stack, {}, watched);
    alarms.enableDeploymentRollback(watched.service, watched.targetGroup);
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::Service', {
      DeploymentConfiguration: Match.objectLike({
        Alarms: { AlarmNames: ['tracker-staging-api-targets-target-5xx', 'tracker-staging-api-targets-p99-latency'], Enable: true, Rollback: true },
      }),
    });
  });

  describe('rejects bad input', () => {
    test.each<[string, Options, RegExp]>([
      ['a threshold out of range', { thresholds: { serviceCpu: { threshold: 120 } } }, /invalid `thresholds.serviceCpu.threshold`: got 120. Use a value from 0 to 100/],
      ['evaluation periods below 1', { thresholds: { hostCpu: { evaluationPeriods: 0 } } }, /invalid `thresholds.hostCpu.evaluationPeriods`: got 0/],
      ['more datapoints than periods', { thresholds: { target5xxCount: { evaluationPeriods: 3, datapointsToAlarm: 4 } } }, /invalid `thresholds.target5xxCount.datapointsToAlarm`: got 4. Use a whole number from 1 to 3/],
      ['a period CloudWatch does not take', { thresholds: { serviceMemory: { period: Duration.seconds(45) } } }, /invalid `thresholds.serviceMemory.period`: got 45 s/],
      ['an evaluation window over a day', { thresholds: { hostCpu: { evaluationPeriods: 300 } } }, /exceed one day/],
      ['topic and strategy together', { topic: sns.Topic.fromTopicArn(newStack(), 'T', 'arn:aws:sns:eu-west-2:111111111111:t'), actionStrategy: new NoAlarmActionStrategy() }, /invalid `actionStrategy`: given together with `topic`/],
      ['a runbook that is not https', { runbookUrl: 'http://wiki/runbook' }, /invalid `runbookUrl`/],
      ['a dashboard name with spaces', { dashboardName: 'tracker staging' }, /invalid `dashboardName`.*1 to 255 letters/],
      ['a bad project name', { projectName: 'Tracker API' }, /invalid `projectName`/],
      ['a bad data host component', { dataHostComponent: 'DB host' }, /invalid `dataHostComponent`/],
    ])('%s', (_what, props, message) => {
      expect(() => synth(props)).toThrow(message);
    });

    test('PostgreSQL connections or a host component without a data host', () => {
      const metric = new cloudwatch.Metric({ namespace: 'CWAgent', metricName: 'postgresql_connections' });
      expect(() => synth({ dataHost: undefined, postgresConnectionsMetric: metric }))
        .toThrow(/Stack\/Monitored: invalid `postgresConnectionsMetric`: given without `dataHost`\. Give the `dataHost` it belongs to/);
      expect(() => synth({ dataHost: undefined, dataHostComponent: 'db' })).toThrow(/invalid `dataHostComponent`: given without `dataHost`/);
    });

    test('a composite alarm with nothing to combine', () => {
      const stack = newStack();
      const environment = new MonitoredEnvironment(stack, 'Monitored', { projectName: 'p', environmentName: 'e' });
      expect(() => new StandardAlarms(stack, 'Alarms', { environment, serviceUnhealthyAlarm: true }))
        .toThrow(/invalid `serviceUnhealthyAlarm`: nothing to combine/);
    });

    test('rollback on a target group that is not watched', () => {
      const stack = newStack();
      const watched = serviceUnderWatch(stack);
      const alarms = build(stack, { targetGroups: [] }, watched);
      expect(() => alarms.enableDeploymentRollback(watched.service, watched.targetGroup)).toThrow(/invalid `targetGroup`: has no rollback alarms/);
    });
  });

  test('cdk-nag clean', () => {
    // The fixture's bare ALB and task definition are not under test; the alarms are.
    const findings = nagFindings((stack) => build(stack));
    expect(findings.filter((f) => f.includes('/Alb/') || f.includes('/Task/'))).not.toEqual([]);
    expect(findings.filter((f) => !f.includes('/Alb/') && !f.includes('/Task/'))).toEqual([]);
  });

  test('creates alarms only: 15 metric alarms and the composite, nothing else', () => {
    const { template } = synth({ serviceUnhealthyAlarm: true });
    const types = Object.entries(template.toJSON().Resources as Record<string, { Type: string }>)
      .filter(([id]) => id.startsWith('Alarms')).map(([, r]) => r.Type);
    expect(types.filter((t) => t === 'AWS::CloudWatch::Alarm')).toHaveLength(15);
    expect(types.filter((t) => t !== 'AWS::CloudWatch::Alarm')).toEqual(['AWS::CloudWatch::CompositeAlarm']);
  });
});
