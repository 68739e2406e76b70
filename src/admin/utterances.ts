import { z } from 'zod';
import type { Clock } from '../clock.js';
import type { Catalogue } from '../content/catalogue.js';
import { normaliseUtterance } from '../content/normalise.js';
import { IntentFile } from '../content/schema.js';
import type { TrainingExample } from '../nlu/types.js';
import type { AuditEntry, DocWrite, Store } from '../store/contract.js';
import { AdminError, AdminErrorCode, issueLines } from './errors.js';
import { ADMIN_COLLECTIONS, ADMIN_TOPICS } from './model.js';

/**
 * Training utterances added or removed at runtime, kept as an overlay on the curated `intents/`
 * files (one document per intent), so that the files stay the reviewed source and a later export
 * writes the merged list back.
 */

const Change = z.object({ text: z.string(), by: z.string(), at: z.string() });

export const UtteranceOverlay = z.object({
  intentId: z.string(),
  added: z.array(Change.extend({ fromSuggestion: z.string().optional() })),
  removed: z.array(Change),
});
export type UtteranceOverlay = z.infer<typeof UtteranceOverlay>;

const UtteranceText = IntentFile.shape.utterances.element;
const MIN_UTTERANCES = 12;

/** The utterances of every intent: the file's, minus the removed ones, plus the added ones. */
export function effectiveUtterances(
  intents: Catalogue['intents'],
  overlays: ReadonlyMap<string, UtteranceOverlay>,
): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const intent of intents.values()) {
    const overlay = overlays.get(intent.id);
    const removed = new Set(overlay?.removed.map((r) => normaliseUtterance(r.text)) ?? []);
    const kept = intent.utterances.filter((u) => !removed.has(normaliseUtterance(u)));
    result.set(intent.id, [...kept, ...(overlay?.added.map((a) => a.text) ?? [])]);
  }
  return result;
}

/** Training examples from the effective utterances. */
export function overlayExamples(
  intents: Catalogue['intents'],
  overlays: ReadonlyMap<string, UtteranceOverlay>,
): TrainingExample[] {
  return [...effectiveUtterances(intents, overlays)].flatMap(([intent, texts]) =>
    texts.map((text) => ({ text, intent })),
  );
}

export interface UtteranceChange {
  writes: DocWrite[];
  audit: AuditEntry[];
}

export class UtteranceOverlays {
  constructor(
    private readonly store: Store,
    private readonly intents: Catalogue['intents'],
    private readonly clock: Clock,
  ) {}

  async all(): Promise<Map<string, UtteranceOverlay>> {
    const docs = await this.store.list(ADMIN_COLLECTIONS.utteranceOverlays);
    return new Map(docs.map((d) => [d.id, UtteranceOverlay.parse(d.value)]));
  }

  /** The effective utterances of one intent. */
  async of(intentId: string): Promise<string[]> {
    this.checkIntent(intentId);
    return effectiveUtterances(this.intents, await this.all()).get(intentId) ?? [];
  }

  private checkIntent(intentId: string): void {
    if (!this.intents.has(intentId)) throw new AdminError(AdminErrorCode.UnknownIntent, `unknown intent "${intentId}"`);
  }

  /**
   * Adds `text` to the utterances of `intentId`, then retrains (every instance's matcher watches
   * the `utterances` topic). `also` joins more writes to the same commit (the suggestion handled).
   * Refuses an utterance that already belongs to another intent (the validator's rule).
   */
  async add(actor: string, intentId: string, text: string, also?: UtteranceChange & { fromSuggestion?: string }): Promise<void> {
    const parsed = UtteranceText.safeParse(text.trim());
    if (!parsed.success) throw new AdminError(AdminErrorCode.InvalidInput, 'invalid utterance', issueLines(parsed.error.issues));
    const utterance = parsed.data;
    await this.change(actor, intentId, 'utterance.add', (overlay, effective) => {
      const key = normaliseUtterance(utterance);
      for (const [other, texts] of effective) {
        if (other !== intentId && texts.some((t) => normaliseUtterance(t) === key)) {
          throw new AdminError(AdminErrorCode.InvalidInput, 'utterance of another intent', [`utterances: already an utterance of ${other}`]);
        }
      }
      const removed = overlay.removed.filter((r) => normaliseUtterance(r.text) !== key);
      const present = (effective.get(intentId) ?? []).some((t) => normaliseUtterance(t) === key);
      const inFile = this.intents.get(intentId)!.utterances.some((t) => normaliseUtterance(t) === key);
      const added =
        present || inFile
          ? overlay.added
          : [
              ...overlay.added,
              { text: utterance, by: actor, at: this.clock.now().toISOString(), ...(also?.fromSuggestion ? { fromSuggestion: also.fromSuggestion } : {}) },
            ];
      return { ...overlay, added, removed };
    }, also);
  }

  /** Removes `text` from the utterances of `intentId` (keeping at least the files' minimum). */
  async remove(actor: string, intentId: string, text: string): Promise<void> {
    await this.change(actor, intentId, 'utterance.remove', (overlay, effective) => {
      const key = normaliseUtterance(text);
      const current = effective.get(intentId) ?? [];
      if (!current.some((t) => normaliseUtterance(t) === key)) {
        throw new AdminError(AdminErrorCode.InvalidInput, 'not an utterance of this intent', [`utterances: "${text}" not found`]);
      }
      if (current.length <= MIN_UTTERANCES) {
        throw new AdminError(AdminErrorCode.InvalidInput, 'too few utterances', [`utterances: at least ${MIN_UTTERANCES} required`]);
      }
      const added = overlay.added.filter((a) => normaliseUtterance(a.text) !== key);
      const inFile = this.intents.get(intentId)!.utterances.some((t) => normaliseUtterance(t) === key);
      const removed = inFile ? [...overlay.removed, { text, by: actor, at: this.clock.now().toISOString() }] : overlay.removed;
      return { ...overlay, added, removed };
    });
  }

  private async change(
    actor: string,
    intentId: string,
    action: string,
    apply: (overlay: UtteranceOverlay, effective: Map<string, string[]>) => UtteranceOverlay,
    also?: UtteranceChange,
  ): Promise<void> {
    this.checkIntent(intentId);
    for (let attempt = 0; attempt < 8; attempt++) {
      const docs = await this.store.list(ADMIN_COLLECTIONS.utteranceOverlays);
      const overlays = new Map(docs.map((d) => [d.id, UtteranceOverlay.parse(d.value)]));
      const doc = docs.find((d) => d.id === intentId);
      const overlay = overlays.get(intentId) ?? { intentId, added: [], removed: [] };
      const next = apply(overlay, effectiveUtterances(this.intents, overlays));
      const result = await this.store.commit({
        writes: [
          { collection: ADMIN_COLLECTIONS.utteranceOverlays, id: intentId, expectedVersion: doc?.version ?? 0, value: next },
          ...(also?.writes ?? []),
        ],
        audit: [
          { at: this.clock.now().toISOString(), actor, action, subject: `intent:${intentId}` },
          ...(also?.audit ?? []),
        ],
      });
      if (result.ok) {
        await this.store.bumpVersion(ADMIN_TOPICS.utterances);
        return;
      }
    }
    throw new AdminError(AdminErrorCode.Busy, `utterances of ${intentId} kept changing`);
  }
}
