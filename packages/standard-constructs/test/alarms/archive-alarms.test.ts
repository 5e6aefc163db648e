import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { build, newStack, Options, RUNBOOK } from './fixtures';
import { IMonitoredHost } from '../../src/alarms';
import { MonitoredEnvironment } from '../../src/monitoring';
import { ServiceDashboard } from '../../src/observability';
import { dashboardWidgets, titled } from '../observability/fixtures';

/** A host that archives WAL and takes backups, publishing both ages like `TimescaleDataHost` (agent namespace, by InstanceId). */
const archivingHost: IMonitoredHost = {
  instanceId: 'i-0123456789abcdef0',
  instanceType: new ec2.InstanceType('m7g.large'),
  monitoredMountPaths: ['/'],
  agentMetricsNamespace: 'Glimpse/DataHost',
  walArchiveAgeMetric: new cloudwatch.Metric({
    namespace: 'Glimpse/DataHost', metricName: 'wal_archive_age_seconds', dimensionsMap: { InstanceId: 'i-0123456789abcdef0' }, statistic: 'Maximum',
  }),
  lastBackupAgeMetric: new cloudwatch.Metric({
    namespace: 'Glimpse/DataHost', metricName: 'last_backup_age_seconds', dimensionsMap: { InstanceId: 'i-0123456789abcdef0' }, statistic: 'Maximum',
  }),
};

function synth(options: Options = {}) {
  const stack = newStack();
  build(stack, { dataHost: archivingHost, ...options });
  return { template: Template.fromStack(stack) };
}

function alarmNamed(template: Template, name: string): Record<string, any> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } }));
  expect(found).toHaveLength(1);
  return found[0].Properties;
}

describe('WAL archive and backup age alarms', () => {
  test('WAL archive age: > 180 s in 2 of 2 one-minute periods, silence breaches', () => {
    expect(alarmNamed(synth().template, 'tracker-staging-data-host-wal-archive-age')).toMatchObject({
      Namespace: 'Glimpse/DataHost',
      MetricName: 'wal_archive_age_seconds',
      Dimensions: [{ Name: 'InstanceId', Value: 'i-0123456789abcdef0' }],
      Statistic: 'Maximum',
      Period: 60,
      Threshold: 180,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'breaching',
      AlarmDescription: `The last WAL segment was archived more than 180 s ago. Runbook: ${RUNBOOK}`,
    });
  });

  test('last backup age: > 26 h in 3 of 3 five-minute periods, silence breaches', () => {
    expect(alarmNamed(synth().template, 'tracker-staging-data-host-backup-age')).toMatchObject({
      MetricName: 'last_backup_age_seconds', Period: 300, Threshold: 93_600, EvaluationPeriods: 3, TreatMissingData: 'breaching',
    });
  });

  test('thresholds overridable and switchable like the others', () => {
    const { template } = synth({
      thresholds: { walArchiveAge: { threshold: 120, period: Duration.minutes(2), evaluationPeriods: 3 }, lastBackupAge: { enabled: false } },
    });
    expect(alarmNamed(template, 'tracker-staging-data-host-wal-archive-age')).toMatchObject({ Threshold: 120, Period: 120, EvaluationPeriods: 3 });
    expect(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: 'tracker-staging-data-host-backup-age' } })).toEqual({});
  });

  test('only what the host publishes: a host with just the WAL metric gets just that alarm', () => {
    const { template } = synth({ dataHost: { ...archivingHost, lastBackupAgeMetric: undefined } });
    const names = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties.AlarmName);
    expect(names).toContain('tracker-staging-data-host-wal-archive-age');
    expect(names).not.toContain('tracker-staging-data-host-backup-age');
  });

  test('the dashboard graphs both ages with the alarm thresholds as lines', () => {
    const stack = newStack();
    const alarms = build(stack, { dataHost: archivingHost });
    new ServiceDashboard(stack, 'Dashboard', { environment: stack.node.findChild('Monitored') as MonitoredEnvironment, alarms: alarms.alarms });
    const widgets = dashboardWidgets(Template.fromStack(stack));
    const wal = titled(widgets, /^Host: WAL archive age$/)[0];
    expect(wal.properties.metrics).toEqual([['Glimpse/DataHost', 'wal_archive_age_seconds', 'InstanceId', 'i-0123456789abcdef0', { stat: 'Maximum' }]]);
    expect(wal.properties.annotations).toEqual({ horizontal: [{ value: 180, label: 'wal-archive-age alarm > 180', color: '#d62728', yAxis: 'left' }] });
    const backup = titled(widgets, /^Host: last backup age$/)[0];
    expect(backup.properties.annotations).toEqual({ horizontal: [{ value: 93_600, label: 'backup-age alarm > 93600', color: '#d62728', yAxis: 'left' }] });
  });
});
