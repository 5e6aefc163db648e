// The two real-time storms of 100 notifications, in their own file so jest runs them beside the rest.
import { context, REQUEST_TIMEOUT_MS, TeamsHarness } from './forwarder-harness';
import { alarmNotification, snsEvent } from './notifications';
import { MinIntervalLimiter, sendIntervalMs } from '../../../src/alarms/teams-forwarder/rate-limiter';

const harness = new TeamsHarness();

describe('a storm of 100 notifications', () => {
  const LIMIT = 25;
  // Two execution environments (reserved concurrency 2), each sending every
  // 100 ms as the construct computes it: 20 requests a second, under the stand-in's 25.
  const CONCURRENCY = 2;
  const INTERVAL_MS = sendIntervalMs(CONCURRENCY, LIMIT);

  test('delivers all 100 without tripping the rate limit', async () => {
    await harness.start({ maxRequestsPerSecond: LIMIT });
    const environments = Array.from({ length: CONCURRENCY }, () => harness.forwarder({ limiter: new MinIntervalLimiter(INTERVAL_MS) }));
    const queue = Array.from({ length: 100 }, (_, i) => snsEvent(JSON.stringify(alarmNotification(i % 2 ? 'OK' : 'ALARM', { AlarmName: `alarm-${i}` })), null, `m-${i}`));
    await Promise.all(environments.map(async (handle) => {
      for (let event = queue.shift(); event; event = queue.shift()) await handle(event, context);
    }));
    const names = harness.teams.delivered().map((m) => m.attachments[0].content.body[0].items[0].text.split(': ')[1]);
    expect(new Set(names).size).toBe(100);
    expect(harness.teams.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(harness.teams.peakPerSecond()).toBeLessThanOrEqual(LIMIT);
  });

  test('even unthrottled senders deliver all 100 by honouring Retry-After', async () => {
    await harness.start({ maxRequestsPerSecond: 25 });
    const handle = harness.forwarder({ delivery: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 2_000, requestTimeoutMs: REQUEST_TIMEOUT_MS } });
    const events = Array.from({ length: 100 }, (_, i) => snsEvent(JSON.stringify(alarmNotification('ALARM', { AlarmName: `burst-${i}` })), null, `b-${i}`));
    await Promise.all(events.map((e) => handle(e, context)));
    expect(harness.teams.delivered()).toHaveLength(100);
    expect(harness.teams.requests.some((r) => r.status === 429)).toBe(true);
  });
});
