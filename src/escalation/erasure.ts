import type { DocWrite, NewOutboxItem } from '../store/contract.js';
import type { EscalationContext } from './context.js';
import { erasureNotices, erasureOrderingKey, type Tombstone } from './erasure-notice.js';
import { channelOfIdentity, COLLECTIONS, type Escalation, type Notification } from './model.js';

/**
 * RGPD erasure of everything escalation keeps about one professional: their escalations (open or
 * claimed ones are thereby closed: nobody can act on them any more), the transcripts, the notices
 * relayed to web delegates, the suggestions made from their questions, and the audit entries about
 * them or by them. In the same commit: a tombstone per escalation and, for Slack and Teams, an
 * erasure notice that replaces the cards posted in queue channels by a neutral text without
 * buttons and deletes the bot's messages about it (see erasure-notice.ts); the owner of a claimed
 * one is told, without name or question, that it was withdrawn.
 */
export async function eraseProfessional(ctx: EscalationContext, professionalKey: string): Promise<void> {
  const { store } = ctx;
  const config = await ctx.config();
  const mine = (await store.list<Escalation>(COLLECTIONS.escalations)).filter(
    (d) => d.value.professionalKey === professionalKey,
  );
  const ids = new Set(mine.map((d) => d.id));
  const text = ctx.t(ctx.delegateLocale, 'escalation.card.erased');
  const tombstone: Tombstone = { at: ctx.now().toISOString(), text };
  const writes: DocWrite[] = [];
  const outbox: NewOutboxItem[] = [];
  for (const { id, value: esc } of mine) {
    writes.push(
      { collection: COLLECTIONS.escalations, id, value: null },
      { collection: COLLECTIONS.erasures, id, value: tombstone, ttlMs: ctx.retentionMs },
    );
    for (const notice of erasureNotices(config, esc, text)) {
      outbox.push({
        id: `erase:${id}:${notice.channel}`,
        orderingKey: erasureOrderingKey(id, notice.channel),
        channel: notice.channel,
        payload: notice,
      });
    }
    if (esc.status === 'claimed' && esc.owner) outbox.push(ownerNotice(ctx, esc, esc.owner.identity));
  }
  for (const id of ids) {
    for (const line of await store.list(COLLECTIONS.transcript, { prefix: `${id}:` })) {
      writes.push({ collection: COLLECTIONS.transcript, id: line.id, value: null });
    }
    await store.eraseAudit({ subject: `escalation:${id}` });
  }
  for (const notice of await store.list<{ escalationId?: string }>(COLLECTIONS.webNotices)) {
    if (notice.value.escalationId && ids.has(notice.value.escalationId)) {
      writes.push({ collection: COLLECTIONS.webNotices, id: notice.id, value: null });
    }
  }
  for (const s of await store.list<{ professionalKey?: string }>(COLLECTIONS.suggestions)) {
    if (s.value.professionalKey === professionalKey) {
      writes.push({ collection: COLLECTIONS.suggestions, id: s.id, value: null });
    }
  }
  writes.push({ collection: COLLECTIONS.byProfessional, id: professionalKey, value: null });
  await store.commit({ writes, outbox });
  await store.eraseAudit({ actor: professionalKey });
  ctx.deps.logger.info({ event: 'escalation.erase', escalations: ids.size, notices: outbox.length }, 'escalations erased');
}

/**
 * The owner's notice. Its escalation id is not the erased one (`erased:<id>`), so that the tombstone
 * does not withdraw it; it names nobody and quotes nothing.
 */
function ownerNotice(ctx: EscalationContext, esc: Escalation, owner: string): NewOutboxItem {
  const notification: Notification = {
    type: 'delegate.message',
    escalationId: `erased:${esc.id}`,
    to: owner,
    kind: 'notice',
    text: ctx.t(ctx.delegateLocale, 'escalation.delegate.erased'),
  };
  return {
    id: `erase:${esc.id}:owner`,
    orderingKey: `delegate:${owner}`,
    channel: channelOfIdentity(owner),
    payload: notification,
  };
}
