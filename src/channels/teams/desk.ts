import { renderCard } from '../../escalation/cards.js';
import type { EscalationConfig } from '../../escalation/config.js';
import type { DelegateService } from '../../escalation/delegates.js';
import type { EscalationContext } from '../../escalation/context.js';
import type { EscalationCard } from '../../escalation/model.js';
import { maySee } from '../../escalation/routing.js';
import type { EscalationService } from '../../escalation/service.js';
import type { DelegateViews } from '../../escalation/views.js';
import type { Locale } from '../../model/message.js';

/**
 * What the Teams channel needs from escalation: the delegates' operations, the configuration (to
 * tell which Teams id the configuration names a person by) and the current card of an escalation
 * (to show it again after its history), and « mes demandes » (the delegate board Slack's command
 * reads, and a professional's latest request). `createEscalation(...)`'s module satisfies it.
 */
export interface TeamsEscalation {
  delegates: Pick<DelegateService, 'claim' | 'release' | 'transfer' | 'resolve' | 'reply' | 'history'>;
  views: Pick<DelegateViews, 'board'>;
  service: Pick<EscalationService, 'latestFor'>;
  context: Pick<EscalationContext, 'config' | 'load' | 'cardContext' | 'delegateLocale'>;
}

/**
 * The identity of a Teams user in the Relais configuration: `teams:<Entra object id>` (stable,
 * visible in the Entra admin centre) unless the configuration names them by their Teams user id
 * (`teams:29:…`, specific to this bot).
 */
export async function teamsIdentity(
  escalation: TeamsEscalation,
  from: { id: string; aadObjectId?: string },
): Promise<string> {
  const byTeamsId = `teams:${from.id}`;
  if (!from.aadObjectId) return byTeamsId;
  const config = await escalation.context.config();
  return namesIdentity(config, byTeamsId) ? byTeamsId : `teams:${from.aadObjectId}`;
}

function namesIdentity(config: EscalationConfig, identity: string): boolean {
  return (
    config.queues.some((q) => q.members.includes(identity) || q.supervisors.includes(identity)) ||
    config.admins.includes(identity) ||
    identity in config.people
  );
}

/**
 * The current card of an escalation for `actor`: null when it no longer exists or when the actor
 * may not see it (neither a member or supervisor of its queue, nor its owner, nor an admin).
 */
export async function cardFor(
  escalation: TeamsEscalation,
  actor: string,
  escalationId: string,
): Promise<EscalationCard | null> {
  const doc = await escalation.context.load(escalationId);
  if (!doc) return null;
  const config = await escalation.context.config();
  return maySee(config, doc.value, actor) ? renderCard(doc.value, escalation.context.cardContext(config)) : null;
}

/** Delegates' locale (cards are read by delegates). */
export function delegateLocale(escalation: TeamsEscalation): Locale {
  return escalation.context.delegateLocale;
}
