/**
 * Share of the webhook's rate limit the forwarder plans to use. Timers fire
 * late, environments start at different moments and Teams counts by its own
 * clock: planning exactly at the limit trips it.
 */
export const RATE_LIMIT_HEADROOM = 0.8;

/**
 * Milliseconds between two requests of one execution environment, so that
 * `concurrency` environments together send at most `RATE_LIMIT_HEADROOM` of
 * `maxRequestsPerSecond` (Teams: 4 a second, 2 environments → 625 ms, 3.2 a second).
 */
export function sendIntervalMs(concurrency: number, maxRequestsPerSecond: number): number {
  return Math.ceil((1000 * concurrency) / (maxRequestsPerSecond * RATE_LIMIT_HEADROOM));
}

/**
 * Spaces requests at least `intervalMs` apart within one Lambda execution
 * environment. With reserved concurrency `c`, at most `c × 1000 / intervalMs`
 * requests a second leave the function, under the webhook's rate limit.
 */
export class MinIntervalLimiter {
  private nextSlot = 0;

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = defaultSleep,
  ) {}

  /** Waits for this environment's next free slot and takes it. */
  public async acquire(): Promise<void> {
    const now = this.now();
    const slot = Math.max(now, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.sleep(slot - now);
    // Count the interval from when the request really leaves: a timer that
    // fired late must not let the next request follow closer than intervalMs.
    this.nextSlot = Math.max(this.nextSlot, this.now() + this.intervalMs);
  }

  /** Pushes the next slot back, e.g. by a `Retry-After` the server asked for. */
  public deferUntil(time: number): void {
    this.nextSlot = Math.max(this.nextSlot, time);
  }
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
