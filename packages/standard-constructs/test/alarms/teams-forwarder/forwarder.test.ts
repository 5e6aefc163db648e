import { LocalTeams, LocalTeamsOptions } from './local-teams';
import { alarmNotification, snsEvent } from './notifications';
import { DeliveryError } from '../../../src/alarms/teams-forwarder/delivery';
import { createForwarder, ForwarderDependencies } from '../../../src/alarms/teams-forwarder/forwarder';
import { MinIntervalLimiter, sendIntervalMs } from '../../../src/alarms/teams-forwarder/rate-limiter';

class RecordingMetrics {
  public readonly counts: Record<string, number> = {};
  public addMetric(name: string, _unit: 'Count', value: number) {
    this.counts[name] = (this.counts[name] ?? 0) + value;
  }
  public publishStoredMetrics() {}
}

const silent = { info: () => undefined, error: () => undefined };

/** Keeps what the handler logs, to check what an operator would read. */
class RecordingLogger {
  public readonly entries: Array<{ level: string; message: string; extra: Record<string, unknown> }> = [];
  public info(message: string, extra: Record<string, unknown> = {}) { this.entries.push({ level: 'info', message, extra }); }
  public error(message: string, extra: Record<string, unknown> = {}) { this.entries.push({ level: 'error', message, extra }); }
}
const context = { getRemainingTimeInMillis: () => 30_000 };
const REQUEST_TIMEOUT_MS = 10_000;

let teams: LocalTeams;
afterEach(async () => teams?.stop());

function forwarder(overrides: Partial<ForwarderDependencies> = {}, metrics = new RecordingMetrics()) {
  return createForwarder({
    webhookUrl: async () => teams.url,
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

async function start(options: LocalTeamsOptions = {}) {
  teams = await LocalTeams.start(options);
}

describe('forwarding to a local Teams', () => {
  test.each(['ALARM', 'OK', 'INSUFFICIENT_DATA'])('posts a %s card', async (state) => {
    await start();
    await forwarder()(snsEvent(JSON.stringify(alarmNotification(state))), context);
    const [message] = teams.delivered();
    expect(teams.requests).toHaveLength(1);
    expect(message.attachments[0].content.body[0].items[0].text).toContain(`${state}: tracker-staging-api-target-5xx`);
  });

  test('posts a plain card for other notifications', async () => {
    await start();
    await forwarder()(snsEvent('Deployment finished', 'Pipeline'), context);
    const card = teams.delivered()[0].attachments[0].content;
    expect(card.body.map((e: any) => e.items?.[0]?.text ?? e.text)).toEqual(['ℹ️ Pipeline', 'Deployment finished']);
  });

  test('waits as long as Retry-After asks after a 429, plus jitter, then delivers', async () => {
    await start({ script: [{ status: 429, headers: { 'Retry-After': '1' } }] });
    const metrics = new RecordingMetrics();
    // random 0.5 → half of the 1 s jitter: environments told "1 s" spread over the next second.
    const delivery = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5_000, requestTimeoutMs: REQUEST_TIMEOUT_MS, random: () => 0.5 };
    await forwarder({ delivery }, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(teams.requests.map((r) => r.status)).toEqual([429, 202]);
    expect(teams.requests[1].at - teams.requests[0].at).toBeGreaterThanOrEqual(1490);
    expect(metrics.counts).toEqual({ Delivered: 1, DeliveryAttempts: 2 });
  });

  test('logs the UTF-8 size of what it posted', async () => {
    await start();
    const logger = new RecordingLogger();
    await forwarder({ logger })(snsEvent(JSON.stringify(alarmNotification('ALARM', { AlarmName: 'café-🔥-latency' }))), context);
    const posted = teams.requests[0].body;
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'info', message: 'Delivered to Teams' })]);
    expect(logger.entries[0].extra.bytes).toBe(Buffer.byteLength(posted, 'utf8'));
    expect(logger.entries[0].extra.bytes).not.toBe(posted.length);
  });

  test('a malformed alarm (a number where text belongs) is still delivered as a card', async () => {
    await start();
    const metrics = new RecordingMetrics();
    await forwarder({}, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM', { NewStateReason: 42, Trigger: { Metrics: 'oops' } }))), context);
    expect(teams.delivered()[0].attachments[0].content.body[0].items[0].text).toBe('🔴 ALARM: tracker-staging-api-target-5xx');
    expect(metrics.counts).toEqual({ Delivered: 1, DeliveryAttempts: 1 });
  });

  test('retries 5xx answers with backoff, then delivers', async () => {
    await start({ script: [500, 502, 503] });
    await forwarder()(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(teams.requests.map((r) => r.status)).toEqual([500, 502, 503, 202]);
  });

  test('retries a request that times out', async () => {
    await start({ script: ['hang'] });
    await forwarder({ delivery: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, requestTimeoutMs: 2_000 } })(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(teams.requests.map((r) => r.status)).toEqual([0, 202]);
  });

  test('persistent failure throws, so Lambda retries and then dead-letters the message', async () => {
    await start({ fallback: 500 });
    const metrics = new RecordingMetrics();
    const run = forwarder({}, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    await expect(run).rejects.toThrow(DeliveryError);
    await expect(run).rejects.toThrow(/after 4 attempts; last: HTTP 500/);
    expect(teams.requests).toHaveLength(4);
    expect(metrics.counts).toEqual({ DeliveryFailed: 1 });
  });

  test('a permanent rejection (4xx) is not retried, and still fails the invocation', async () => {
    await start({ fallback: 403 });
    await expect(forwarder()(snsEvent('x'), context)).rejects.toThrow(/403; not retrying/);
    expect(teams.requests).toHaveLength(1);
  });

  test('gives up before the Lambda deadline rather than being killed mid-retry', async () => {
    await start({ script: [{ status: 429, headers: { 'Retry-After': '5' } }] });
    const shortContext = { getRemainingTimeInMillis: () => 3_000 };
    await expect(forwarder({ delivery: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 10_000, requestTimeoutMs: REQUEST_TIMEOUT_MS } })(
      snsEvent('x'), shortContext)).rejects.toThrow(/before the Lambda deadline/);
    expect(teams.requests).toHaveLength(1);
  });

  test('a webhook URL that cannot be read fails the invocation, logged and counted', async () => {
    await start();
    const logger = new RecordingLogger();
    const metrics = new RecordingMetrics();
    const broken = forwarder({ logger, webhookUrl: async () => { throw new Error('AccessDenied'); } }, metrics);
    await expect(broken(snsEvent('x', 'subject', 'm-42'), context)).rejects.toThrow('AccessDenied');
    expect(teams.requests).toHaveLength(0);
    expect(metrics.counts).toEqual({ DeliveryFailed: 1 });
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'error', extra: expect.objectContaining({ messageId: 'm-42', error: 'AccessDenied' }) })]);
  });
});

