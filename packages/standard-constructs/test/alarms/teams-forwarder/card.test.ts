import { adaptiveCardProblems, textsOf } from './adaptive-card-parser';
import { alarmNotification } from './notifications';
import { parseAlarmNotification } from '../../../src/alarms/teams-forwarder/alarm-message';
import { buildTeamsMessage, MAX_PAYLOAD_BYTES, payloadBytes } from '../../../src/alarms/teams-forwarder/card';
import { CardContext, TeamsMessage } from '../../../src/alarms/teams-forwarder/card-elements';
import { truncate } from '../../../src/alarms/teams-forwarder/text';

const context: CardContext = { defaultRegion: 'eu-west-1', environmentName: 'staging' };

/** Builds the message, and holds every card to the Adaptive Cards parser and the size limit. */
function build(subject: string | undefined, message: string, ctx: CardContext = context): TeamsMessage {
  const teams = buildTeamsMessage(subject, message, parseAlarmNotification(message), ctx);
  expect(adaptiveCardProblems(teams)).toEqual([]);
  expect(payloadBytes(teams)).toBeLessThan(MAX_PAYLOAD_BYTES);
  return teams;
}

function cardFor(state: string, overrides: Record<string, unknown> = {}, ctx?: CardContext) {
  const teams = build('subject', JSON.stringify(alarmNotification(state, overrides)), ctx);
  return { teams, card: teams.attachments[0].content as any };
}

const factsOf = (card: any) => Object.fromEntries(card.body.find((e: any) => e.type === 'FactSet').facts.map((f: any) => [f.title, f.value]));
const wellFormed = (text: string) => (text as any).isWellFormed() as boolean;

