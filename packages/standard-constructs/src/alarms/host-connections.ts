import { Duration, Token } from 'aws-cdk-lib';
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

/** The host's `max_connections` when known at synth (not a token), for thresholds and graph lines. */
export function knownMaxConnections(host: IMonitoredHost): number | undefined {
  const max = host.postgresMaxConnections;
  return max === undefined || Token.isUnresolved(max) ? undefined : max;
}
