import { alarmNotification } from './notifications';
import { dashboardUrl, parseAlarmNotification, runbookUrl } from '../../../src/alarms/teams-forwarder/alarm-message';
import { buildTeamsMessage, MAX_PAYLOAD_BYTES, payloadBytes } from '../../../src/alarms/teams-forwarder/card';
import { retryAfterMs } from '../../../src/alarms/teams-forwarder/retry-after';
import { webhookUrlFromSecret, secretRegion } from '../../../src/alarms/teams-forwarder/webhook-url';

const context = { defaultRegion: 'eu-west-1' };

function cardFor(state: string, overrides: Record<string, unknown> = {}) {
  const message = JSON.stringify(alarmNotification(state, overrides));
  const teams = buildTeamsMessage('subject', message, parseAlarmNotification(message), context);
  return { teams, card: teams.attachments[0].content as any };
}

describe('Teams card', () => {
  test('wraps an Adaptive Card 1.4 in a Workflows message', () => {
    const { teams, card } = cardFor('ALARM');
    expect(teams.type).toBe('message');
    expect(teams.attachments).toHaveLength(1);
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
  });

  test.each([
    ['ALARM', 'attention', 'Attention'],
    ['OK', 'good', 'Good'],
    ['INSUFFICIENT_DATA', 'warning', 'Warning'],
  ])('%s is styled %s', (state, style, color) => {
    const { card } = cardFor(state);
    expect(card.body[0]).toMatchObject({ type: 'Container', style });
    expect(card.body[0].items[0]).toMatchObject({ color, text: expect.stringContaining(`${state}: tracker-staging-api-target-5xx`) });
  });

  test('carries reason, metric, threshold, account, region, time and previous state', () => {
    const { card } = cardFor('ALARM');
    expect(card.body[1].text).toMatch(/^Threshold Crossed/);
    const facts = Object.fromEntries(card.body.find((e: any) => e.type === 'FactSet').facts.map((f: any) => [f.title, f.value]));
    expect(facts).toEqual({
      'Metric': 'AWS/ApplicationELB HTTPCode_Target_5XX_Count (sum)',
      'Threshold': 'GreaterThanThreshold 5 over 3 of 3 × 60 s',
      'Previous state': 'OK',
      'Account': '471112958110',
      'Region': 'eu-west-2',
      'Time': '2025-01-01T10:03:00.000+0000',
    });
  });

  test('links the alarm in the console of its own region, and the runbook', () => {
    const { card } = cardFor('ALARM');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in CloudWatch', url: 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/tracker-staging-api-target-5xx' },
      { type: 'Action.OpenUrl', title: 'Runbook', url: 'https://runbooks.glimpse.technology/alarms/target-5xx' },
    ]);
  });

  test('links the dashboard named in the description, before the runbook', () => {
    const dashboard = 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#dashboards/dashboard/tracker-staging';
    const { card } = cardFor('ALARM', { AlarmDescription: `Targets answer 5xx. Runbook: https://r.example/x Dashboard: ${dashboard}` });
    expect(card.actions.map((a: any) => [a.title, a.url])).toEqual([
      ['Open in CloudWatch', expect.stringContaining('#alarmsV2:alarm/')],
      ['Dashboard', dashboard],
      ['Runbook', 'https://r.example/x'],
    ]);
  });

  test('has no runbook action when the description has no link, and falls back to the local region', () => {
    const { card } = cardFor('OK', { AlarmDescription: 'No link here', AlarmArn: undefined });
    expect(card.actions).toHaveLength(1);
    expect(card.actions[0].url).toContain('eu-west-1.console.aws.amazon.com');
  });

  test('describes metric-math alarms by their expression', () => {
    const { card } = cardFor('ALARM', {
      Trigger: { Metrics: [{ Id: 'rate', Expression: '100 * errors / requests', ReturnData: true }], Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', Period: 60, EvaluationPeriods: 5 },
    });
    const facts = card.body.find((e: any) => e.type === 'FactSet').facts;
    expect(facts).toContainEqual({ title: 'Metric', value: 'expression 100 * errors / requests' });
  });

  test('a message that is not an alarm gets a plain card', () => {
    const teams = buildTeamsMessage('Budget warning', '{"budget":"platform","spent":90}', undefined, context);
    const card = teams.attachments[0].content as any;
    expect(card.body[0].items[0].text).toBe('Budget warning');
    expect(card.body[1].text).toBe('{\n  "budget": "platform",\n  "spent": 90\n}');
    expect(card.actions).toBeUndefined();
    expect(parseAlarmNotification('not json')).toBeUndefined();
    expect(parseAlarmNotification('{"hello":"world"}')).toBeUndefined();
  });

  test('stays under 28 KB when the texts are huge', () => {
    const huge = 'x'.repeat(100_000);
    const { teams } = cardFor('ALARM', { NewStateReason: huge, AlarmDescription: `${huge} Runbook: https://r.example/x` });
    expect(payloadBytes(teams)).toBeLessThan(MAX_PAYLOAD_BYTES);
    const plain = buildTeamsMessage(huge, '🚨'.repeat(50_000), undefined, context);
    expect(payloadBytes(plain)).toBeLessThan(MAX_PAYLOAD_BYTES);
  });
});

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
    expect(runbookUrl(null)).toBeUndefined();
  });

  test('dashboard link: after "Dashboard:", and never mistaken for the runbook', () => {
    const description = 'CPU high. Dashboard: https://d.example/dash';
    expect(dashboardUrl(description)).toBe('https://d.example/dash');
    expect(runbookUrl(description)).toBeUndefined();
    expect(runbookUrl(`${description} See https://r.example/x`)).toBe('https://r.example/x');
    expect(dashboardUrl('Runbook: https://r.example/x')).toBeUndefined();
  });

  test('webhook secret: a URL or {"url"}, https only', () => {
    expect(webhookUrlFromSecret('https://prod.workflows.example/x?sig=1')).toBe('https://prod.workflows.example/x?sig=1');
    expect(webhookUrlFromSecret('{"url":"https://prod.workflows.example/y"}')).toBe('https://prod.workflows.example/y');
    expect(() => webhookUrlFromSecret('placeholder')).toThrow(/does not hold a URL/);
    expect(() => webhookUrlFromSecret('http://example.com/x')).toThrow(/https/);
    expect(secretRegion('arn:aws:secretsmanager:eu-west-2:111111111111:secret:teams-AbCdEf')).toBe('eu-west-2');
  });
});
