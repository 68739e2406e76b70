import type { ConversationRef, Locale, Reply } from '../model/message.js';
import type { EscalationContext, Plan } from './context.js';
import { deadlinesFor } from './confirmation.js';
import type { Escalation } from './model.js';
import { isAbsent, mayAct } from './routing.js';

/**
 * Reopening a resolved escalation: the professional wrote again within the reopen window about
 * the same matter (`text`, NIR-masked), or tapped « Rouvrir ma demande » (`text` null). The owner
 * gets it back when still a member and present; otherwise it waits in its queue again. The
 * deadline restarts; one atomic commit with the card update, the owner's notice and the audit entry.
 */
export async function reopenEscalation(
  ctx: EscalationContext,
  id: string,
  conversation: ConversationRef,
  text: string | null,
  locale: Locale,
): Promise<Reply[]> {
  const config = await ctx.config();
  return ctx.transition(id, (current): Plan<Reply[]> => {
    const esc = current?.value;
    if (esc?.status !== 'resolved') return { result: [] };
    const now = ctx.now();
    const queue = config.queues.find((q) => q.id === esc.queueId);
    if (!queue) return { result: [] };
    const owner = esc.owner;
    const ownerBack = owner && mayAct(queue, owner.identity) && !isAbsent(config, owner.identity, now);
    const name = esc.professional.displayName ?? esc.professional.id;
    const {
      resolvedAt: _resolved,
      satisfaction: _rating,
      owner: _owner,
      reminderSentAt: _r,
      deadlineActedAt: _d,
      firstReplyAt: _f,
      ownerReminderSentAt: _or,
      ownerDeadlineActedAt: _od,
      ...rest
    } = esc;
    // The professional waits again: the deadline restarts, with the owner or in the queue.
    const waiting = { ...rest, conversation, locale, queuedAt: now.toISOString(), ...deadlinesFor(queue, now) };
    const next: Escalation = ownerBack
      ? { ...waiting, status: 'claimed', owner: { ...owner, at: now.toISOString() } }
      : { ...waiting, status: 'open' };
    const told = ownerBack
      ? ctx.t(locale, text === null ? 'escalation.reopened.owner_asked' : 'escalation.reopened.owner', {
          name: owner.name,
        })
      : ctx.t(locale, 'escalation.reopened.queue', { queue: queue.name });
    const ownerNotice =
      text === null
        ? ctx.t(ctx.delegateLocale, 'escalation.delegate.reopened_asked', { name })
        : ctx.t(ctx.delegateLocale, 'escalation.delegate.reopened', { name, text });
    return {
      result: [{ kind: 'escalation', text: told }],
      next,
      transcript: text === null ? [] : [{ from: 'professional', who: esc.professionalKey, text }],
      notifications: [
        ...(ctx.cardNotifications(config, next) ?? []),
        ...(ownerBack
          ? [
              {
                notification: {
                  type: 'delegate.message' as const,
                  escalationId: esc.id,
                  to: owner.identity,
                  kind: 'relay' as const,
                  text: ownerNotice,
                },
              },
            ]
          : []),
      ],
      audit: [{ actor: esc.professionalKey, action: 'escalation.reopen', from: 'resolved', to: next.status }],
    };
  });
}
