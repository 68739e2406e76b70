import type { DocWrite, Store } from '../store/contract.js';
import { COLLECTIONS, type Escalation } from './model.js';

/**
 * RGPD erasure of everything escalation keeps about one professional: their escalations, the
 * transcripts, the notices relayed to web delegates, the suggestions made from their questions,
 * and the audit entries about them or by them. (Cards already posted in Slack or Teams channels are
 * outside Relais's store: they carry the question, not the transcript.)
 */
export async function eraseProfessional(store: Store, professionalKey: string): Promise<void> {
  const mine = (await store.list<Escalation>(COLLECTIONS.escalations)).filter(
    (d) => d.value.professionalKey === professionalKey,
  );
  const ids = new Set(mine.map((d) => d.id));
  const writes: DocWrite[] = mine.map((d) => ({
    collection: COLLECTIONS.escalations,
    id: d.id,
    value: null,
  }));
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
  await store.commit({ writes });
  await store.eraseAudit({ actor: professionalKey });
}
