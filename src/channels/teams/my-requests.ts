import { z } from 'zod';

/**
 * « Mes demandes » on Teams: what a person types (or picks in the bot's command menu) to list their
 * requests, and the Universal Action that shows the list again from a card.
 */

/** What the personal-chat command may look like once normalised (accents, case, dashes, slash). */
const COMMANDS = new Set(['mes demandes', 'mesdemandes', 'my requests', 'myrequests']);

function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^\s*\//, '')
    .replace(/[-_]/g, ' ')
    .replace(/[.!?…\s]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when the whole message asks for « mes demandes » (French or English): a question that
 * merely contains the words (« mes demandes de remboursement… ») goes to the conversation core.
 */
export function isMyRequestsCommand(text: string): boolean {
  return text.length <= 40 && COMMANDS.has(normalise(text));
}

/** The Action.Execute verb of the « Mes demandes » button (back to the list from a card). */
export const MY_REQUESTS_VERB = 'relais.mine';

const MyRequestsInvoke = z.object({ action: z.object({ verb: z.literal(MY_REQUESTS_VERB) }) });

/** True for an `adaptiveCard/action` invoke of the « Mes demandes » button. */
export function isMyRequestsInvoke(value: unknown): boolean {
  return MyRequestsInvoke.safeParse(value).success;
}
