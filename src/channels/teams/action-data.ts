import { z } from 'zod';
import { CardActionId } from '../../escalation/model.js';
import { ActionId } from '../../model/message.js';

/**
 * What the cards' buttons carry back to the bot.
 *
 * - A professional's answer card uses Action.Submit: Teams posts a `message` activity whose
 *   `value` is `{ relais: 'pro', action, value? }`.
 * - A delegate card uses Universal Actions (Action.Execute): Teams sends an `adaptiveCard/action`
 *   invoke whose `action.verb` is `relais.<card action>` and whose `action.data` carries the
 *   escalation id (plus the chosen queue for a transfer, from the card's Input.ChoiceSet).
 */
export const ProfessionalSubmit = z.object({
  relais: z.literal('pro'),
  action: ActionId,
  value: z.string().max(500).optional(),
});
export type ProfessionalSubmit = z.infer<typeof ProfessionalSubmit>;

/** Card verbs: the neutral card actions, plus `view` (back from the history to the card). */
export const CardVerb = z.union([CardActionId, z.literal('view')]);
export type CardVerb = z.infer<typeof CardVerb>;

const VERB_PREFIX = 'relais.';

export function verbOf(action: CardVerb): string {
  return `${VERB_PREFIX}${action}`;
}

/** Id of the Input.ChoiceSet of the transfer form (its value arrives in `action.data`). */
export const TRANSFER_INPUT = 'relaisTransferQueue';

export const CardActionData = z.object({
  escalationId: z.string().min(1).max(200),
  [TRANSFER_INPUT]: z.string().max(200).optional(),
});
export type CardActionData = z.infer<typeof CardActionData>;

export interface CardInvoke {
  verb: CardVerb;
  escalationId: string;
  transferTo?: string;
}

/** Reads an `adaptiveCard/action` invoke value; null for a verb or data this channel did not produce. */
export function parseCardInvoke(value: unknown): CardInvoke | null {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | null)?.action;
  if (typeof action?.verb !== 'string' || !action.verb.startsWith(VERB_PREFIX)) return null;
  const verb = CardVerb.safeParse(action.verb.slice(VERB_PREFIX.length));
  const data = CardActionData.safeParse(action.data);
  if (!verb.success || !data.success) return null;
  const transferTo = data.data[TRANSFER_INPUT];
  return { verb: verb.data, escalationId: data.data.escalationId, ...(transferTo ? { transferTo } : {}) };
}
