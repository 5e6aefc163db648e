import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Signal, SignalKey, SIGNALS } from './signal-defaults';
import { slug } from '../monitoring/component-name';
import { HostMetrics } from '../monitoring/host-metrics';
import { MetricSource } from '../monitoring/metric-source';
import { MonitoredSources } from '../monitoring/monitored-sources';

/** One standard alarm to create: which signal, on which source's metric. */
export interface PlannedAlarm {
  readonly signal: SignalKey;
  readonly source: MetricSource;
  readonly metric: (period: Duration) => cloudwatch.IMetric;
  /** Distinguishes several alarms of one signal (status check kinds, mount paths). */
  readonly qualifier?: string;
  readonly defaults: Signal;
}

/**
 * Every standard alarm the environment's sources call for, in a fixed order
 * (load balancer, target groups, services, host), each signal in the order
 * of its resource's section: alarm names, the composite rule and the
 * rollback list follow it.
 */
export function planAlarms(sources: MonitoredSources): PlannedAlarm[] {
  const plan: PlannedAlarm[] = [];
  const add: Add = (signal, source, metric, qualifier, defaults = SIGNALS[signal]) => {
    plan.push({ signal, source, metric, qualifier, defaults });
  };

  const alb = sources.loadBalancer;
  if (alb) {
    add('loadBalancer5xxRate', alb, (period) => alb.elb5xxRate(period));
    add('rejectedConnections', alb, (period) => alb.rejectedConnections(period));
  }
  for (const tg of sources.targetGroups) {
    add('target5xxCount', tg, (period) => tg.target5xx(period));
    add('targetResponseTimeP99', tg, (period) => tg.responseTime(period, 'p99'));
    add('unhealthyHosts', tg, (period) => tg.unhealthyHosts(period));
  }
  for (const service of sources.services) {
    add('serviceCpu', service, (period) => service.utilization('CPUUtilization', period, 'Average'));
    add('serviceMemory', service, (period) => service.utilization('MemoryUtilization', period, 'Average'));
    add('runningTasksBelowDesired', service, (period) => service.tasksBelowDesired(period));
  }
  if (sources.host) planHost(sources.host, add);
  return plan;
}

type Add = (signal: SignalKey, source: MetricSource, metric: (period: Duration) => cloudwatch.IMetric, qualifier?: string, defaults?: Signal) => void;

function planHost(host: HostMetrics, add: Add): void {
  add('hostStatusCheck', host, (period) => host.ec2('StatusCheckFailed_System', period, 'Maximum'), 'system');
  add('hostStatusCheck', host, (period) => host.ec2('StatusCheckFailed_Instance', period, 'Maximum'), 'instance');
  add('hostCpu', host, (period) => host.ec2('CPUUtilization', period, 'Average'));
  if (host.host.instanceType.isBurstable()) add('hostCpuCreditBalance', host, (period) => host.ec2('CPUCreditBalance', period, 'Minimum'));
  for (const path of host.host.monitoredMountPaths) {
    add('hostDiskUsed', host, (period) => host.agent('disk_used_percent', period, { path }), path === '/' ? 'root' : slug(path));
  }
  add('hostMemoryUsed', host, (period) => host.agent('mem_used_percent', period));
  if (host.hasConnections) add('postgresConnections', host, (period) => host.connections(period)!, undefined, connectionDefaults(host.knownMaxConnections));
  if (host.host.walArchiveAgeMetric) add('walArchiveAge', host, (period) => host.walArchiveAge(period)!);
  if (host.host.lastBackupAgeMetric) add('lastBackupAge', host, (period) => host.lastBackupAge(period)!);
}

/** Share of `max_connections` the connections alarm defaults to. */
const CONNECTIONS_SHARE = 0.8;

/** The connections signal, its threshold 80 % of `max_connections` (rounded down) when the host says what that is. */
function connectionDefaults(maxConnections: number | undefined): Signal {
  const signal = SIGNALS.postgresConnections;
  if (maxConnections === undefined) return signal;
  return {
    ...signal,
    threshold: Math.floor(maxConnections * CONNECTIONS_SHARE),
    what: `${signal.what} (max_connections ${maxConnections})`,
  };
}
