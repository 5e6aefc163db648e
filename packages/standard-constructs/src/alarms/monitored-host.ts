import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * What `MonitoredEnvironment` needs to know about an EC2 host to alarm on it
 * and graph it. `TimescaleDataHost` implements it; any host running the
 * CloudWatch agent with the same aggregation can too.
 *
 * Contract with the CloudWatch agent configuration: memory metrics
 * (`mem_used_percent`) are aggregated by `[InstanceId]` and disk metrics
 * (`disk_used_percent`) by `[InstanceId, path]`, in `agentMetricsNamespace`.
 */
export interface IMonitoredHost {
  /** The EC2 instance id. */
  readonly instanceId: string;
  /** The instance type, to decide whether CPU credit alarms apply (burstable T types). */
  readonly instanceType: ec2.InstanceType;
  /** Mount paths whose `disk_used_percent` the agent publishes (e.g. `/` and the data volume). */
  readonly monitoredMountPaths: string[];
  /** CloudWatch namespace of the agent's metrics. */
  readonly agentMetricsNamespace: string;
  /**
   * PostgreSQL client connections on the host, if the host publishes them
   * (`TimescaleDataHost` does): `StandardAlarms` alarms on it and
   * `ServiceDashboard` graphs it unless the environment is given a
   * `postgresConnectionsMetric`.
   * @default - the host publishes no connections metric
   */
  readonly postgresConnectionsMetric?: cloudwatch.IMetric;
  /**
   * PostgreSQL's `max_connections` on the host: the connections alarm's
   * default threshold is 80 % of it.
   * @default - unknown: the connections alarm's threshold defaults to 80
   */
  readonly postgresMaxConnections?: number;
  /**
   * Seconds since the last WAL segment was archived (the data at risk if
   * the host were lost now). `StandardAlarms` alarms on it, treating
   * missing data as breaching, and `ServiceDashboard` graphs it.
   * @default - the host does not archive WAL: no archive alarm or graph
   */
  readonly walArchiveAgeMetric?: cloudwatch.IMetric;
  /**
   * Seconds since the last successful backup. `StandardAlarms` alarms on
   * it, treating missing data as breaching, and `ServiceDashboard` graphs it.
   * @default - the host publishes no backup age: no backup alarm or graph
   */
  readonly lastBackupAgeMetric?: cloudwatch.IMetric;
}
