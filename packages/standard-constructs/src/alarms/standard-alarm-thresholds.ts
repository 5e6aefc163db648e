import { AlarmThreshold } from './alarm-threshold';

/**
 * Per-signal overrides of `StandardAlarms`; each falls back to the documented
 * default. A signal the environment does not have (host thresholds without a
 * host, CPU credits on a host that is not burstable...) is rejected.
 */
export interface StandardAlarmThresholds {
  /** ALB-generated 5xx as a percent of requests. @default > 5 % in 3 of 3 one-minute periods */
  readonly loadBalancer5xxRate?: AlarmThreshold;
  /** ALB connections rejected at the connection limit. @default > 0 in 1 of 1 one-minute period */
  readonly rejectedConnections?: AlarmThreshold;
  /** 5xx answered by a target group's targets, a count. @default > 5 in 3 of 3 one-minute periods */
  readonly target5xxCount?: AlarmThreshold;
  /** p99 target response time, seconds. @default > 2 s in 5 of 5 one-minute periods */
  readonly targetResponseTimeP99?: AlarmThreshold;
  /** Unhealthy targets. @default >= 1 in 3 of 3 one-minute periods */
  readonly unhealthyHosts?: AlarmThreshold;
  /** ECS service average CPU, percent. @default > 80 % in 5 of 5 one-minute periods */
  readonly serviceCpu?: AlarmThreshold;
  /** ECS service average memory, percent. @default > 80 % in 5 of 5 one-minute periods */
  readonly serviceMemory?: AlarmThreshold;
  /** Tasks missing: desired minus running (Container Insights). @default > 0 in 5 of 5 one-minute periods */
  readonly runningTasksBelowDesired?: AlarmThreshold;
  /** EC2 system and instance status checks failed. @default >= 1 in 2 of 2 one-minute periods */
  readonly hostStatusCheck?: AlarmThreshold;
  /** Host CPU, percent. @default > 80 % in 3 of 3 five-minute periods */
  readonly hostCpu?: AlarmThreshold;
  /** CPU credit balance of burstable hosts, credits. @default < 20 in 3 of 3 five-minute periods */
  readonly hostCpuCreditBalance?: AlarmThreshold;
  /** Disk used per monitored mount path, percent (CloudWatch agent). @default > 80 % in 2 of 2 five-minute periods */
  readonly hostDiskUsed?: AlarmThreshold;
  /** Memory used, percent (CloudWatch agent). @default > 90 % in 3 of 3 five-minute periods */
  readonly hostMemoryUsed?: AlarmThreshold;
  /**
   * PostgreSQL connections, when the data host publishes them (`TimescaleDataHost`) or the environment has a `postgresConnectionsMetric`.
   * @default > 80 % of the host's `postgresMaxConnections`, rounded down (> 80 when unknown), in 3 of 3 five-minute periods
   */
  readonly postgresConnections?: AlarmThreshold;
  /**
   * Seconds since the host last archived a WAL segment, when it publishes `walArchiveAgeMetric`.
   * With `archive_timeout` 60 s the age saw-tooths up to about a minute; three minutes means archiving has stopped.
   * @default > 180 s in 2 of 2 one-minute periods
   */
  readonly walArchiveAge?: AlarmThreshold;
  /**
   * Seconds since the host's last successful backup, when it publishes `lastBackupAgeMetric`.
   * A daily backup plus two hours' slack for its run time.
   * @default > 93,600 s (26 h) in 3 of 3 five-minute periods
   */
  readonly lastBackupAge?: AlarmThreshold;
}
