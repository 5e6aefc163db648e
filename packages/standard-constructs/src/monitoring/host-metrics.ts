import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { MetricSource } from './metric-source';
import { IMonitoredHost } from '../alarms/monitored-host';

/**
 * The metrics of an EC2 host running the CloudWatch agent (e.g.
 * `TimescaleDataHost`). Agent metrics follow the `IMonitoredHost` contract:
 * memory by `[InstanceId]`, disk by `[InstanceId, path]`.
 */
export class HostMetrics extends MetricSource {
  constructor(
    public readonly host: IMonitoredHost,
    component: string,
    /** A connections metric that replaces the host's own, used as given. */
    private readonly givenConnections?: cloudwatch.IMetric,
  ) {
    super(component);
  }

  /** An `AWS/EC2` metric of the instance. */
  public ec2(metricName: string, period: Duration, statistic: string, label?: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/EC2', metricName, dimensionsMap: { InstanceId: this.host.instanceId }, period, statistic, label,
    });
  }

  /** A CloudWatch agent metric (maximum), by `InstanceId` plus `extra` dimensions. */
  public agent(metricName: string, period: Duration, extra: Record<string, string> = {}, label?: string): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.host.agentMetricsNamespace,
      metricName,
      dimensionsMap: { InstanceId: this.host.instanceId, ...extra },
      period,
      statistic: 'Maximum',
      label,
    });
  }

  /** Whether PostgreSQL connections can be alarmed on and graphed. */
  public get hasConnections(): boolean {
    return (this.givenConnections ?? this.host.postgresConnectionsMetric) !== undefined;
  }

  /** PostgreSQL connections: the given metric as it is, else the host's at `period`. */
  public connections(period: Duration): cloudwatch.IMetric | undefined {
    return this.givenConnections ?? atPeriod(this.host.postgresConnectionsMetric, period);
  }

  /** Seconds since the last WAL segment was archived, at `period`. */
  public walArchiveAge(period: Duration): cloudwatch.IMetric | undefined {
    return atPeriod(this.host.walArchiveAgeMetric, period);
  }

  /** Seconds since the last successful backup, at `period`. */
  public lastBackupAge(period: Duration): cloudwatch.IMetric | undefined {
    return atPeriod(this.host.lastBackupAgeMetric, period);
  }

  /** The host's `max_connections` when known at synth (not a token), for thresholds and graph lines. */
  public get knownMaxConnections(): number | undefined {
    const max = this.host.postgresMaxConnections;
    return max === undefined || Token.isUnresolved(max) ? undefined : max;
  }
}

/** A published metric at `period` (alarms and graphs choose their own); a math expression keeps the period it was built with. */
function atPeriod(published: cloudwatch.IMetric | undefined, period: Duration): cloudwatch.IMetric | undefined {
  return published instanceof cloudwatch.Metric ? published.with({ period }) : published;
}
