import type { EscalationPort, EscalationRequest } from '../../../src/model/escalation-port.js';
import { type Reply, type UserRef, userKey } from '../../../src/model/message.js';

/**
 * Stands in for the escalation services in conversation tests: records what the core asked, and,
 * once a delegate "owns" the conversation, intercepts every message as the real port does.
 */
export class RecordingEscalation implements EscalationPort {
  readonly opened: EscalationRequest[] = [];
  readonly relayed: string[] = [];
  readonly erased: string[] = [];
  readonly cancelled: string[] = [];
  readonly ratings: { escalationId: string; score: number }[] = [];
  /** User keys whose conversation a delegate owns. */
  readonly owned = new Set<string>();

  async intercept(input: { user: UserRef; text: string }): Promise<Reply[] | null> {
    if (!this.owned.has(userKey(input.user))) return null;
    this.relayed.push(input.text);
    return [{ kind: 'relay', text: 'transmis' }];
  }

  /** Escalation ids a professional may still reopen (resolved within the window), by user key. */
  readonly reopenable = new Map<string, string>();
  readonly reopened: string[] = [];

  async reopenOffer(user: UserRef): Promise<string | null> {
    return this.reopenable.get(userKey(user)) ?? null;
  }

  async reopen(input: { user: UserRef; escalationId: string }): Promise<Reply[]> {
    if (this.reopenable.get(userKey(input.user)) !== input.escalationId)
      return [{ kind: 'escalation', text: 'Cette demande ne peut plus être rouverte.' }];
    this.reopened.push(input.escalationId);
    this.owned.add(userKey(input.user));
    return [{ kind: 'escalation', text: 'Votre demande est rouverte.' }];
  }

  async open(request: EscalationRequest): Promise<Reply[]> {
    this.opened.push(request);
    return [{ kind: 'escalation', text: `Votre demande est transmise (${this.opened.length}).` }];
  }

  async cancel(input: { user: UserRef }): Promise<Reply[]> {
    this.cancelled.push(userKey(input.user));
    this.owned.delete(userKey(input.user));
    return [{ kind: 'escalation', text: 'Votre demande est annulée.' }];
  }

  async rate(input: { escalationId: string; score: number }): Promise<Reply[]> {
    this.ratings.push({ escalationId: input.escalationId, score: input.score });
    return [{ kind: 'notice', text: 'Merci pour votre note.' }];
  }

  async eraseUser(user: UserRef): Promise<void> {
    this.erased.push(userKey(user));
    this.owned.delete(userKey(user));
  }
}
