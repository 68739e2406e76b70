import { ActionId } from '../../model/message.js';

/**
 * Slack `action_id`s this channel produces. A professional's button carries the neutral action
 * (`relais:<ActionId>:<n>`, `n` keeps ids unique inside a block); a delegate card's button says
 * what it does to the escalation whose id is the button's value.
 */
export const PROFESSIONAL_ACTION = /^relais:([a-z_]+):\d+$/;

export function professionalActionId(action: ActionId, index: number): string {
  return `relais:${action}:${index}`;
}

/** The neutral action behind a Slack action_id, or null for one we did not produce. */
export function parseProfessionalAction(actionId: string): ActionId | null {
  const match = PROFESSIONAL_ACTION.exec(actionId);
  const parsed = ActionId.safeParse(match?.[1]);
  return parsed.success ? parsed.data : null;
}

export const CardAction = {
  claim: 'card:claim',
  release: 'card:release',
  transfer: 'card:transfer',
  resolve: 'card:resolve',
  resolveFaq: 'card:resolve_faq',
  history: 'card:history',
} as const;
export type CardAction = (typeof CardAction)[keyof typeof CardAction];

/** Callback ids of the modals this channel opens. */
export const ModalId = {
  transfer: 'relais:transfer',
  resolve: 'relais:resolve',
  history: 'relais:history',
} as const;

/** Block and action ids inside the modals, read back on submission. */
export const ModalField = {
  transferQueue: { block: 'queue', action: 'queue_select' },
  transferNote: { block: 'note', action: 'note_input' },
  resolveFaq: { block: 'faq', action: 'faq_checkbox' },
  resolveNote: { block: 'note', action: 'note_input' },
} as const;
