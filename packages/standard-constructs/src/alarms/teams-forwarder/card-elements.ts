import { truncate } from './text';

/** A JSON value of an Adaptive Card. */
export type CardElement = { readonly [key: string]: unknown };

/** The message a Teams Workflows webhook ("When a Teams webhook request is received") accepts. */
export interface TeamsMessage {
  readonly type: 'message';
  readonly attachments: ReadonlyArray<{ readonly contentType: string; readonly contentUrl: null; readonly content: CardElement }>;
}

/** Where the card is built and for whom. */
export interface CardContext {
  /** The forwarder's own region, for alarms without an ARN. */
  readonly defaultRegion: string;
  /** The environment the account serves (e.g. "production"), shown under the title. */
  readonly environmentName?: string;
}

/** How an alarm state looks: container style, text colour and icon. */
export interface StateStyle {
  readonly style: string;
  readonly color: string;
  readonly icon: string;
}

const STATE_STYLES: Record<string, StateStyle> = {
  ALARM: { style: 'attention', color: 'Attention', icon: '🔴' },
  OK: { style: 'good', color: 'Good', icon: '✅' },
  INSUFFICIENT_DATA: { style: 'warning', color: 'Warning', icon: '⚠️' },
};

/** The look of anything that is not an alarm state. */
export const OTHER_STATE: StateStyle = { style: 'emphasis', color: 'Default', icon: 'ℹ️' };

export function stateStyle(state: string): StateStyle {
  return STATE_STYLES[state] ?? OTHER_STATE;
}

/** "production · 471112958110 · eu-west-2": the parts that are known, each kept short. */
export function subtitle(parts: ReadonlyArray<string | undefined>): string | undefined {
  const known = parts.filter((p): p is string => !!p).map((p) => truncate(p, 32));
  return known.length > 0 ? known.join(' · ') : undefined;
}

/** The coloured band at the top of a card: title, and a subtle line under it. */
export function header(title: string, state: StateStyle, under?: string): CardElement {
  return {
    type: 'Container',
    style: state.style,
    bleed: true,
    items: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', color: state.color, wrap: true },
      ...(under ? [{ type: 'TextBlock', text: under, isSubtle: true, size: 'Small', spacing: 'None', wrap: true }] : []),
    ],
  };
}

export function openUrl(title: string, url: string): CardElement {
  return { type: 'Action.OpenUrl', title, url };
}

/** Adaptive Cards 1.4: the newest version every Teams client renders. */
export function adaptiveCard(body: CardElement[], actions: CardElement[]): CardElement {
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    body,
    ...(actions.length > 0 ? { actions } : {}),
  };
}

export function teamsMessage(content: CardElement): TeamsMessage {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content }],
  };
}
