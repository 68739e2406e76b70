import { z } from 'zod';

/**
 * Schemas of the curated content. `intents/**.yaml` holds what professionals say (one file per
 * intent); `messages/<locale>/answers/**.yaml` what the bot answers (one file per intent, French);
 * `messages/<locale>/ui/*.yaml` every other string the bot says (keys unique across a locale's files).
 */

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar day YYYY-MM-DD');

export const Topic = z.enum([
  'general',
  'teleconsultation',
  'teleexpertise',
  'telesoin',
  'arret_travail',
  'contact_tracing',
  'facturation',
  'assistants_medicaux',
]);
export type Topic = z.infer<typeof Topic>;

export const IntentId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'intent ids are snake_case');

export const IntentFile = z
  .object({
    id: IntentId,
    topic: Topic,
    /** Queue topic this intent escalates to when the professional asks for a person. */
    queueHint: z.string().min(1),
    /** Follow-up questions offered after the answer (up to three are shown). */
    related: z.array(IntentId).default([]),
    utterances: z.array(z.string().min(2).max(300)).min(12),
  })
  .strict();
export type IntentFile = z.infer<typeof IntentFile>;

export const Source = z
  .object({
    title: z.string().min(3),
    url: z.url(),
    /** The day the fact was checked against this source: shown as "à jour au". */
    checked: isoDay,
  })
  .strict();
export type Source = z.infer<typeof Source>;

export const AnswerFile = z
  .object({
    id: IntentId,
    /** Short question-like label used for "did you mean" and follow-up buttons (<= 75 chars). */
    title: z.string().min(3).max(75),
    /** Light markdown; the first sentence carries the key fact. */
    text: z.string().min(10),
    sources: z.array(Source).default([]),
    /** Day from which this text is correct. */
    validFrom: isoDay,
    /** Day after which this text must no longer be served (withheld, delegate offered). */
    validUntil: isoDay.optional(),
    /** Day by which an admin must re-read it. */
    reviewBy: isoDay,
    /** The answer leaves a point to a delegate (uncertain facts): the delegate button is emphasised. */
    offerDelegate: z.boolean().default(false),
    /** Small-talk style intents (gen_*) need no source. */
    kind: z.enum(['regulatory', 'conversational']).default('regulatory'),
  })
  .strict();
export type AnswerFile = z.infer<typeof AnswerFile>;

/** One UI string: its text with `{placeholders}` and the placeholders it declares. */
export const UiMessage = z.union([
  z.string(),
  z.object({ text: z.string(), params: z.array(z.string()).default([]) }).strict(),
]);
export type UiMessage = z.infer<typeof UiMessage>;

export const UiFile = z.record(z.string().regex(/^[a-z][a-zA-Z0-9_.]*$/), UiMessage);
export type UiFile = z.infer<typeof UiFile>;
