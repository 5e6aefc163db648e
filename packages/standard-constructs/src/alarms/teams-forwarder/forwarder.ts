import type { SNSEvent } from 'aws-lambda';
import { parseAlarmNotification } from './alarm-message';
import { buildTeamsMessage } from './card';
import { deliver, DeliveryError, DeliveryOptions } from './delivery';
import { MinIntervalLimiter } from './rate-limiter';

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
 * URL. A record that cannot be delivered makes the invocation throw, so that
 * Lambda's asynchronous retries and then the dead-letter queue keep it.
 */
export function createForwarder(deps: ForwarderDependencies) {
  return async (event: SNSEvent, context?: InvocationContext): Promise<void> => {
    const remaining = context?.getRemainingTimeInMillis() ?? 60_000;
    const deadline = Date.now() + remaining - DEADLINE_MARGIN_MS;
    try {
      const url = await deps.webhookUrl();
      for (const record of event.Records) {
        const { Subject, Message, MessageId } = record.Sns;
        const alarm = parseAlarmNotification(Message);
        const body = JSON.stringify(buildTeamsMessage(Subject ?? undefined, Message, alarm, { defaultRegion: deps.region }));
        try {
          const result = await deliver(url, body, { ...deps.delivery, deadline, limiter: deps.limiter });
          deps.metrics.addMetric('Delivered', 'Count', 1);
          deps.metrics.addMetric('DeliveryAttempts', 'Count', result.attempts);
          deps.logger.info('Delivered to Teams', { messageId: MessageId, alarm: alarm?.AlarmName, state: alarm?.NewStateValue, attempts: result.attempts, bytes: body.length });
        } catch (e) {
          deps.metrics.addMetric('DeliveryFailed', 'Count', 1);
          const attempts = e instanceof DeliveryError ? e.attempts : undefined;
          deps.logger.error('Could not deliver to Teams; failing the invocation so Lambda retries, then dead-letters it',
            { messageId: MessageId, alarm: alarm?.AlarmName, attempts, error: (e as Error).message });
          throw e;
        }
      }
    } finally {
      deps.metrics.publishStoredMetrics();
    }
  };
}
