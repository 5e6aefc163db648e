import { alarmConsoleUrl, alarmRegion, AlarmTrigger, CloudWatchAlarmNotification, dashboardUrl, runbookUrl } from './alarm-message';

/** Teams Workflows rejects message payloads above 28 KB. */
export const MAX_PAYLOAD_BYTES = 28 * 1024;

/** A JSON value of an Adaptive Card. */
export type CardElement = { readonly [key: string]: unknown };

/** The message a Teams Workflows webhook ("When a Teams webhook request is received") accepts. */
export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: ReadonlyArray<{ readonly contentType: string; readonly contentUrl: null; readonly content: CardElement }>;
}

/** How each alarm state looks: Adaptive Card container style and text colour. */
const STATE_STYLES: Record<string, { readonly style: string; readonly color: string; readonly icon: string }> = {
  ALARM: { style: 'attention', color: 'Attention', icon: '🔴' },
  OK: { style: 'good', color: 'Good', icon: '✅' },
  INSUFFICIENT_DATA: { style: 'warning', color: 'Warning', icon: '⚠️' },
};
const OTHER_STATE = { style: 'emphasis', color: 'Default', icon: 'ℹ️' };

/** Where the card is built: the forwarder's own region, for alarms without an ARN. */
export interface CardContext {
  readonly defaultRegion: string;
}

/** Cuts text to `max` characters, marking the cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

function describeMetric(trigger: AlarmTrigger | undefined): string | undefined {
  if (!trigger) return undefined;
  if (trigger.MetricName) {
    const statistic = trigger.ExtendedStatistic ?? trigger.Statistic;
    return [trigger.Namespace, trigger.MetricName, statistic ? `(${statistic.toLowerCase()})` : undefined].filter(Boolean).join(' ');
  }
  const expression = trigger.Metrics?.find((m) => m.ReturnData)?.Expression ?? trigger.Metrics?.find((m) => m.Expression)?.Expression;
  return expression ? `expression ${expression}` : undefined;
}

function describeThreshold(trigger: AlarmTrigger | undefined): string | undefined {
  if (!trigger || trigger.Threshold === undefined) return undefined;
  const window = trigger.Period && trigger.EvaluationPeriods
    ? ` over ${trigger.DatapointsToAlarm ?? trigger.EvaluationPeriods} of ${trigger.EvaluationPeriods} × ${trigger.Period} s`
    : '';
  return `${trigger.ComparisonOperator ?? ''} ${trigger.Threshold}${window}`.trim();
}

function fact(title: string, value: string | undefined, max: number) {
  return value ? [{ title, value: truncate(value, max) }] : [];
}

function wrap(content: CardElement): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}

function adaptiveCard(body: CardElement[], actions: CardElement[]): CardElement {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

function header(text: string, state: { style: string; color: string }): CardElement {
  return {
    type: 'Container',
    style: state.style,
    bleed: true,
    items: [{ type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', color: state.color, wrap: true }],
  };
}

function alarmCard(alarm: CloudWatchAlarmNotification, context: CardContext, max: number): TeamsMessage {
  const state = STATE_STYLES[alarm.NewStateValue] ?? OTHER_STATE;
  const region = alarmRegion(alarm, context.defaultRegion);
  const runbook = runbookUrl(alarm.AlarmDescription);
  const dashboard = dashboardUrl(alarm.AlarmDescription);
  const body: CardElement[] = [
    header(truncate(`${state.icon} ${alarm.NewStateValue}: ${alarm.AlarmName}`, max), state),
    { type: 'TextBlock', text: truncate(alarm.NewStateReason ?? '', max), wrap: true },
  ];
  if (alarm.AlarmDescription) {
    body.push({ type: 'TextBlock', text: truncate(alarm.AlarmDescription, max), wrap: true, isSubtle: true, size: 'Small' });
  }
  body.push({
    type: 'FactSet',
    facts: [
      ...fact('Metric', describeMetric(alarm.Trigger), max),
      ...fact('Threshold', describeThreshold(alarm.Trigger), max),
      ...fact('Previous state', alarm.OldStateValue, max),
      { title: 'Account', value: alarm.AWSAccountId },
      { title: 'Region', value: region },
      ...fact('Time', alarm.StateChangeTime, max),
    ],
  });
  const actions: CardElement[] = [
    { type: 'Action.OpenUrl', title: 'Open in CloudWatch', url: alarmConsoleUrl(alarm, region) },
    ...(dashboard ? [{ type: 'Action.OpenUrl', title: 'Dashboard', url: dashboard }] : []),
    ...(runbook ? [{ type: 'Action.OpenUrl', title: 'Runbook', url: runbook }] : []),
  ];
  return wrap(adaptiveCard(body, actions));
}

function prettyText(message: string): string {
  try {
    return JSON.stringify(JSON.parse(message), null, 2);
  } catch {
    return message;
  }
}

function plainCard(subject: string | undefined, message: string, max: number): TeamsMessage {
  return wrap(adaptiveCard([
    header(truncate(subject || 'Notification', max), OTHER_STATE),
    { type: 'TextBlock', text: truncate(prettyText(message), max), wrap: true, fontType: 'Monospace' },
  ], []));
}

/** Bytes of the JSON body that will be posted. */
export function payloadBytes(message: TeamsMessage): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}

/**
 * The Teams message for one SNS notification: an alarm card for CloudWatch
 * alarm notifications, a plain card for anything else. Long text is cut until
 * the payload fits Teams' 28 KB limit.
 */
export function buildTeamsMessage(
  subject: string | undefined,
  message: string,
  alarm: CloudWatchAlarmNotification | undefined,
  context: CardContext,
): TeamsMessage {
  // Start generous and halve: a handful of rebuilds at most, each microseconds.
  for (let max = 8000; ; max = Math.floor(max / 2)) {
    const card = alarm ? alarmCard(alarm, context, max) : plainCard(subject, message, max);
    if (payloadBytes(card) < MAX_PAYLOAD_BYTES || max < 64) return card;
  }
}
