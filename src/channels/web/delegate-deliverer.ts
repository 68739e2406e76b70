import type { Clock } from '../../clock.js';
import { type EscalationConfig, personOf } from '../../escalation/config.js';
import type { EscalationDirectory } from '../../escalation/directory.js';
import { COLLECTIONS, Notification } from '../../escalation/model.js';
import type { Deliverer, DeliveryResult } from '../../escalation/outbox.js';
import { mayAct } from '../../escalation/routing.js';
import type { Store } from '../../store/contract.js';
import type { ConsoleAuthOptions, ConsoleIdentity, ConsoleIdentitySource } from './auth.js';
import type { WebDelivery } from './delivery.js';

/**
 * The web console's side of the outbox. Replies to a web professional go to their chat inbox
 * (WebDelivery); cards of web queues need no push (the delegate view reads escalations from the
 * store); reminders, alerts and relayed messages for web delegates become notices the delegate view
 * polls (collection `delegate_notices`, id `<audience>|<outbox seq>`, so a redelivery overwrites).
 */

export interface WebNotice {
  /** `web:karim` (one delegate) or `queue:<id>` (everyone in the queue). */
  audience: string;
  escalationId: string;
  kind: string;
  text: string;
  at: string;
}

export function createWebDeliverer(deps: {
  store: Store;
  clock: Clock;
  delivery: Pick<WebDelivery, 'deliver'>;
  retentionDays: number;
}): Deliverer {
  const notice = async (audience: string, escalationId: string, kind: string, text: string, seq: number) => {
    const value: WebNotice = { audience, escalationId, kind, text, at: deps.clock.now().toISOString() };
    await deps.store.commit({
      writes: [
        {
          collection: COLLECTIONS.webNotices,
          id: `${audience}|${String(seq).padStart(12, '0')}`,
          value,
          ttlMs: deps.retentionDays * 86_400_000,
        },
      ],
    });
  };
  return {
    async deliver(payload, item): Promise<DeliveryResult> {
      const parsed = Notification.safeParse(payload);
      if (!parsed.success) return { ok: false, retry: false, error: 'not an escalation notification' };
      const n = parsed.data;
      switch (n.type) {
        case 'professional.reply':
          for (const [i, reply] of n.replies.entries())
            await deps.delivery.deliver(n.conversation.id, reply, `${item.id}:${i}`);
          return { ok: true };
        case 'queue.card':
          return { ok: true };
        case 'queue.message':
          await notice(`queue:${n.queueId}`, n.escalationId, n.kind, n.text, item.seq);
          return { ok: true };
        case 'delegate.message':
          await notice(n.to, n.escalationId, n.kind, n.text, item.seq);
          return { ok: true };
        case 'admins.post':
          // The admin view reads the digests from the store (stored with this item): nothing to push.
          return { ok: true };
      }
    },
  };
}

/** Notices for a web delegate: their own and their queues', most recent first. */
export async function readWebNotices(
  store: Store,
  identity: string,
  queueIds: string[],
  limit = 20,
): Promise<WebNotice[]> {
  const audiences = [identity, ...queueIds.map((id) => `queue:${id}`)];
  const lists = await Promise.all(
    audiences.map((a) => store.list<WebNotice>(COLLECTIONS.webNotices, { prefix: `${a}|` })),
  );
  return lists
    .flat()
    .map((d) => d.value)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);
}

/**
 * The console's identities from the escalation configuration: the per-user tokens, and the demo
 * identities a loopback caller may pick (professionals first: the chat's default user is the first).
 */
export function consoleIdentities(config: EscalationConfig): {
  tokens: Map<string, ConsoleIdentity>;
  demoUsers: ConsoleIdentity[];
} {
  const identities = new Set<string>([
    ...Object.keys(config.people),
    ...Object.keys(config.referents),
    ...config.queues.flatMap((q) => [...q.members, ...q.supervisors]),
    ...config.admins,
  ]);
  const toConsole = (identity: string): ConsoleIdentity => {
    const person = personOf(config, identity);
    const roles: string[] = [];
    if (config.queues.some((q) => q.members.includes(identity))) roles.push('delegate');
    if (config.queues.some((q) => q.supervisors.includes(identity))) roles.push('supervisor');
    if (config.admins.includes(identity)) roles.push('admin');
    if (roles.length === 0) roles.push('professional');
    return {
      userId: identity.slice('web:'.length),
      name: person.name,
      roles,
      ...(person.profession ? { profession: person.profession } : {}),
      ...(person.territory ? { territory: person.territory } : {}),
    };
  };
  const web = [...identities].filter((i) => i.startsWith('web:')).map(toConsole);
  const professionals = web.filter((u) => u.roles.includes('professional'));
  const staff = web.filter((u) => !u.roles.includes('professional'));
  const tokens = new Map<string, ConsoleIdentity>();
  // A token whose person the configuration no longer names opens nothing.
  for (const [token, identity] of Object.entries(config.webTokens)) {
    if (identities.has(identity) && identity.startsWith('web:')) tokens.set(token, toConsole(identity));
  }
  return { tokens, demoUsers: [...professionals, ...staff] };
}

/**
 * The console's identities as the configuration in force has them, re-derived when it changes: a
 * delegate added to a queue at runtime can sign in at once, a person removed loses access at once.
 */
export function liveConsoleIdentities(directory: EscalationDirectory): ConsoleIdentitySource {
  const derived = new WeakMap<EscalationConfig, ConsoleAuthOptions>();
  return async () => {
    const config = await directory.current();
    let options = derived.get(config);
    if (!options) {
      options = consoleIdentities(config);
      derived.set(config, options);
    }
    return options;
  };
}

/** True when a web identity may use the delegate view (member or supervisor of a queue, or admin). */
export function isStaff(config: EscalationConfig, identity: string): boolean {
  return config.admins.includes(identity) || config.queues.some((q) => mayAct(q, identity));
}