describe('alarm card', () => {
  test('an Adaptive Card 1.4 in a Workflows message', () => {
    const { teams, card } = cardFor('ALARM');
    expect(teams.type).toBe('message');
    expect(teams.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
  });

  test.each([
    ['ALARM', 'attention', 'Attention', '🔴'],
    ['OK', 'good', 'Good', '✅'],
    ['INSUFFICIENT_DATA', 'warning', 'Warning', '⚠️'],
  ])('%s is styled %s', (state, style, color, icon) => {
    const { card } = cardFor(state);
    expect(card.body[0]).toMatchObject({ type: 'Container', style });
    expect(card.body[0].items[0]).toMatchObject({ color, text: `${icon} ${state}: tracker-staging-api-target-5xx` });
  });

  test('says where: environment, account and region under the title', () => {
    expect(cardFor('ALARM').card.body[0].items[1].text).toBe('staging · 471112958110 · eu-west-2');
    expect(cardFor('ALARM', {}, { defaultRegion: 'eu-west-1' }).card.body[0].items[1].text).toBe('471112958110 · eu-west-2');
  });

  test('facts come before the reason, and name the resource by its dimensions', () => {
    const { card } = cardFor('ALARM');
    expect(card.body.map((e: any) => e.type)).toEqual(['Container', 'FactSet', 'TextBlock', 'TextBlock']);
    expect(factsOf(card)).toEqual({
      'TargetGroup': 'targetgroup/tracker-staging-api/943f017f100becff',
      'LoadBalancer': 'app/tracker-staging-alb/50dc6c495c0c9188',
      'Metric': 'AWS/ApplicationELB HTTPCode_Target_5XX_Count (sum)',
      'Threshold': '> 5 for 3 of 3 × 1 min',
      'Latest datapoint': '12.0 at 01/01/25 10:00:00',
      'Previous state': 'OK',
      'Changed': '2025-01-01 10:03:00 UTC',
    });
    expect(card.body[2]).toMatchObject({ text: expect.stringMatching(/^Threshold Crossed/), maxLines: 3 });
  });

  test('metric-math alarms: the expression, and the dimensions of their metrics', () => {
    const { card } = cardFor('ALARM', {
      Trigger: {
        Metrics: [
          { Id: 'errors', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'HTTPCode_ELB_5XX_Count', Dimensions: [{ value: 'app/alb/1', name: 'LoadBalancer' }] }, Period: 60, Stat: 'Sum' } },
          { Id: 'requests', ReturnData: false, MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ value: 'app/alb/1', name: 'LoadBalancer' }] }, Period: 60, Stat: 'Sum' } },
          { Id: 'rate', Expression: '100 * errors / requests', ReturnData: true },
        ],
        Threshold: 5,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 3,
      },
    });
    expect(factsOf(card)).toMatchObject({ LoadBalancer: 'app/alb/1', Metric: 'expression 100 * errors / requests', Threshold: '≥ 5' });
  });

  test('buttons for the console, dashboard and runbook, and no text repeats their URLs', () => {
    const dashboard = 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#dashboards/dashboard/tracker-staging';
    const { card } = cardFor('ALARM', { AlarmDescription: `Targets answer 5xx. Runbook: https://r.example/x Dashboard: ${dashboard}` });
    expect(card.actions.map((a: any) => [a.title, a.url])).toEqual([
      ['Open in CloudWatch', 'https://eu-west-2.console.aws.amazon.com/cloudwatch/home?region=eu-west-2#alarmsV2:alarm/tracker-staging-api-target-5xx'],
      ['Dashboard', dashboard],
      ['Runbook', 'https://r.example/x'],
    ]);
    expect(card.body[3].text).toBe('Targets answer 5xx.');
    expect(textsOf(card.body).filter((t) => /https:\/\//.test(t))).toEqual([]);
  });

  test('no runbook button without a link; the local region for an alarm without ARN', () => {
    const { card } = cardFor('OK', { AlarmDescription: 'No link here', AlarmArn: undefined });
    expect(card.actions).toHaveLength(1);
    expect(card.actions[0].url).toContain('eu-west-1.console.aws.amazon.com');
  });

  test('a long reason stays a few lines; the full text is one click away', () => {
    const reason = `Threshold Crossed: 5 out of the last 5 datapoints [${Array.from({ length: 40 }, (_, i) => `${i}.0 (01/01/25 10:${String(i).padStart(2, '0')}:00)`).join(', ')}] were greater than the threshold (5.0).`;
    const { card } = cardFor('ALARM', { NewStateReason: reason });
    expect(card.body[2]).toMatchObject({ text: reason, maxLines: 3 });
    const details = card.actions.find((a: any) => a.type === 'Action.ShowCard');
    expect(details.title).toBe('Details');
    expect(details.card.body[0].text).toBe(reason);
    expect(cardFor('ALARM').card.actions.some((a: any) => a.type === 'Action.ShowCard')).toBe(false);
  });

  test('when space runs out, names are cut and the reason keeps its values and threshold', () => {
    const reason = `Threshold Crossed: 1 out of the last 1 datapoints [${'97.5 (01/01/25 10:00:00), '.repeat(30)}] were greater than the threshold (90.0).`;
    const { teams, card } = cardFor('ALARM', {
      AlarmName: `tracker-staging-${'very-long-component-name-'.repeat(9)}cpu`,
      NewStateReason: reason,
      Trigger: { ...(alarmNotification('ALARM').Trigger as object), Dimensions: Array.from({ length: 30 }, (_, i) => ({ name: `Dimension${i}`, value: `${'resource-'.repeat(100)}${i}` })) },
    });
    expect(payloadBytes(teams)).toBeLessThan(MAX_PAYLOAD_BYTES);
    expect(card.body[2].text).toBe(reason);
    expect(card.body[0].items[0].text).toMatch(/…$/);
    expect(Object.values(factsOf(card)).filter((v: any) => v.endsWith('…')).length).toBeGreaterThanOrEqual(30);
    // The button still opens the alarm by its full name.
    expect(card.actions[0].url).toContain(encodeURIComponent('very-long-component-name-'.repeat(9)));
  });

  test('stays under 28 KB whatever the sizes: falls back to a minimal card', () => {
    // Beyond SNS's 256 KB message limit, with 6-byte JSON escapes and 4-byte emoji.
    const huge = '🚨\u0001'.repeat(15_000);
    const { card } = cardFor('ALARM', {
      AlarmName: huge,
      NewStateReason: huge,
      AlarmDescription: `${huge} Runbook: https://r.example/${huge}`,
      AWSAccountId: huge,
      Trigger: { MetricName: huge, Namespace: huge, Dimensions: Array.from({ length: 10 }, (_, i) => ({ name: `${i}${huge}`, value: huge })) },
    });
    expect(card.body[0].items[0].text).toMatch(/^🔴 ALARM: 🚨/);
    expect(card.actions).toBeUndefined(); // the console URL would be megabytes long
    // 300 dimensions (10 math metrics × 30) of escaped control characters: no budget fits, the minimal card does.
    const escaped = '\u0001'.repeat(200);
    const { card: minimal } = cardFor('ALARM', { Trigger: { MetricName: 'm', Dimensions: Array.from({ length: 300 }, (_, i) => ({ name: `${i}${escaped}`, value: escaped })) } });
    expect(minimal.body.map((e: any) => e.type)).toEqual(['Container', 'TextBlock']);
    expect(minimal.actions.map((a: any) => a.title)).toEqual(['Open in CloudWatch']);
    const plain = build(huge, huge.repeat(2));
    expect((plain.attachments[0].content as any).body[1].text).toMatch(/^🚨\u0001🚨.*…$/s);
  });

  test('cuts by code points: an emoji is never split, so the JSON stays valid UTF-8', () => {
    expect(truncate('a😀b', 2)).toBe('a…');
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    const emoji = '😀'.repeat(9_000);
    for (const teams of [cardFor('ALARM', { AlarmName: emoji, NewStateReason: emoji }).teams, build('s', emoji)]) {
      expect(textsOf(teams).every(wellFormed)).toBe(true);
    }
  });

  test('a malformed alarm still gets its card: numbers where text belongs, odd shapes, missing fields', () => {
    const { card } = cardFor('ALARM', {
      AlarmName: 12345,
      NewStateReason: 42,
      AlarmDescription: { nested: true },
      AWSAccountId: 471112958110,
      OldStateValue: null,
      StateChangeTime: undefined,
      AlarmArn: ['x'],
      Trigger: { Metrics: 'oops', Dimensions: { name: 'x' }, Threshold: 'five', Period: {} },
    });
    expect(card.body[0].items[0].text).toBe('🔴 ALARM: 12345');
    expect(card.body[2].text).toBe('42');
    const bare = build(undefined, JSON.stringify({ AlarmName: 'bare', NewStateValue: 'OK' })).attachments[0].content as any;
    expect(bare.body[0].items[0].text).toBe('✅ OK: bare');
    expect((build(undefined, '{"AlarmName":"x","Trigger":"y","NewStateValue":{}}').attachments[0].content as any).body[0].items[0].text).toBe('ℹ️ Notification');
  });

  test('anything that is not an alarm gets a plain card with its pretty-printed text', () => {
    const card = build('Budget warning', '{"budget":"platform","spent":90}').attachments[0].content as any;
    expect(card.body[0].items[0].text).toBe('ℹ️ Budget warning');
    expect(card.body[1].text).toBe('{\n  "budget": "platform",\n  "spent": 90\n}');
    expect(card.actions).toBeUndefined();
    expect(parseAlarmNotification('not json')).toBeUndefined();
    expect(parseAlarmNotification('{"hello":"world"}')).toBeUndefined();
  });
});
