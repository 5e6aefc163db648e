import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';
import { HostMetrics } from '../monitoring/host-metrics';

const SECONDS_AXIS: cloudwatch.YAxisProps = { min: 0, label: 'seconds', showUnits: false };

/**
 * An EC2 host running the CloudWatch agent (e.g. `TimescaleDataHost`), each
 * graph with its alarms' thresholds: CPU and status checks, CPU credits for
 * burstable types only, memory, disk per monitored mount path, PostgreSQL
 * connections (with `max_connections` as a line when the host knows it),
 * and WAL archive and backup age when the host publishes them.
 */
export function hostGraphs(host: HostMetrics, period: Duration): GraphSpec[] {
  const ec2 = (metricName: string, statistic: string, label: string) => host.ec2(metricName, period, statistic, label);
  const agent = (metricName: string, label: string, extra: Record<string, string> = {}) => host.agent(metricName, period, extra, label);
  const specs: GraphSpec[] = [
    {
      title: 'Host: CPU and status checks',
      left: [ec2('CPUUtilization', 'Average', 'CPU average'), ec2('CPUUtilization', 'Maximum', 'CPU maximum')],
      right: [ec2('StatusCheckFailed_System', 'Maximum', 'System check failed'), ec2('StatusCheckFailed_Instance', 'Maximum', 'Instance check failed')],
      leftYAxis: PERCENT_AXIS,
      rightYAxis: { min: 0, max: 1, showUnits: false, label: 'failed' },
      leftAnnotations: host.thresholds('hostCpu'),
      rightAnnotations: host.thresholds('hostStatusCheck'),
    },
  ];
  if (host.host.instanceType.isBurstable()) {
    specs.push({
      title: 'Host: CPU credits',
      left: [ec2('CPUCreditBalance', 'Minimum', 'Balance')],
      right: [ec2('CPUCreditUsage', 'Sum', 'Used'), ec2('CPUSurplusCreditBalance', 'Maximum', 'Surplus (billed on unlimited)')],
      rightYAxis: { min: 0, showUnits: false },
      leftAnnotations: host.thresholds('hostCpuCreditBalance'),
    });
  }
  specs.push(
    { title: 'Host: memory used', left: [agent('mem_used_percent', 'Memory used')], leftYAxis: PERCENT_AXIS, leftAnnotations: host.thresholds('hostMemoryUsed') },
    {
      title: 'Host: disk used',
      left: host.host.monitoredMountPaths.map((path) => agent('disk_used_percent', path, { path })),
      leftYAxis: PERCENT_AXIS,
      leftAnnotations: host.thresholds('hostDiskUsed'),
    },
  );
  const connections = host.connections(period);
  if (connections) {
    const max = host.knownMaxConnections;
    const lines = [...max === undefined ? [] : [{ value: max, label: 'max_connections' }], ...host.thresholds('postgresConnections') ?? []];
    specs.push({ title: 'Host: PostgreSQL connections', left: [connections], leftAnnotations: lines.length > 0 ? lines : undefined });
  }
  specs.push(...archiveGraphs(host, period));
  return specs;
}

/** WAL archive age and last backup age, in seconds: how much data is at risk, and how old the newest restore point is. */
function archiveGraphs(host: HostMetrics, period: Duration): GraphSpec[] {
  const wal = host.walArchiveAge(period);
  const backup = host.lastBackupAge(period);
  const specs: GraphSpec[] = [];
  if (wal) {
    specs.push({ title: 'Host: WAL archive age', left: [wal], leftYAxis: SECONDS_AXIS, leftAnnotations: host.thresholds('walArchiveAge') });
  }
  if (backup) {
    specs.push({ title: 'Host: last backup age', left: [backup], leftYAxis: SECONDS_AXIS, leftAnnotations: host.thresholds('lastBackupAge') });
  }
  return specs;
}
