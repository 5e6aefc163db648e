import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SignalDefaults } from './resolve-threshold';
import { StandardAlarmThresholds } from './standard-alarm-thresholds';

/** A key of `StandardAlarmThresholds`: one standard signal. */
export type SignalKey = keyof StandardAlarmThresholds;

/** How one signal alarms by default, and how it treats missing data (and why). */
export interface Signal extends SignalDefaults {
  readonly suffix: string;
  readonly comparison: cloudwatch.ComparisonOperator;
  readonly missing: cloudwatch.TreatMissingData;
  readonly what: string;
  /** What the environment must have for the signal to apply, for the error when a threshold is given without it. */
  readonly needs: string;
  /** Part of the composite "service unhealthy" alarm. */
  readonly availability?: boolean;
  /** Signals a bad deployment: a service may roll back on it. */
  readonly rollback?: boolean;
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
const ALB = 'a `loadBalancer`';
const TARGETS = '`targetGroups`';
const SERVICES = '`services`';
const HOST = 'a `dataHost`';

export const SIGNALS: Record<SignalKey, Signal> = {
  loadBalancer5xxRate: { suffix: '5xx-rate', comparison: GT, missing: QUIET_IS_OK, threshold: 5, evaluationPeriods: 3, period: MINUTE, min: 0, max: 100, needs: ALB, availability: true, rollback: true, what: 'The load balancer answers more than {t} % of requests with its own 5xx' },
  rejectedConnections: { suffix: 'rejected-connections', comparison: GT, missing: QUIET_IS_OK, threshold: 0, evaluationPeriods: 1, period: MINUTE, min: 0, max: BIG, needs: ALB, what: 'The load balancer rejected connections at its connection limit' },
  target5xxCount: { suffix: 'target-5xx', comparison: GT, missing: QUIET_IS_OK, threshold: 5, evaluationPeriods: 3, period: MINUTE, min: 0, max: BIG, needs: TARGETS, availability: true, rollback: true, what: 'Targets answered more than {t} 5xx a period' },
  targetResponseTimeP99: { suffix: 'p99-latency', comparison: GT, missing: QUIET_IS_OK, threshold: 2, evaluationPeriods: 5, period: MINUTE, min: 0, max: 3600, needs: TARGETS, rollback: true, what: 'p99 target response time is above {t} s' },
  unhealthyHosts: { suffix: 'unhealthy-hosts', comparison: GTE, missing: QUIET_IS_OK, threshold: 1, evaluationPeriods: 3, period: MINUTE, min: 1, max: BIG, needs: TARGETS, availability: true, what: 'At least {t} target fails its health check' },
  serviceCpu: { suffix: 'cpu', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 5, period: MINUTE, min: 0, max: 100, needs: SERVICES, what: 'Service CPU is above {t} %' },
  serviceMemory: { suffix: 'memory', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 5, period: MINUTE, min: 0, max: 100, needs: SERVICES, what: 'Service memory is above {t} %' },
  runningTasksBelowDesired: { suffix: 'running-tasks', comparison: GT, missing: SILENCE_IS_BAD, threshold: 0, evaluationPeriods: 5, period: MINUTE, min: 0, max: BIG, needs: SERVICES, availability: true, what: 'More than {t} tasks below the desired count' },
  hostStatusCheck: { suffix: 'status-check', comparison: GTE, missing: SILENCE_IS_BAD, threshold: 1, evaluationPeriods: 2, period: MINUTE, min: 1, max: 1, needs: HOST, availability: true, what: 'The host fails its status check' },
  hostCpu: { suffix: 'cpu', comparison: GT, missing: QUIET_IS_OK, threshold: 80, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: 100, needs: HOST, what: 'Host CPU is above {t} %' },
  hostCpuCreditBalance: { suffix: 'cpu-credits', comparison: LT, missing: QUIET_IS_OK, threshold: 20, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: BIG, needs: 'a burstable (T type) `dataHost`', what: 'The burstable host has fewer than {t} CPU credits left' },
  hostDiskUsed: { suffix: 'disk', comparison: GT, missing: SILENCE_IS_BAD, threshold: 80, evaluationPeriods: 2, period: FIVE_MINUTES, min: 0, max: 100, needs: 'a `dataHost` with `monitoredMountPaths`', what: 'Disk used is above {t} %' },
  hostMemoryUsed: { suffix: 'memory', comparison: GT, missing: SILENCE_IS_BAD, threshold: 90, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: 100, needs: HOST, what: 'Host memory used is above {t} %' },
  postgresConnections: { suffix: 'postgres-connections', comparison: GT, missing: SILENCE_IS_BAD, threshold: 80, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: BIG, needs: 'a `dataHost` publishing `postgresConnectionsMetric`, or the environment\'s `postgresConnectionsMetric`', what: 'PostgreSQL has more than {t} connections' },
  walArchiveAge: { suffix: 'wal-archive-age', comparison: GT, missing: SILENCE_IS_BAD, threshold: 180, evaluationPeriods: 2, period: MINUTE, min: 0, max: BIG, needs: 'a `dataHost` publishing `walArchiveAgeMetric`', what: 'The last WAL segment was archived more than {t} s ago' },
  lastBackupAge: { suffix: 'backup-age', comparison: GT, missing: SILENCE_IS_BAD, threshold: 93_600, evaluationPeriods: 3, period: FIVE_MINUTES, min: 0, max: BIG, needs: 'a `dataHost` publishing `lastBackupAgeMetric`', what: 'The last successful backup finished more than {t} s ago' },
};

/** Comparison operators as a graph line's label writes them. */
export const COMPARISON_SYMBOL: Partial<Record<cloudwatch.ComparisonOperator, string>> = {
  [GT]: '>', [GTE]: '>=', [LT]: '<',
};
