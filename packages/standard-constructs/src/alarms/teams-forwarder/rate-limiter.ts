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
  }

  /** Pushes the next slot back, e.g. by a `Retry-After` the server asked for. */
  public deferUntil(time: number): void {
    this.nextSlot = Math.max(this.nextSlot, time);
  }
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
