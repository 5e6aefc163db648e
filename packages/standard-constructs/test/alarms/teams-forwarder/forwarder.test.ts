import { context, RecordingLogger, RecordingMetrics, REQUEST_TIMEOUT_MS, TeamsHarness } from './forwarder-harness';
import { alarmNotification, snsEvent } from './notifications';
import { DeliveryError } from '../../../src/alarms/teams-forwarder/delivery';

const harness = new TeamsHarness();

describe('forwarding to a local Teams', () => {
  test.each(['ALARM', 'OK', 'INSUFFICIENT_DATA'])('posts a %s card', async (state) => {
    await harness.start();
    await harness.forwarder()(snsEvent(JSON.stringify(alarmNotification(state))), context);
    const [message] = harness.teams.delivered();
    expect(harness.teams.requests).toHaveLength(1);
    expect(message.attachments[0].content.body[0].items[0].text).toContain(`${state}: tracker-staging-api-target-5xx`);
  });

  test('posts a plain card for other notifications', async () => {
    await harness.start();
    await harness.forwarder()(snsEvent('Deployment finished', 'Pipeline'), context);
    const card = harness.teams.delivered()[0].attachments[0].content;
    expect(card.body.map((e: any) => e.items?.[0]?.text ?? e.text)).toEqual(['ℹ️ Pipeline', 'Deployment finished']);
  });

  test('waits as long as Retry-After asks after a 429, plus jitter, then delivers', async () => {
    await harness.start({ script: [{ status: 429, headers: { 'Retry-After': '1' } }] });
    const metrics = new RecordingMetrics();
    // random 0.5 → half of the 1 s jitter: environments told "1 s" spread over the next second.
    const delivery = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 5_000, requestTimeoutMs: REQUEST_TIMEOUT_MS, random: () => 0.5 };
    await harness.forwarder({ delivery }, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(harness.teams.requests.map((r) => r.status)).toEqual([429, 202]);
    expect(harness.teams.requests[1].at - harness.teams.requests[0].at).toBeGreaterThanOrEqual(1490);
    expect(metrics.counts).toEqual({ Delivered: 1, DeliveryAttempts: 2 });
  });

  test('logs the UTF-8 size of what it posted', async () => {
    await harness.start();
    const logger = new RecordingLogger();
    await harness.forwarder({ logger })(snsEvent(JSON.stringify(alarmNotification('ALARM', { AlarmName: 'café-🔥-latency' }))), context);
    const posted = harness.teams.requests[0].body;
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'info', message: 'Delivered to Teams' })]);
    expect(logger.entries[0].extra.bytes).toBe(Buffer.byteLength(posted, 'utf8'));
    expect(logger.entries[0].extra.bytes).not.toBe(posted.length);
  });

  test('a malformed alarm (a number where text belongs) is still delivered as a card', async () => {
    await harness.start();
    const metrics = new RecordingMetrics();
    await harness.forwarder({}, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM', { NewStateReason: 42, Trigger: { Metrics: 'oops' } }))), context);
    expect(harness.teams.delivered()[0].attachments[0].content.body[0].items[0].text).toBe('🔴 ALARM: tracker-staging-api-target-5xx');
    expect(metrics.counts).toEqual({ Delivered: 1, DeliveryAttempts: 1 });
  });

  test('retries 5xx answers with backoff, then delivers', async () => {
    await harness.start({ script: [500, 502, 503] });
    await harness.forwarder()(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(harness.teams.requests.map((r) => r.status)).toEqual([500, 502, 503, 202]);
  });

  test('retries a request that times out', async () => {
    await harness.start({ script: ['hang'] });
    await harness.forwarder({ delivery: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 2_000, requestTimeoutMs: 2_000 } })(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    expect(harness.teams.requests.map((r) => r.status)).toEqual([0, 202]);
  });

  test('persistent failure throws, so Lambda retries and then dead-letters the message', async () => {
    await harness.start({ fallback: 500 });
    const metrics = new RecordingMetrics();
    const run = harness.forwarder({}, metrics)(snsEvent(JSON.stringify(alarmNotification('ALARM'))), context);
    await expect(run).rejects.toThrow(DeliveryError);
    await expect(run).rejects.toThrow(/after 4 attempts; last: HTTP 500/);
    expect(harness.teams.requests).toHaveLength(4);
    expect(metrics.counts).toEqual({ DeliveryFailed: 1 });
  });

  test('a permanent rejection (4xx) is not retried, and still fails the invocation', async () => {
    await harness.start({ fallback: 403 });
    await expect(harness.forwarder()(snsEvent('x'), context)).rejects.toThrow(/403; not retrying/);
    expect(harness.teams.requests).toHaveLength(1);
  });

  test('gives up before the Lambda deadline rather than being killed mid-retry', async () => {
    await harness.start({ script: [{ status: 429, headers: { 'Retry-After': '5' } }] });
    const shortContext = { getRemainingTimeInMillis: () => 3_000 };
    await expect(harness.forwarder({ delivery: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 10_000, requestTimeoutMs: REQUEST_TIMEOUT_MS } })(
      snsEvent('x'), shortContext)).rejects.toThrow(/before the Lambda deadline/);
    expect(harness.teams.requests).toHaveLength(1);
  });

  test('a webhook URL that cannot be read fails the invocation, logged and counted', async () => {
    await harness.start();
    const logger = new RecordingLogger();
    const metrics = new RecordingMetrics();
    const broken = harness.forwarder({ logger, webhookUrl: async () => { throw new Error('AccessDenied'); } }, metrics);
    await expect(broken(snsEvent('x', 'subject', 'm-42'), context)).rejects.toThrow('AccessDenied');
    expect(harness.teams.requests).toHaveLength(0);
    expect(metrics.counts).toEqual({ DeliveryFailed: 1 });
    expect(logger.entries).toEqual([expect.objectContaining({ level: 'error', extra: expect.objectContaining({ messageId: 'm-42', error: 'AccessDenied' }) })]);
  });
});
