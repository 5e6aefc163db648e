/** One metric dimension: which resource the metric is about (e.g. `LoadBalancer`). */
export interface AlarmDimension {
  readonly name: string;
  readonly value: string;
}

/** The metric part of an alarm notification; metric-math alarms have `expression` instead of `metricName`. */
export interface AlarmTrigger {
  readonly metricName?: string;
  readonly namespace?: string;
  readonly statistic?: string;
  readonly period?: number;
  readonly evaluationPeriods?: number;
  readonly datapointsToAlarm?: number;
  readonly comparisonOperator?: string;
  readonly threshold?: number;
  readonly expression?: string;
  readonly dimensions: readonly AlarmDimension[];
}

/**
 * A CloudWatch alarm notification (the JSON `Message` SNS delivers), read
 * defensively: every field has the type the card needs, whatever arrived.
 */
export interface AlarmNotification {
  readonly alarmName: string;
  readonly newState: string;
  readonly reason: string;
  readonly description?: string;
  readonly accountId?: string;
  readonly oldState?: string;
  readonly stateChangeTime?: string;
  readonly alarmArn?: string;
  readonly trigger?: AlarmTrigger;
}

type Json = Record<string, unknown>;

/** Text from a string, number or boolean; `undefined` for anything else or empty. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A finite number from a number or numeric string. */
function num(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function object(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(object).filter((v): v is Json => v !== undefined) : [];
}

/** Dimensions as SNS sends them (`[{ "name", "value" }]`), from the trigger or its math metrics, without repeats. */
function dimensions(trigger: Json, metrics: Json[]): AlarmDimension[] {
  const raw = [
    ...list(trigger.Dimensions),
    ...metrics.flatMap((m) => list(object(object(m.MetricStat)?.Metric)?.Dimensions)),
  ];
  const seen = new Set<string>();
  const result: AlarmDimension[] = [];
  for (const d of raw) {
    const name = text(d.name ?? d.Name);
    const value = text(d.value ?? d.Value);
    if (!name || value === undefined || seen.has(`${name}=${value}`)) continue;
    seen.add(`${name}=${value}`);
    result.push({ name, value });
  }
  return result;
}

function readTrigger(value: unknown): AlarmTrigger | undefined {
  const trigger = object(value);
  if (!trigger) return undefined;
  const metrics = list(trigger.Metrics);
  const returned = metrics.find((m) => m.ReturnData === true && text(m.Expression)) ?? metrics.find((m) => text(m.Expression));
  return {
    metricName: text(trigger.MetricName),
    namespace: text(trigger.Namespace),
    statistic: text(trigger.ExtendedStatistic) ?? text(trigger.Statistic),
    period: num(trigger.Period),
    evaluationPeriods: num(trigger.EvaluationPeriods),
    datapointsToAlarm: num(trigger.DatapointsToAlarm),
    comparisonOperator: text(trigger.ComparisonOperator),
    threshold: num(trigger.Threshold),
    expression: returned ? text(returned.Expression) : undefined,
    dimensions: dimensions(trigger, metrics),
  };
}

/**
 * The alarm notification in an SNS message, or `undefined` for any other
 * message. A notification counts as an alarm when it names the alarm and its
 * new state; every other field is optional and coerced to its type, so a
 * number where text was expected, or a missing field, never breaks the card.
 */
export function parseAlarmNotification(message: string): AlarmNotification | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  const raw = object(parsed);
  const alarmName = text(raw?.AlarmName);
  const newState = text(raw?.NewStateValue);
  if (!raw || !alarmName || !newState) return undefined;
  return {
    alarmName,
    newState,
    reason: text(raw.NewStateReason) ?? '',
    description: text(raw.AlarmDescription),
    accountId: text(raw.AWSAccountId),
    oldState: text(raw.OldStateValue),
    stateChangeTime: text(raw.StateChangeTime),
    alarmArn: text(raw.AlarmArn),
    trigger: readTrigger(raw.Trigger),
  };
}

const REGION_IN_ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]{1,32}):/;

/** The region code of the alarm (from its ARN), falling back to `defaultRegion`. */
export function alarmRegion(alarm: AlarmNotification, defaultRegion: string): string {
  return REGION_IN_ARN.exec(alarm.alarmArn ?? '')?.[1] ?? defaultRegion;
}

/** The alarm's page in the CloudWatch console. */
export function alarmConsoleUrl(alarmName: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}

const RUNBOOK = /runbook:\s*(https:\/\/\S+)/i;
const DASHBOARD = /dashboard:\s*(https:\/\/\S+)/i;
const ANY_URL = /(https:\/\/\S+)/gi;

/**
 * The runbook link in an alarm description: the URL after "Runbook:", else
 * the first https URL that is not the dashboard link.
 */
export function runbookUrl(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const labelled = RUNBOOK.exec(description)?.[1];
  if (labelled) return labelled;
  const dashboard = dashboardUrl(description);
  return [...description.matchAll(ANY_URL)].map((m) => m[1]).find((url) => url !== dashboard);
}

/** The dashboard link in an alarm description: the URL after "Dashboard:". */
export function dashboardUrl(description: string | undefined): string | undefined {
  return description ? DASHBOARD.exec(description)?.[1] : undefined;
}

/**
 * The description without the links the card shows as buttons ("Runbook: …",
 * "Dashboard: …" and the bare runbook URL): the buttons already carry them.
 */
export function descriptionWithoutLinks(description: string | undefined): string | undefined {
  if (!description) return undefined;
  const runbook = runbookUrl(description);
  const stripped = description
    .replace(/\s*(runbook|dashboard):\s*https:\/\/\S+/gi, '')
    .split(/\s+/).filter((word) => !runbook || word !== runbook).join(' ')
    .trim();
  return stripped === '' ? undefined : stripped;
}
