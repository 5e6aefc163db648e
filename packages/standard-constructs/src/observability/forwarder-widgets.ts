import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { GraphSpec } from './dashboard-layout';

/**
 * The alarm forwarder: invocations against errors and throttles, duration,
 * and messages waiting in its dead-letter queue (alarms nobody was told about).
 */
export function forwarderGraphs(fn: lambda.IFunction | undefined, dlq: sqs.IQueue | undefined, period: Duration): GraphSpec[] {
  const specs: GraphSpec[] = [];
  if (fn) {
    const sum = { period, statistic: 'Sum' };
    specs.push(
      {
        title: 'Forwarder: invocations and errors',
        left: [fn.metricInvocations({ ...sum, label: 'Invocations' })],
        right: [fn.metricErrors({ ...sum, label: 'Errors' }), fn.metricThrottles({ ...sum, label: 'Throttles' })],
        rightYAxis: { min: 0, showUnits: false },
      },
      {
        title: 'Forwarder: duration',
        left: [fn.metricDuration({ period, statistic: 'p99', label: 'p99' }), fn.metricDuration({ period, statistic: 'Maximum', label: 'Maximum' })],
        leftYAxis: { min: 0, label: 'ms', showUnits: false },
      },
    );
  }
  if (dlq) {
    specs.push({
      title: 'Forwarder: dead-letter queue',
      left: [dlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum', label: 'Messages' })],
    });
  }
  return specs;
}
