import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { IMonitoredHost } from './monitored-host';

/**
 * The connections metric a host publishes, at `period` (alarms and graphs
 * choose their own); a math expression keeps the period it was built with.
 */
export function publishedConnections(host: IMonitoredHost, period: Duration): cloudwatch.IMetric | undefined {
  const published = host.postgresConnectionsMetric;
  return published instanceof cloudwatch.Metric ? published.with({ period }) : published;
}