describe('a storm of 100 notifications', () => {
  const LIMIT = 25;
  // Two execution environments (reserved concurrency 2), each sending every
  // 100 ms as the construct computes it: 20 requests a second, under the stand-in's 25.
  const CONCURRENCY = 2;
  const INTERVAL_MS = sendIntervalMs(CONCURRENCY, LIMIT);

  test('delivers all 100 without tripping the rate limit', async () => {
    await start({ maxRequestsPerSecond: LIMIT });
    const environments = Array.from({ length: CONCURRENCY }, () => forwarder({ limiter: new MinIntervalLimiter(INTERVAL_MS) }));
    const queue = Array.from({ length: 100 }, (_, i) => snsEvent(JSON.stringify(alarmNotification(i % 2 ? 'OK' : 'ALARM', { AlarmName: `alarm-${i}` })), null, `m-${i}`));
    await Promise.all(environments.map(async (handle) => {
      for (let event = queue.shift(); event; event = queue.shift()) await handle(event, context);
    }));
    const names = teams.delivered().map((m) => m.attachments[0].content.body[0].items[0].text.split(': ')[1]);
    expect(new Set(names).size).toBe(100);
    expect(teams.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(teams.peakPerSecond()).toBeLessThanOrEqual(LIMIT);
  });

  test('even unthrottled senders deliver all 100 by honouring Retry-After', async () => {
    await start({ maxRequestsPerSecond: 25 });
    const handle = forwarder({ delivery: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2_000, requestTimeoutMs: REQUEST_TIMEOUT_MS } });
    const events = Array.from({ length: 100 }, (_, i) => snsEvent(JSON.stringify(alarmNotification('ALARM', { AlarmName: `burst-${i}` })), null, `b-${i}`));
    await Promise.all(events.map((e) => handle(e, context)));
    expect(teams.delivered()).toHaveLength(100);
    expect(teams.requests.some((r) => r.status === 429)).toBe(true);
  });
});
