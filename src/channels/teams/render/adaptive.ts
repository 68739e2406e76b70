/**
 * The small part of the Adaptive Card schema Relais uses (version 1.4: the first with
 * Action.Execute, supported by Teams on desktop, web and mobile).
 */

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.4';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Small' | 'Medium' | 'Large';
  isSubtle?: boolean;
  color?: 'Good' | 'Attention' | 'Accent' | 'Warning';
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
  separator?: boolean;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}

export interface ChoiceSetInput {
  type: 'Input.ChoiceSet';
  id: string;
  style: 'compact';
  isRequired: true;
  errorMessage: string;
  placeholder: string;
  choices: Array<{ title: string; value: string }>;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive';
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style?: 'positive' | 'destructive';
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: AdaptiveCard;
}

export type CardAction = SubmitAction | ExecuteAction | ShowCardAction;

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: 'None' | 'Small' | 'Medium';
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  separator?: boolean;
  spacing?: 'None' | 'Small' | 'Medium' | 'Large';
}

export type CardElement = TextBlock | FactSet | ChoiceSetInput | ActionSet | Container;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema?: string;
  version: string;
  body: CardElement[];
  actions?: CardAction[];
  /** Text shown where the card cannot be (notifications, older clients). */
  fallbackText?: string;
  msteams?: { width: 'Full' };
}

/** A Bot Framework attachment carrying an Adaptive Card. */
export interface CardAttachment {
  contentType: typeof CARD_CONTENT_TYPE;
  content: AdaptiveCard;
}

/** Teams shows at most six actions on a card (the rest are dropped); our cards stay under it. */
export const MAX_CARD_ACTIONS = 6;
/** Titles longer than this are cut by Teams' buttons anyway. */
const MAX_TITLE = 80;

export function fitTitle(text: string): string {
  return text.length <= MAX_TITLE ? text : `${text.slice(0, MAX_TITLE - 1)}…`;
}

export function adaptiveCard(body: CardElement[], actions: CardAction[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(actions.length > 0 ? { actions: actions.slice(0, MAX_CARD_ACTIONS) } : {}),
    fallbackText: fallbackText.slice(0, 1000),
    msteams: { width: 'Full' },
  };
}

export function attachment(card: AdaptiveCard): CardAttachment {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}
