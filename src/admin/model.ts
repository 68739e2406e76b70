import { z } from 'zod';
import { AnswerFile } from '../content/schema.js';

/**
 * What the admin layer keeps in the store about answers. Per intent: one head document
 * (`answer_heads/<intentId>`: the published timeline, the draft, the file-import bookkeeping) and one
 * immutable document per version (`answer_versions/<intentId>/<n>`). Publishing writes both in one
 * commit (expected versions), then bumps the `answers` topic so that every instance reloads.
 */

export const ADMIN_COLLECTIONS = {
  answerHeads: 'answer_heads',
  answerVersions: 'answer_versions',
  /** Utterances added or removed at runtime, on top of the curated `intents/` files (one doc per intent). */
  utteranceOverlays: 'utterance_overlays',
  /** Daily and weekly digests, id `<kind>:<period>` (written once, with their outbox items). */
  digests: 'admin_digests',
} as const;

/** Change-notification topics (store `bumpVersion` / `subscribe`). */
export const ADMIN_TOPICS = {
  answers: 'answers',
  utterances: 'utterances',
} as const;

/** The editable content of an answer: the curated file's fields without its id (same validation). */
export const AnswerContent = AnswerFile.omit({ id: true });
export type AnswerContent = z.infer<typeof AnswerContent>;
export type AnswerContentInput = z.input<typeof AnswerContent>;

const isoInstant = z.string().min(20);

export const VersionOrigin = z.enum(['file', 'edit', 'rollback']);
export type VersionOrigin = z.infer<typeof VersionOrigin>;

/** One published version, never modified once written. */
export const AnswerVersion = z.object({
  intentId: z.string(),
  n: z.number().int().positive(),
  content: AnswerContent,
  origin: VersionOrigin,
  /** Who published it (`web:claire`, `slack:U1`, `file-import`). */
  by: z.string(),
  /** When it was published (service clock). */
  at: isoInstant,
  /** From when it is served: the publish instant, or the start of a future `validFrom` day. */
  effectiveAt: isoInstant,
  /** Line diff against the version it replaces (`+ `, `- `, `  ` prefixed lines). */
  diff: z.array(z.string()),
  /** For `rollback`: the version whose content it restores. For `file`: the file's hash. */
  rollbackOf: z.number().int().positive().optional(),
  fileHash: z.string().optional(),
  note: z.string().max(500).optional(),
});
export type AnswerVersion = z.infer<typeof AnswerVersion>;

/** A published version as the head lists it: enough to compute what is in force at any instant. */
export const TimelineEntry = z.object({
  n: z.number().int().positive(),
  effectiveAt: isoInstant,
  /** Set when it took effect (at publish for immediate versions; by the activation job otherwise). */
  activatedAt: isoInstant.optional(),
  /** A scheduled version withdrawn before its date. */
  cancelledAt: isoInstant.optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const AnswerDraft = z.object({
  content: AnswerContent,
  by: z.string(),
  at: isoInstant,
  /** The version the draft was written from (null: no version yet). */
  basedOn: z.number().int().positive().nullable(),
  /** "Sources vérifiées aujourd'hui": every source's check day becomes the publication day. */
  sourcesCheckedToday: z.boolean().optional(),
  /** The delegate's proposed answer (suggestion id) this draft started from: handled with the draft. */
  fromSuggestion: z.string().optional(),
});
export type AnswerDraft = z.infer<typeof AnswerDraft>;

/** A changed curated file that was not imported because the answer was edited at runtime since. */
export const FileConflict = z.object({
  file: z.string(),
  fileHash: z.string(),
  detectedAt: isoInstant,
  /** The file's content, kept so that an admin can compare and publish it. */
  content: AnswerContent,
});
export type FileConflict = z.infer<typeof FileConflict>;

export const AnswerHead = z.object({
  intentId: z.string(),
  /** Highest version number used. */
  latest: z.number().int().nonnegative(),
  timeline: z.array(TimelineEntry),
  draft: AnswerDraft.optional(),
  retired: z.object({ at: isoInstant, by: z.string() }).optional(),
  lastFileImport: z.object({ hash: z.string(), at: isoInstant, n: z.number().int().positive() }).optional(),
  /** Last publish, rollback or retirement by an admin (not a file import). */
  lastRuntimeEditAt: isoInstant.optional(),
  conflict: FileConflict.optional(),
});
export type AnswerHead = z.infer<typeof AnswerHead>;

/** Document id of a version: zero-padded so that `list` returns versions in order. */
export function versionDocId(intentId: string, n: number): string {
  return `${intentId}/${String(n).padStart(6, '0')}`;
}

/** The `versionId` served to the core for a stored version. */
export function servedVersionId(n: number): string {
  return `v${n}`;
}
