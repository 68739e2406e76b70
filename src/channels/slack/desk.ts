import type { DelegateService } from '../../escalation/delegates.js';
import type { Escalation, EscalationCard } from '../../escalation/model.js';
import type { EscalationService } from '../../escalation/service.js';
import type { DelegateViews } from '../../escalation/views.js';

/**
 * What the Slack channel asks of the escalation services, gathered in one place: the delegates'
 * actions (claim, release, transfer, resolve, reply, history), "mes demandes", and a
 * professional's latest escalation (App Home). Actors are identities (`slack:U123`).
 */
export interface DelegateDesk {
  claim: DelegateService['claim'];
  release: DelegateService['release'];
  transfer: DelegateService['transfer'];
  resolve: DelegateService['resolve'];
  reply: DelegateService['reply'];
  history: DelegateService['history'];
  /** "Mes demandes": the cards a delegate owns, then the open ones waiting in their queues. */
  mine(identity: string): Promise<EscalationCard[]>;
  latestFor(professionalKey: string): Promise<Escalation | null>;
}

/** The escalation services, as the composition root builds them. */
export interface EscalationServices {
  delegates: DelegateService;
  views: Pick<DelegateViews, 'board'>;
  professionals: Pick<EscalationService, 'latestFor'>;
}

/** Binds the services' methods into one desk. */
export function deskOf(services: EscalationServices): DelegateDesk {
  const { delegates, views, professionals } = services;
  return {
    claim: (actor, id) => delegates.claim(actor, id),
    release: (actor, id) => delegates.release(actor, id),
    transfer: (actor, id, to) => delegates.transfer(actor, id, to),
    resolve: (actor, id, options) => delegates.resolve(actor, id, options),
    reply: (actor, id, text) => delegates.reply(actor, id, text),
    history: (actor, id) => delegates.history(actor, id),
    mine: async (identity) => (await views.board(identity)).mine,
    latestFor: (key) => professionals.latestFor(key),
  };
}

/** The identity of a Slack user in the escalation configuration and audit. */
export function slackIdentity(userId: string): string {
  return `slack:${userId}`;
}
