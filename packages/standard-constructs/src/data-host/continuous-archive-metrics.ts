import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IConstruct } from 'constructs';

/** Seconds since the last WAL segment reached the repository while WAL waits (0 when nothing is waiting). */
export const WAL_ARCHIVE_AGE_METRIC = 'postgresql_wal_archive_age';
/** Seconds since the last backup that succeeded on every repository. */
export const LAST_BACKUP_AGE_METRIC = 'pgbackrest_last_backup_age';

/**
 * One of the ages the bootstrap's `data-host-archive-metrics` timer publishes
 * every minute by `InstanceId` in the agent's namespace: the maximum over a minute.
 */
export function archiveAgeMetric(scope: IConstruct, namespace: string, instanceId: string, metricName: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace,
    metricName,
    dimensionsMap: { InstanceId: instanceId },
    statistic: cloudwatch.Stats.MAXIMUM,
    period: Duration.minutes(1),
    unit: cloudwatch.Unit.SECONDS,
  }).attachTo(scope);
}
