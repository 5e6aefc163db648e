import { backoffMs } from './backoff';
import { defaultSleep, MinIntervalLimiter } from './rate-limiter';
import { retryAfterMs } from './retry-after';

/** How hard to try before giving up on one message. */
export interface DeliveryOptions {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** First backoff ceiling; doubles each retry. */
  readonly baseDelayMs: number;
  /** Longest wait between two attempts, `Retry-After` included. */
  readonly maxDelayMs: number;
  /** Timeout of one HTTP request. */
  readonly requestTimeoutMs: number;
  /** Epoch ms after which no new attempt starts (the Lambda deadline less a margin). */
  readonly deadline: number;
  readonly limiter: MinIntervalLimiter;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of backoff and `Retry-After` jitter, in [0, 1). */
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface DeliveryResult {
  readonly attempts: number;
  readonly status: number;
}

/** The message could not be delivered; Lambda's retries and dead-letter queue take over. */
export class DeliveryError extends Error {
  constructor(message: string, public readonly attempts: number, public readonly lastStatus?: number) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/**
 * Extra wait after a `Retry-After`, drawn at random up to this: environments
 * told the same second spread over the next one instead of colliding again.
 */
export const RETRY_AFTER_JITTER_MS = 1000;

/** 408, 429 and 5xx are worth retrying; other 4xx answers will not change. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * Posts `body` as JSON, retrying 429 (honouring `Retry-After`, plus jitter), 5xx,
 * timeouts and network errors with jittered exponential backoff, within
 * `maxAttempts` and the deadline. Throws `DeliveryError` when it gives up.
 */
export async function deliver(url: string, body: string, options: DeliveryOptions): Promise<DeliveryResult> {
  const sleep = options.sleep ?? defaultSleep;
  const now = options.now ?? Date.now;
  let lastProblem = 'not attempted';
  let lastStatus: number | undefined;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    await options.limiter.acquire();
    let waitMs: number;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(options.requestTimeoutMs),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { attempts: attempt, status: response.status };
      lastStatus = response.status;
      lastProblem = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) {
        throw new DeliveryError(`Teams rejected the message with ${lastProblem}; not retrying`, attempt, lastStatus);
      }
      const asked = retryAfterMs(response.headers.get('retry-after'), now());
      waitMs = Math.min(options.maxDelayMs, asked === undefined
        ? backoffMs(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random)
        : asked + Math.floor((options.random ?? Math.random)() * RETRY_AFTER_JITTER_MS));
      if (asked !== undefined) options.limiter.deferUntil(now() + waitMs);
    } catch (e) {
      if (e instanceof DeliveryError) throw e;
      lastStatus = undefined;
      lastProblem = (e as Error).name === 'TimeoutError' ? `timeout after ${options.requestTimeoutMs} ms` : `network error: ${(e as Error).message}`;
      waitMs = backoffMs(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random);
    }
    if (attempt === options.maxAttempts) break;
    if (now() + waitMs >= options.deadline) {
      throw new DeliveryError(`Gave up before the Lambda deadline after ${attempt} attempts; last: ${lastProblem}`, attempt, lastStatus);
    }
    await sleep(waitMs);
  }
  throw new DeliveryError(`Gave up after ${options.maxAttempts} attempts; last: ${lastProblem}`, options.maxAttempts, lastStatus);
}
