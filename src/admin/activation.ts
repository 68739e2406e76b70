import type { Clock } from '../clock.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type { Store } from '../store/contract.js';
import { AnswerRepository } from './answer-repo.js';
import { servedVersionId } from './model.js';
import type { AdminNotices } from './notices.js';
import { dueForActivation } from './timeline.js';

export interface ActivationDeps {
  store: Store;
  clock: Clock;
  /** This instance's name, holder of the leases it takes. */
  holder: string;
  notices: AdminNotices;
  messages: MessageCatalogue;
}

const LEASE_MS = 10 * 60_000;

/**
 * Records, once across instances, that each scheduled version whose date has come took effect: the
 * head marks it activated (audit `answer.activate`) and the admins are told. Serving does not wait
 * for this (the source computes what is in force from stored times); this makes the change visible
 * and auditable. Catches up whatever came due while every instance was down. Two guards make it
 * once: a lease whose key includes the fire time, and the head's expected version.
 * Returns the number of versions this call activated.
 */
export async function activateDueVersions(deps: ActivationDeps): Promise<number> {
  const repo = new AnswerRepository(deps.store);
  const now = deps.clock.now();
  let activated = 0;
  for (const head of await repo.heads()) {
    for (const entry of dueForActivation(head, now)) {
      const key = `answer-activation:${head.intentId}:${entry.n}:${Date.parse(entry.effectiveAt)}`;
      if (!(await deps.store.acquireLease(key, deps.holder, LEASE_MS))) continue;
      const version = await repo.version(head.intentId, entry.n);
      const title = version?.content.title ?? head.intentId;
      const outbox = await deps.notices.toAdmins(
        `activate:${head.intentId}:${entry.n}`,
        deps.messages.t('fr', 'admin.notice.activated', { version: servedVersionId(entry.n), title }),
      );
      const done = await repo.change(head.intentId, (current) => {
        const still = current?.head.timeline.find((e) => e.n === entry.n);
        if (!current || !still || still.activatedAt || still.cancelledAt) return null;
        const at = deps.clock.now().toISOString();
        return {
          head: {
            ...current.head,
            timeline: current.head.timeline.map((e) => (e.n === entry.n ? { ...e, activatedAt: at } : e)),
          },
          audit: [
            {
              at,
              actor: 'scheduler',
              action: 'answer.activate',
              subject: `answer:${head.intentId}`,
              to: servedVersionId(entry.n),
              details: { effectiveAt: entry.effectiveAt },
            },
          ],
          outbox,
          result: true,
        };
      });
      if (done) activated++;
    }
  }
  return activated;
}
