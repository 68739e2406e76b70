import type { Clock } from '../clock.js';
import { CONVERSATION_COLLECTIONS } from '../core/collections.js';
import type { Store } from '../store/contract.js';
import type { AnswerEditor, SuggestionClosure } from './answer-editor.js';
import { AdminError, AdminErrorCode } from './errors.js';
import { type ProposalMarkers, withProposalBlock } from './proposal-block.js';
import { SuggestionDoc } from './suggestions.js';
import type { AdminViews } from './views.js';

/**
 * A delegate's proposed FAQ answer becomes an answer draft: the editor of the chosen intent starts
 * from the intent's current answer (text, sources, dates), with the proposal added below the text in
 * a marked block to merge then delete (src/admin/proposal-block.ts); nothing is published, and
 * publishing is refused while the block is there. The proposal is every reply the delegate sent
 * (greetings included): it is material to merge, not an answer to publish as is. The suggestion
 * stays in the inbox, marked with the intent, until that draft is published or discarded; both
 * writes (draft and mark, then draft and removal) are one commit each.
 */

export interface SuggestionDraftDeps {
  store: Store;
  clock: Clock;
  editor: AnswerEditor;
  views: AdminViews;
  proposal: ProposalMarkers;
  retentionDays: number;
}

/**
 * What is left of a suggestion's retention: a rewrite without a TTL would keep it (the
 * professional's question) forever, and the daily purge leaves delegates' proposals to their TTL.
 */
function remainingTtlMs(value: { at?: string; createdAt?: string }, deps: SuggestionDraftDeps): number {
  const since = Date.parse(value.createdAt ?? value.at ?? '');
  const end = (Number.isNaN(since) ? deps.clock.now().getTime() : since) + deps.retentionDays * 86_400_000;
  return Math.max(1_000, end - deps.clock.now().getTime());
}

async function loadSuggestion(store: Store, id: string) {
  const doc = await store.get<Record<string, unknown>>(CONVERSATION_COLLECTIONS.suggestions, id);
  const parsed = doc ? SuggestionDoc.safeParse(doc.value) : null;
  return doc && parsed?.success ? { doc, value: parsed.data } : null;
}

/** Starts a draft of `intentId`'s answer: its current text, then suggestion `id`'s proposal in a marked block. */
export async function draftFromSuggestion(deps: SuggestionDraftDeps, actor: string, id: string, intentId: string): Promise<{ intentId: string }> {
  const found = await loadSuggestion(deps.store, id);
  if (!found) throw new AdminError(AdminErrorCode.UnknownSuggestion, `no suggestion "${id}"`);
  const proposed = found.value.answer?.trim();
  if (!proposed) throw new AdminError(AdminErrorCode.NoProposedAnswer, `suggestion "${id}" proposes no answer`);
  const detail = await deps.views.detail(intentId);
  if (!detail) throw new AdminError(AdminErrorCode.UnknownIntent, `unknown intent "${intentId}"`);
  const mark = {
    writes: [
      {
        collection: CONVERSATION_COLLECTIONS.suggestions,
        id,
        expectedVersion: found.doc.version,
        value: { ...found.doc.value, draftFor: intentId },
        ttlMs: remainingTtlMs(found.value, deps),
      },
    ],
    audit: [{ at: deps.clock.now().toISOString(), actor, action: 'suggestion.draft', subject: `suggestion:${id}`, to: `answer:${intentId}` }],
  };
  try {
    await deps.editor.draftFromSuggestion(actor, intentId, { ...detail.editable, text: withProposalBlock(detail.editable.text, proposed, deps.proposal) }, id, mark);
  } catch (error) {
    // Handled by someone else meanwhile: say so rather than "busy".
    if (error instanceof AdminError && error.code === AdminErrorCode.Busy && !(await loadSuggestion(deps.store, id))) {
      throw new AdminError(AdminErrorCode.UnknownSuggestion, `suggestion "${id}" was handled meanwhile`);
    }
    throw error;
  }
  return { intentId };
}

/** The editor's hook: the suggestion a draft came from leaves the inbox when the draft is published or discarded. */
export function suggestionClosure(store: Store, clock: Clock) {
  return async (actor: string, id: string, intentId: string, outcome: 'published' | 'discarded'): Promise<SuggestionClosure> => {
    const found = await loadSuggestion(store, id);
    // Already handled (dismissed, added as an utterance): nothing left to close.
    if (!found) return { writes: [], audit: [] };
    return {
      writes: [{ collection: CONVERSATION_COLLECTIONS.suggestions, id, expectedVersion: found.doc.version, value: null }],
      audit: [
        {
          at: clock.now().toISOString(),
          actor,
          action: outcome === 'published' ? 'suggestion.answer_published' : 'suggestion.answer_discarded',
          subject: `suggestion:${id}`,
          to: `answer:${intentId}`,
        },
      ],
    };
  };
}
