import { alarmCard, CardBudget, minimalAlarmCard } from './alarm-card';
import { AlarmNotification } from './alarm-message';
import { adaptiveCard, CardContext, CardElement, header, OTHER_STATE, TeamsMessage, teamsMessage } from './card-elements';
import { truncate, utf8Bytes } from './text';

/** Teams rejects message payloads of 28 KB and more. */
export const MAX_PAYLOAD_BYTES = 28 * 1024;

/**
 * From everything to little: first the "Details" copy of the full texts goes,
 * then names are cut harder than the reason at each step.
 */
const ALARM_BUDGETS: readonly CardBudget[] = [
  { name: 1024, reason: 4000, details: true },
  { name: 1024, reason: 4000, details: false },
  { name: 120, reason: 2000, details: false },
  { name: 60, reason: 1000, details: false },
  { name: 30, reason: 600, details: false },
];
/**
 * Code points of a plain card's text, largest first. The last always fits:
 * JSON spends at most 6 bytes on a code point, 6 KB for 1,000.
 */
const PLAIN_BUDGETS = [8000, 4000, 2000, 1000];

/** Bytes of the JSON body that will be posted. */
export function payloadBytes(message: TeamsMessage): number {
  return utf8Bytes(JSON.stringify(message));
}

function prettyText(message: string): string {
  try {
    return JSON.stringify(JSON.parse(message), null, 2);
  } catch {
    return message;
  }
}

function plainCard(subject: string | undefined, text: string): CardElement {
  return adaptiveCard([
    header(`${OTHER_STATE.icon} ${truncate(subject || 'Notification', 120)}`, OTHER_STATE),
    { type: 'TextBlock', text, wrap: true, fontType: 'Monospace' },
  ], []);
}

/** The first candidate under the limit, else `fallback`: each candidate is built only when needed. */
function firstThatFits(candidates: Array<() => CardElement>, fallback: () => CardElement): TeamsMessage {
  for (const build of candidates) {
    const message = teamsMessage(build());
    if (payloadBytes(message) < MAX_PAYLOAD_BYTES) return message;
  }
  return teamsMessage(fallback());
}

function alarmMessage(alarm: AlarmNotification, context: CardContext): TeamsMessage {
  return firstThatFits(ALARM_BUDGETS.map((budget) => () => alarmCard(alarm, context, budget)), () => minimalAlarmCard(alarm, context));
}

function plainMessage(subject: string | undefined, message: string): TeamsMessage {
  const text = prettyText(message);
  const candidates = PLAIN_BUDGETS.map((max) => () => plainCard(subject, truncate(text, max)));
  return firstThatFits(candidates.slice(0, -1), candidates[candidates.length - 1]);
}

/**
 * The Teams message for one SNS notification: an alarm card for a CloudWatch
 * alarm, a plain card for anything else, always under Teams' 28 KB. An alarm
 * whose card cannot be built (a field of a shape nobody expected) still
 * reaches the channel, as a plain card of its text.
 */
export function buildTeamsMessage(
  subject: string | undefined,
  message: string,
  alarm: AlarmNotification | undefined,
  context: CardContext,
): TeamsMessage {
  if (alarm) {
    try {
      return alarmMessage(alarm, context);
    } catch {
      // Fall through to the plain card: the channel hears about the alarm either way.
    }
  }
  return plainMessage(subject, message);
}
