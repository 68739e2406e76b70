import { z } from 'zod';
import type { Clock } from '../clock.js';
import { CONVERSATION_COLLECTIONS } from '../core/collections.js';
import type { Matcher } from '../nlu/types.js';
import type { Store } from '../store/contract.js';
import { AdminError, AdminErrorCode } from './errors.js';
import type { UtteranceOverlays } from './utterances.js';

/**
 * The admins' suggestions inbox over the `suggestions` collection, written by the core (fallbacks,
 * 👎, "none of these") and by escalation (delegates' "proposer comme réponse FAQ"). Items are grouped
 * by likely intent; handling one (adding it as an utterance, or dismissing it) deletes it, so that
 * it leaves the inbox (its audit entry stays). A proposed answer can also start an answer draft
 * (src/admin/suggestion-drafts.ts): it then stays, marked, until that draft is published or discarded.
 */

/** A suggestion as stored (fields this layer reads; others are kept as written). */
export const SuggestionDoc = z.object({
  kind: z.string(),
  question: z.string(),
  answer: z.string().optional(),
  intentGuess: z.string().optional(),
  confidence: z.number().optional(),
  at: z.string().optional(),
  createdAt: z.string().optional(),
  proposedBy: z.string().optional(),
  /** Set by the admin layer: a draft of this intent's answer was started from the proposed text. */
  draftFor: z.string().optional(),
});

export interface InboxItem {
  id: string;
  kind: string;
  question: string;
  /** A delegate's proposed answer. */
  answer?: string;
  /** The intent whose answer draft was started from it (it stays until that draft is published or discarded). */
  draftFor?: string;
  at: string;
  /** Where the likely intent comes from: the record itself, or the current matcher. */
  likely?: { intentId: string; confidence?: number; from: 'record' | 'matcher' };
}

export interface InboxGroup {
  /** Likely intent (null: none found). */
  intentId: string | null;
  items: InboxItem[];
}

/** Below this, the matcher's top intent is not worth grouping under. */
const MIN_GROUPING_CONFIDENCE = 0.15;

export class SuggestionInbox {
  constructor(
    private readonly store: Store,
    private readonly overlays: UtteranceOverlays,
    private readonly matcher: () => Matcher | undefined,
    private readonly clock: Clock,
  ) {}

  private likely(doc: z.infer<typeof SuggestionDoc>): InboxItem['likely'] {
    if (doc.intentGuess) {
      return { intentId: doc.intentGuess, ...(doc.confidence === undefined ? {} : { confidence: doc.confidence }), from: 'record' };
    }
    const top = this.matcher()?.match(doc.question).ranked[0];
    return top && top.confidence >= MIN_GROUPING_CONFIDENCE ? { intentId: top.intent, confidence: top.confidence, from: 'matcher' } : undefined;
  }

  async items(): Promise<InboxItem[]> {
    const docs = await this.store.list(CONVERSATION_COLLECTIONS.suggestions);
    return docs.flatMap((d) => {
      const parsed = SuggestionDoc.safeParse(d.value);
      if (!parsed.success) return [];
      const v = parsed.data;
      const likely = this.likely(v);
      return [
        {
          id: d.id,
          kind: v.kind,
          question: v.question,
          ...(v.answer ? { answer: v.answer } : {}),
          ...(v.draftFor ? { draftFor: v.draftFor } : {}),
          at: v.at ?? v.createdAt ?? '',
          ...(likely ? { likely } : {}),
        },
      ];
    });
  }

  /** Groups, largest first; items newest first. */
  async groups(): Promise<InboxGroup[]> {
    const byIntent = new Map<string | null, InboxItem[]>();
    for (const item of await this.items()) {
      const key = item.likely?.intentId ?? null;
      byIntent.set(key, [...(byIntent.get(key) ?? []), item]);
    }
    return [...byIntent]
      .map(([intentId, items]) => ({ intentId, items: items.sort((a, b) => b.at.localeCompare(a.at)) }))
      .sort((a, b) => b.items.length - a.items.length);
  }

  private async load(id: string) {
    const doc = await this.store.get(CONVERSATION_COLLECTIONS.suggestions, id);
    const parsed = doc ? SuggestionDoc.safeParse(doc.value) : null;
    if (!doc || !parsed?.success) throw new AdminError(AdminErrorCode.UnknownSuggestion, `no suggestion "${id}"`);
    return { doc, value: parsed.data };
  }

  /** Adds the suggestion's question as an utterance of `intentId` (the matcher retrains) and removes it. */
  async accept(actor: string, id: string, intentId: string): Promise<void> {
    const { doc, value } = await this.load(id);
    try {
      await this.overlays.add(actor, intentId, value.question, {
        fromSuggestion: id,
        writes: [{ collection: CONVERSATION_COLLECTIONS.suggestions, id, expectedVersion: doc.version, value: null }],
        audit: [{ at: this.clock.now().toISOString(), actor, action: 'suggestion.accept', subject: `suggestion:${id}`, to: `intent:${intentId}` }],
      });
    } catch (error) {
      // Handled by someone else meanwhile: say so rather than "busy".
      if (error instanceof AdminError && error.code === AdminErrorCode.Busy) await this.load(id);
      throw error;
    }
  }

  async dismiss(actor: string, id: string): Promise<void> {
    const { doc } = await this.load(id);
    const result = await this.store.commit({
      writes: [{ collection: CONVERSATION_COLLECTIONS.suggestions, id, expectedVersion: doc.version, value: null }],
      audit: [{ at: this.clock.now().toISOString(), actor, action: 'suggestion.dismiss', subject: `suggestion:${id}` }],
    });
    if (!result.ok) throw new AdminError(AdminErrorCode.UnknownSuggestion, `suggestion "${id}" changed meanwhile`);
  }
}
