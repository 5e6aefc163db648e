import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { GraphSpec, PERCENT_AXIS } from './dashboard-layout';
import { knownMaxConnections, publishedConnections } from '../alarms/host-connections';
import { IMonitoredHost } from '../alarms/monitored-host';

/**
 * An EC2 host running the CloudWatch agent (e.g. `TimescaleDataHost`):
 * CPU and status checks, CPU credits for burstable types only, memory, disk
 * per monitored mount path, and PostgreSQL connections when a metric is given
 * or the host publishes one (then at `period`), with `max_connections` as a
 * line when the host knows it. Agent metrics follow the `IMonitoredHost`
 * contract: memory by `[InstanceId]`, disk by `[InstanceId, path]`.
 */
export function hostGraphs(host: IMonitoredHost, period: Duration, givenConnections?: cloudwatch.IMetric): GraphSpec[] {
  const ec2 = (metricName: string, statistic: string, label: string) => new cloudwatch.Metric({
    namespace: 'AWS/EC2', metricName, dimensionsMap: { InstanceId: host.instanceId }, period, statistic, label,
  });
  const agent = (metricName: string, label: string, extra: Record<string, string> = {}) => new cloudwatch.Metric({
    namespace: host.agentMetricsNamespace,
    metricName,
    dimensionsMap: { InstanceId: host.instanceId, ...extra },
    period,
    statistic: 'Maximum',
    label,
  });
  const specs: GraphSpec[] = [
    {
      title: 'Host: CPU and status checks',
      left: [ec2('CPUUtilization', 'Average', 'CPU average'), ec2('CPUUtilization', 'Maximum', 'CPU maximum')],
      right: [ec2('StatusCheckFailed_System', 'Maximum', 'System check failed'), ec2('StatusCheckFailed_Instance', 'Maximum', 'Instance check failed')],
      leftYAxis: PERCENT_AXIS,
      rightYAxis: { min: 0, max: 1, showUnits: false, label: 'failed' },
    },
  ];
  if (host.instanceType.isBurstable()) {
    specs.push({
      title: 'Host: CPU credits',
      left: [ec2('CPUCreditBalance', 'Minimum', 'Balance')],
      right: [ec2('CPUCreditUsage', 'Sum', 'Used'), ec2('CPUSurplusCreditBalance', 'Maximum', 'Surplus (billed on unlimited)')],
      rightYAxis: { min: 0, showUnits: false },
    });
  }
  specs.push(
    { title: 'Host: memory used', left: [agent('mem_used_percent', 'Memory used')], leftYAxis: PERCENT_AXIS },
    {
      title: 'Host: disk used',
      left: host.monitoredMountPaths.map((path) => agent('disk_used_percent', path, { path })),
      leftYAxis: PERCENT_AXIS,
    },
  );
  const connections = givenConnections ?? publishedConnections(host, period);
  if (connections) {
    const max = knownMaxConnections(host);
    specs.push({
      title: 'Host: PostgreSQL connections',
      left: [connections],
      leftAnnotations: max === undefined ? undefined : [{ value: max, label: 'max_connections' }],
    });
  }
  return specs;
}
