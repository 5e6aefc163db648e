import type { SNSEvent, SNSEventRecord } from 'aws-lambda';
import { AlarmNotification, parseAlarmNotification } from './alarm-message';
import { buildTeamsMessage } from './card';
import { deliver, DeliveryError, DeliveryOptions } from './delivery';
import { FORWARDER_METRIC_NAMES } from './forwarder-environment';
import { MinIntervalLimiter } from './rate-limiter';
import { utf8Bytes } from './text';

/** The logging the forwarder needs (Powertools `Logger` fits). */
export interface ForwarderLogger {
  info(message: string, ...extra: Array<Record<string, unknown>>): void;
  error(message: string, ...extra: Array<Record<string, unknown>>): void;
}

/** The metrics the forwarder records (Powertools `Metrics` fits). */
export interface ForwarderMetrics {
  addMetric(name: string, unit: 'Count', value: number): void;
  publishStoredMetrics(): void;
}

/** Everything the handler depends on, so tests can point it at a local Teams. */
export interface ForwarderDependencies {
  readonly webhookUrl: () => Promise<string>;
  readonly logger: ForwarderLogger;
  readonly metrics: ForwarderMetrics;
  readonly limiter: MinIntervalLimiter;
  readonly region: string;
  /** The environment the account serves, shown on every card. */
  readonly environmentName?: string;
  readonly delivery: Omit<DeliveryOptions, 'deadline' | 'limiter'>;
}

/** What Lambda passes besides the event, narrowed to what the handler uses. */
export interface InvocationContext {
  getRemainingTimeInMillis(): number;
}

/** Time kept back from the Lambda deadline to log, publish metrics and fail cleanly. */
const DEADLINE_MARGIN_MS = 2_000;

/**
 * The SNS → Teams handler. Each record becomes a card posted to the Workflows
 * URL. A record that cannot be delivered, for whatever reason (the URL cannot
 * be read, Teams refuses, a bug), is logged, counted as `DeliveryFailed`, and
 * makes the invocation throw, so that Lambda's asynchronous retries and then
 * the dead-letter queue keep it.
 */
export function createForwarder(deps: ForwarderDependencies) {
  return async (event: SNSEvent, context?: InvocationContext): Promise<void> => {
    const remaining = context?.getRemainingTimeInMillis() ?? 60_000;
    const deadline = Date.now() + remaining - DEADLINE_MARGIN_MS;
    try {
      for (const record of event.Records) await forward(record, deps, deadline);
    } finally {
      deps.metrics.publishStoredMetrics();
    }
  };
}

async function forward(record: SNSEventRecord, deps: ForwarderDependencies, deadline: number): Promise<void> {
  const { Subject, Message, MessageId } = record.Sns;
  let alarm: AlarmNotification | undefined;
  let bytes: number | undefined;
  try {
    alarm = parseAlarmNotification(Message);
    const card = buildTeamsMessage(Subject ?? undefined, Message, alarm,
      { defaultRegion: deps.region, environmentName: deps.environmentName });
    const body = JSON.stringify(card);
    bytes = utf8Bytes(body);
    const url = await deps.webhookUrl();
    const result = await deliver(url, body, { ...deps.delivery, deadline, limiter: deps.limiter });
    deps.metrics.addMetric(FORWARDER_METRIC_NAMES.delivered, 'Count', 1);
    deps.metrics.addMetric(FORWARDER_METRIC_NAMES.deliveryAttempts, 'Count', result.attempts);
    deps.logger.info('Delivered to Teams', { messageId: MessageId, alarm: alarm?.alarmName, state: alarm?.newState, attempts: result.attempts, bytes });
  } catch (e) {
    deps.metrics.addMetric(FORWARDER_METRIC_NAMES.deliveryFailed, 'Count', 1);
    const attempts = e instanceof DeliveryError ? e.attempts : 0;
    deps.logger.error('Could not deliver to Teams; failing the invocation so Lambda retries, then dead-letters it',
      { messageId: MessageId, alarm: alarm?.alarmName, attempts, bytes, error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}
