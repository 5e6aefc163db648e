import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmThreshold, SignalDefaults } from './alarm-threshold';

/** Per-signal overrides of `StandardAlarms`; each falls back to the documented default. */
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
   * PostgreSQL connections, when the data host publishes them (`TimescaleDataHost`) or `postgresConnectionsMetric` is given.
   * @default > 80 % of the host's `postgresMaxConnections`, rounded down (> 80 when unknown), in 3 of 3 five-minute periods
   */
  readonly postgresConnections?: AlarmThreshold;
}

/** How one signal alarms by default, and how it treats missing data (and why). */
export interface Signal extends SignalDefaults {
  readonly suffix: string;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly missing: cloudwatch.TreatMissingData;
  readonly what: string;
}

const GT = cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD;
const GTE = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD;
const LT = cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD;
/** No data means nothing happened (no requests, no errors): fine. */
const QUIET_IS_OK = cloudwatch.TreatMissingData.NOT_BREACHING;
/** No data means the thing that reports is gone (stopped host, dead agent, no tasks): alarm. */
const SILENCE_IS_BAD = cloudwatch.TreatMissingData.BREACHING;
const MINUTE = Duration.minutes(1);
const FIVE_MINUTES = Duration.minutes(5);
const BIG = 1_000_000;

export const SIGNALS: Record<keyof StandardAlarmThresholds, Signal> = {
  loadBalancer5xxRate: { suffix: '5xx-rate', comparison: GT, missing: QUIET_IS_OK, threshold: 5, evaluationPeriods: 3, period: MINUTE, min: 0, max: 100, what: 'The load balancer answers more than {t} % of requests with its own 5xx' },
  rejectedConnections: { suffix: 'rejected-connections', comparison: GT, missing: QUIET_IS_OK, threshold: 0, evaluationPeriods: 1, period: MINUTE, min: 0, max: BIG, what: 'The load balancer rejected connections at its connection limit' },
  target5xxCount: { suffix: 'target-5xx', comparison: GT, missing: QUIET_IS_OK, threshold: 5, evaluationPeriods: 3, period: MINUTE, min: 0, max: BIG, what: 'Targets answered more than {t} 5xx a period' },
  targetResponseTimeP99: { suffix: 'p99-latency', comparison: GT, missing: QUIET_IS_OK, threshold: 2, evaluationPeriods: 5, period: MINUTE, min: 0, max: 3600, what: 'p99 target response time is above {t} s' },
  unhealthyHosts: { suffix: 'unhealthy-hosts', comparison: GTE, missing: QUIET_IS_OK, threshold: 1, evaluationPeriods: 3, period: MINUTE, min: 1, max: BIG, what: 'At least {t} target fails its health check' },
  serviceCpu: { suffix: 'cpu', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 5, period: MINUTE, min: 0, max: 100, what: 'Service CPU is above {t} %' },
  serviceMemory: { suffix: 'memory', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 5, period: MINUTE, min: 0, max: 100, what: 'Service memory is above {t} %' },
  runningTasksBelowDesired: { suffix: 'running-tasks', comparison: GT, missing: SILENCE_IS_BAD, threshold: 0, evaluationPeriods: 5, period: MINUTE, min: 0, max: BIG, what: 'More than {t} tasks below the desired count' },
  hostStatusCheck: { suffix: 'status-check', comparison: GTE, missing: SILENCE_IS_BAD, threshold: 1, evaluationPeriods: 2, period: MINUTE, min: 1, max: 1, what: 'The host fails its status check' },
  hostCpu: { suffix: 'cpu', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: 100, what: 'Host CPU is above {t} %' },
  hostCpuCreditBalance: { suffix: 'cpu-credits', comparison: LT, missing: QUIET_IS_OK, threshold: 20, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: BIG, what: 'The burstable host has fewer than {t} CPU credits left' },
  hostDiskUsed: { suffix: 'disk', comparison: GT, missing: SILENCE_IS_BAD, threshold: 80, evaluationPeriods: 2, period: FIVE_MINUTES, min: 0, max: 100, what: 'Disk used is above {t} %' },
  hostMemoryUsed: { suffix: 'memory', comparison: GT, missing: SILENCE_IS_BAD, threshold: 90, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: 100, what: 'Host memory used is above {t} %' },
  postgresConnections: { suffix: 'postgres-connections', comparison: GT, missing: SILENCE_IS_BAD, threshold: 80, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: BIG, what: 'PostgreSQL has more than {t} connections' },
};
