/**
 * The CloudWatch alarm notification that SNS delivers (the `Message` of the
 * SNS record, JSON). Only the fields the card uses are typed.
 */
export interface CloudWatchAlarmNotification {
  readonly AlarmName: string;
  readonly AlarmDescription?: string | null;
  readonly AWSAccountId: string;
  readonly NewStateValue: string;
  readonly NewStateReason: string;
  readonly OldStateValue?: string;
  readonly StateChangeTime: string;
  /** A display name such as "EU (London)", not a region code. */
  readonly Region?: string;
  readonly AlarmArn?: string;
  readonly Trigger?: AlarmTrigger;
}

/** The metric part of an alarm notification; metric-math alarms have `Metrics` instead of `MetricName`. */
export interface AlarmTrigger {
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Statistic?: string;
  readonly ExtendedStatistic?: string;
  readonly Period?: number;
  readonly EvaluationPeriods?: number;
  readonly DatapointsToAlarm?: number;
  readonly ComparisonOperator?: string;
  readonly Threshold?: number;
  readonly Metrics?: ReadonlyArray<{ readonly Id?: string; readonly Expression?: string; readonly Label?: string; readonly ReturnData?: boolean }>;
}

/** Returns the alarm notification in an SNS message, or `undefined` for any other message. */
export function parseAlarmNotification(message: string): CloudWatchAlarmNotification | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const candidate = parsed as Record<string, unknown>;
  const isAlarm = typeof candidate.AlarmName === 'string'
    && typeof candidate.NewStateValue === 'string'
    && typeof candidate.AWSAccountId === 'string';
  return isAlarm ? (candidate as unknown as CloudWatchAlarmNotification) : undefined;
}

const REGION_IN_ARN = /^arn:aws[a-z-]*:cloudwatch:([a-z0-9-]+):/;

/** The region code of the alarm (from its ARN), falling back to `defaultRegion`. */
export function alarmRegion(alarm: CloudWatchAlarmNotification, defaultRegion: string): string {
  return REGION_IN_ARN.exec(alarm.AlarmArn ?? '')?.[1] ?? defaultRegion;
}

/** The alarm's page in the CloudWatch console. */
export function alarmConsoleUrl(alarm: CloudWatchAlarmNotification, region: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`;
}

const RUNBOOK = /runbook:\s*(https:\/\/\S+)/i;
const DASHBOARD = /dashboard:\s*(https:\/\/\S+)/i;
const ANY_URL = /(https:\/\/\S+)/gi;

/**
 * The runbook link in an alarm description: the URL after "Runbook:", else
 * the first https URL that is not the dashboard link.
 */
export function runbookUrl(description: string | null | undefined): string | undefined {
  if (!description) return undefined;
  const labelled = RUNBOOK.exec(description)?.[1];
  if (labelled) return labelled;
  const dashboard = dashboardUrl(description);
  return [...description.matchAll(ANY_URL)].map((m) => m[1]).find((url) => url !== dashboard);
}

/** The dashboard link in an alarm description: the URL after "Dashboard:". */
export function dashboardUrl(description: string | null | undefined): string | undefined {
  return description ? DASHBOARD.exec(description)?.[1] : undefined;
}
