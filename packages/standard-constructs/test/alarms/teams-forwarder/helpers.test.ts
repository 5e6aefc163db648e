import { dashboardUrl, descriptionWithoutLinks, runbookUrl } from '../../../src/alarms/teams-forwarder/alarm-message';
import { MinIntervalLimiter, RATE_LIMIT_HEADROOM, sendIntervalMs } from '../../../src/alarms/teams-forwarder/rate-limiter';
import { retryAfterMs } from '../../../src/alarms/teams-forwarder/retry-after';
import { webhookUrlFromSecret, secretRegion } from '../../../src/alarms/teams-forwarder/webhook-url';

describe('helpers', () => {
  test('Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs('Wed, 01 Jan 2025 10:00:05 GMT', Date.parse('2025-01-01T10:00:00Z'))).toBe(5000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(retryAfterMs(null)).toBeUndefined();
  });

  test('runbook link: after "Runbook:", else the first https link', () => {
    expect(runbookUrl('See https://a.example/x. Runbook: https://b.example/y')).toBe('https://b.example/y');
    expect(runbookUrl('See https://a.example/x')).toBe('https://a.example/x');
    expect(runbookUrl(undefined)).toBeUndefined();
  });

  test('dashboard link: after "Dashboard:", and never mistaken for the runbook', () => {
    const description = 'CPU high. Dashboard: https://d.example/dash';
    expect(dashboardUrl(description)).toBe('https://d.example/dash');
    expect(runbookUrl(description)).toBeUndefined();
    expect(runbookUrl(`${description} See https://r.example/x`)).toBe('https://r.example/x');
    expect(dashboardUrl('Runbook: https://r.example/x')).toBeUndefined();
  });

  test('the description loses the links that become buttons', () => {
    expect(descriptionWithoutLinks('CPU high. Runbook: https://r.example/x Dashboard: https://d.example/y')).toBe('CPU high.');
    expect(descriptionWithoutLinks('See https://r.example/x for more')).toBe('See for more');
    expect(descriptionWithoutLinks('Runbook: https://r.example/x')).toBeUndefined();
  });

  test('webhook secret: a URL or {"url"}, https only', () => {
    expect(webhookUrlFromSecret('https://prod.workflows.example/x?sig=1')).toBe('https://prod.workflows.example/x?sig=1');
    expect(webhookUrlFromSecret('{"url":"https://prod.workflows.example/y"}')).toBe('https://prod.workflows.example/y');
    expect(() => webhookUrlFromSecret('placeholder')).toThrow(/does not hold a URL/);
    expect(() => webhookUrlFromSecret('http://example.com/x')).toThrow(/https/);
    expect(secretRegion('arn:aws:secretsmanager:eu-west-2:111111111111:secret:teams-AbCdEf')).toBe('eu-west-2');
  });
});

describe('send rate', () => {
  test('plans below the webhook limit: Teams\' 4 a second with 2 environments is one request each 625 ms', () => {
    expect(sendIntervalMs(2, 4)).toBe(625);
    for (const [concurrency, limit] of [[1, 4], [2, 4], [3, 4], [2, 25], [20, 100]]) {
      const perSecond = (concurrency * 1000) / sendIntervalMs(concurrency, limit);
      expect(perSecond).toBeLessThanOrEqual(limit * RATE_LIMIT_HEADROOM);
    }
  });

  test('a late timer does not let the next request follow closer than the interval', async () => {
    let clock = 0;
    // The first sleep overshoots by 100 ms, as timers on a busy machine do; the next ones are on time.
    const overshoots = [100, 0, 0];
    const limiter = new MinIntervalLimiter(625, () => clock, async (ms) => { clock += ms + (overshoots.shift() ?? 0); });
    const sent: number[] = [];
    for (let i = 0; i < 4; i++) {
      await limiter.acquire();
      sent.push(clock);
    }
    const gaps = sent.slice(1).map((t, i) => t - sent[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(625);
  });
});
