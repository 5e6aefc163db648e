import type { TeamsMessage } from '../../../src/alarms/teams-forwarder/card-elements';

// The UMD build: the package's `main` is an ES module Node cannot load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AdaptiveCards = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

/**
 * What the Adaptive Cards SDK (the renderer Teams' web client is built on)
 * finds wrong with the card in a Teams message: unknown elements or actions,
 * missing required properties, invalid values. Empty when the card is sound.
 */
export function adaptiveCardProblems(message: TeamsMessage): string[] {
  const problems: string[] = [];
  if (message.attachments.length !== 1 || message.attachments[0].contentType !== 'application/vnd.microsoft.card.adaptive') {
    problems.push('the message must carry exactly one Adaptive Card attachment');
  }
  const json = message.attachments[0]?.content;
  const card = new AdaptiveCards.AdaptiveCard();
  const context = new AdaptiveCards.SerializationContext();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) problems.push(`validate: ${event.message}`);
  if (card.version?.toString() !== '1.4') problems.push(`version ${card.version?.toString()}, want 1.4`);
  return problems;
}

/** Every string in a card, for checks such as "no text repeats a button's URL". */
export function textsOf(element: unknown): string[] {
  if (typeof element === 'string') return [element];
  if (Array.isArray(element)) return element.flatMap(textsOf);
  if (element && typeof element === 'object') return Object.values(element).flatMap(textsOf);
  return [];
}
