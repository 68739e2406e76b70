import { renderCard } from './cards.js';
import { type ConsoleBoard, consoleBoard } from './console-board.js';
import { personOf } from './config.js';
import type { EscalationContext } from './context.js';
import { COLLECTIONS, type Escalation, type EscalationCard, type Notification } from './model.js';
import { mayAct, queuesOf } from './routing.js';

/**
 * Read-only views for delegates: their queues with the live cards, "mes demandes", and the
 * notifications that could not be delivered (dead letters) that concern them.
 */

export interface QueueView {
  id: string;
  name: string;
  kind: string;
  /** The viewer is a supervisor of the queue rather than a member. */
  supervisor: boolean;
  cards: EscalationCard[];
}

export interface DeadLetterView {
  id: string;
  channel: string;
  type: string;
  escalationId?: string;
  error?: string;
  createdAt: string;
}

export interface DelegateBoard {
  identity: string;
  name: string;
  admin: boolean;
  queues: QueueView[];
  /** "Mes demandes": escalations the viewer owns, then the open ones waiting in their queues. */
  mine: EscalationCard[];
  deadLetters: DeadLetterView[];
}

const byAge = (a: Escalation, b: Escalation) => a.createdAt.localeCompare(b.createdAt);

export class DelegateViews {
  constructor(private readonly ctx: EscalationContext) {}

  /** Open and claimed escalations (the ones delegates act on), oldest first. */
  async live(): Promise<Escalation[]> {
    const docs = await this.ctx.store.list<Escalation>(COLLECTIONS.escalations);
    return docs
      .map((d) => d.value)
      .filter((e) => e.status === 'open' || e.status === 'claimed')
      .sort(byAge);
  }

  /** The open escalations waiting in the viewer's queues and the ones they own. */
  async mine(identity: string): Promise<Escalation[]> {
    const config = await this.ctx.config();
    const memberOf = new Set(config.queues.filter((q) => q.members.includes(identity)).map((q) => q.id));
    const live = await this.live();
    return [
      ...live.filter((e) => e.status === 'claimed' && e.owner?.identity === identity),
      ...live.filter((e) => e.status === 'open' && memberOf.has(e.queueId)),
    ];
  }

  /** The web console's board: each request once, by deadline, with waiting time and follow-ups. */
  consoleBoard(identity: string): Promise<ConsoleBoard> {
    return consoleBoard(this.ctx, this, identity);
  }

  async board(identity: string): Promise<DelegateBoard> {
    const config = await this.ctx.config();
    const cardCtx = this.ctx.cardContext(config);
    const live = await this.live();
    const queues = queuesOf(config, identity).map((q) => ({
      id: q.id,
      name: q.name,
      kind: q.kind,
      supervisor: !q.members.includes(identity),
      cards: live.filter((e) => e.queueId === q.id).map((e) => renderCard(e, cardCtx)),
    }));
    const mine = (await this.mine(identity)).map((e) => renderCard(e, cardCtx));
    return {
      identity,
      name: personOf(config, identity).name,
      admin: config.admins.includes(identity),
      queues,
      mine,
      deadLetters: await this.deadLetters(identity),
    };
  }

  /** Dead letters: every one for admins; for a delegate, those of escalations they own or can act on. */
  async deadLetters(identity: string): Promise<DeadLetterView[]> {
    const config = await this.ctx.config();
    const admin = config.admins.includes(identity);
    const dead = await this.ctx.store.listOutbox({ status: 'dead' });
    const views: DeadLetterView[] = [];
    for (const item of dead) {
      const payload = item.payload as Partial<Notification> | null;
      const escalationId = payload && 'escalationId' in payload ? payload.escalationId : undefined;
      if (!admin) {
        if (!escalationId) continue;
        const esc = (await this.ctx.load(escalationId))?.value;
        const queue = esc && config.queues.find((q) => q.id === esc.queueId);
        const concerned = esc && (esc.owner?.identity === identity || (queue && mayAct(queue, identity)));
        if (!concerned) continue;
      }
      views.push({
        id: item.id,
        channel: item.channel,
        type: payload?.type ?? 'unknown',
        ...(escalationId ? { escalationId } : {}),
        ...(item.lastError ? { error: item.lastError } : {}),
        createdAt: new Date(item.createdAt).toISOString(),
      });
    }
    return views;
  }
}
