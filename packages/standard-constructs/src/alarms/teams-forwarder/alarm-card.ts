import { alarmConsoleUrl, alarmRegion, AlarmNotification, AlarmTrigger, dashboardUrl, descriptionWithoutLinks, runbookUrl } from './alarm-message';
import { adaptiveCard, CardContext, CardElement, header, openUrl, stateStyle, subtitle } from './card-elements';
import { truncate } from './text';

/**
 * How much of each text a card keeps. Names (alarm, resources, metric) are
 * cut before values (the reason with its datapoints and threshold): a cut
 * name is still recognisable, and the console button carries it in full.
 */
export interface CardBudget {
  /** Code points of each name: alarm name, dimension values, metric, description. */
  readonly name: number;
  /** Code points of the reason. */
  readonly reason: number;
  /** Whether the card carries the full texts behind a "Details" button. */
  readonly details: boolean;
}

/** Lines of the reason shown before "Details": enough for CloudWatch's datapoints and threshold. */
const REASON_LINES = 3;
/** A reason or description longer than this is likely clipped at full card width. */
const CLIPPED_REASON = 240;
const CLIPPED_DESCRIPTION = 160;
/** Longest link kept as a button; a longer one is someone's mistake, not a runbook. */
const MAX_URL = 2000;

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: '>',
  GreaterThanOrEqualToThreshold: '≥',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '≤',
  LessThanLowerOrGreaterThanUpperThreshold: 'outside the band',
  LessThanLowerThreshold: 'below the band',
  GreaterThanUpperThreshold: 'above the band',
};

function describeMetric(trigger: AlarmTrigger | undefined): string | undefined {
  if (!trigger) return undefined;
  if (trigger.metricName) {
    return [trigger.namespace, trigger.metricName, trigger.statistic ? `(${trigger.statistic.toLowerCase()})` : undefined].filter(Boolean).join(' ');
  }
  return trigger.expression ? `expression ${trigger.expression}` : undefined;
}

function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

function describeThreshold(trigger: AlarmTrigger | undefined): string | undefined {
  if (!trigger || trigger.threshold === undefined) return undefined;
  const operator = OPERATORS[trigger.comparisonOperator ?? ''] ?? trigger.comparisonOperator ?? '';
  const window = trigger.period && trigger.evaluationPeriods
    ? ` for ${trigger.datapointsToAlarm ?? trigger.evaluationPeriods} of ${trigger.evaluationPeriods} × ${duration(trigger.period)}`
    : '';
  return `${operator} ${trigger.threshold}${window}`.trim();
}

/**
 * The newest datapoint in a CloudWatch reason ("… datapoints [12.0 (01/01/25 10:02:00), 9.0 …] …"),
 * so that the value is on the card even when the reason is clipped.
 */
function latestDatapoint(reason: string): string | undefined {
  const match = /datapoints? \[(-?[\d.]+(?:E[-+]?\d+)?) \((\d{2}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2})\)/i.exec(reason);
  return match ? `${match[1]} at ${match[2]}` : undefined;
}

/** "2025-01-01T10:03:00.000+0000" → "2025-01-01 10:03:00 UTC"; anything else as it came. */
function readableTime(time: string | undefined): string | undefined {
  const match = time ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:\+0000|Z)$/.exec(time) : null;
  return match ? `${match[1]} ${match[2]} UTC` : time;
}

function fact(title: string, value: string | undefined, max: number): CardElement[] {
  return value ? [{ title: truncate(title, max), value: truncate(value, max) }] : [];
}

function link(title: string, url: string | undefined): CardElement[] {
  return url && url.length <= MAX_URL ? [openUrl(title, url)] : [];
}

/**
 * The card for a CloudWatch alarm: what and where first (state, alarm,
 * environment, the resource's dimensions, metric and threshold), then the
 * reason in a few lines, then buttons. The full texts are one click away.
 */
export function alarmCard(alarm: AlarmNotification, context: CardContext, budget: CardBudget): CardElement {
  const state = stateStyle(alarm.newState);
  const region = alarmRegion(alarm, context.defaultRegion);
  const description = descriptionWithoutLinks(alarm.description);
  const max = budget.name;
  const body: CardElement[] = [
    header(`${state.icon} ${truncate(alarm.newState, 32)}: ${truncate(alarm.alarmName, max)}`, state,
      subtitle([context.environmentName, alarm.accountId, region])),
    {
      type: 'FactSet',
      facts: [
        ...(alarm.trigger?.dimensions ?? []).flatMap((d) => fact(d.name, d.value, max)),
        ...fact('Metric', describeMetric(alarm.trigger), max),
        ...fact('Threshold', describeThreshold(alarm.trigger), budget.reason),
        ...fact('Latest datapoint', latestDatapoint(alarm.reason), 64),
        ...fact('Previous state', alarm.oldState, 32),
        ...fact('Changed', readableTime(alarm.stateChangeTime), 64),
      ],
    },
    { type: 'TextBlock', text: truncate(alarm.reason || '(no reason given)', budget.reason), wrap: true, maxLines: REASON_LINES },
  ];
  if (description) {
    body.push({ type: 'TextBlock', text: truncate(description, max), wrap: true, isSubtle: true, size: 'Small', maxLines: 2 });
  }
  const clipped = alarm.reason.length > CLIPPED_REASON || (description?.length ?? 0) > CLIPPED_DESCRIPTION;
  const actions: CardElement[] = [
    ...link('Open in CloudWatch', alarmConsoleUrl(alarm.alarmName, region)),
    ...link('Dashboard', dashboardUrl(alarm.description)),
    ...link('Runbook', runbookUrl(alarm.description)),
  ];
  if (budget.details && clipped) {
    actions.push({
      type: 'Action.ShowCard',
      title: 'Details',
      card: adaptiveCard([
        { type: 'TextBlock', text: alarm.reason, wrap: true },
        ...(description ? [{ type: 'TextBlock', text: description, wrap: true, isSubtle: true, size: 'Small' }] : []),
      ], []),
    });
  }
  return adaptiveCard(body, actions);
}

/** The smallest useful alarm card: state, name, a short reason, the console link. */
export function minimalAlarmCard(alarm: AlarmNotification, context: CardContext): CardElement {
  const state = stateStyle(alarm.newState);
  const region = alarmRegion(alarm, context.defaultRegion);
  return adaptiveCard([
    header(`${state.icon} ${truncate(alarm.newState, 32)}: ${truncate(alarm.alarmName, 60)}`, state,
      subtitle([context.environmentName, alarm.accountId, region])),
    { type: 'TextBlock', text: truncate(alarm.reason || '(no reason given)', 500), wrap: true, maxLines: REASON_LINES },
  ], link('Open in CloudWatch', alarmConsoleUrl(alarm.alarmName, region)));
}
