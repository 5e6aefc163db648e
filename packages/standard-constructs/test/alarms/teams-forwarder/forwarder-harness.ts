import { LocalTeams, LocalTeamsOptions } from './local-teams';
import { createForwarder, ForwarderDependencies } from '../../../src/alarms/teams-forwarder/forwarder';
import { MinIntervalLimiter } from '../../../src/alarms/teams-forwarder/rate-limiter';

/** Counts what the handler publishes, by metric name. */
export class RecordingMetrics {
  public readonly counts: Record<string, number> = {};
  public addMetric(name: string, _unit: 'Count', value: number) {
    this.counts[name] = (this.counts[name] ?? 0) + value;
  }
  public publishStoredMetrics() {}
}

export const silent = { info: () => undefined, error: () => undefined };

/** Keeps what the handler logs, to check what an operator would read. */
export class RecordingLogger {
  public readonly entries: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
  public info(message: string, extra: Record<string, unknown> = {}) { this.entries.push({ level: 'info', message, extra }); }
  public error(message: string, extra: Record<string, unknown> = {}) { this.entries.push({ level: 'error', message, extra }); }
}

export const context = { getRemainingTimeInMillis: () => 30_000 };
export const REQUEST_TIMEOUT_MS = 10_000;

/** A local Teams stand-in per test, and forwarders that post to it (stopped after each test). */
export class TeamsHarness {
  private current?: LocalTeams;

  constructor() {
    afterEach(async () => this.current?.stop());
  }

  public get teams(): LocalTeams {
    if (!this.current) throw new Error('start() the local Teams first');
    return this.current;
  }

  public async start(options: LocalTeamsOptions = {}): Promise<void> {
    this.current = await LocalTeams.start(options);
  }

  public forwarder(overrides: Partial<ForwarderDependencies> = {}, metrics = new RecordingMetrics()) {
    return createForwarder({
      webhookUrl: async () => this.teams.url,
      logger: silent,
      metrics,
      limiter: new MinIntervalLimiter(0),
      region: 'eu-west-2',
      // Generous: on a loaded 2-core CI machine a first fetch can take over a second, and a
      // timed-out request that did arrive would be retried and show up twice.
      delivery: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, requestTimeoutMs: REQUEST_TIMEOUT_MS },
      ...overrides,
    });
  }
}
