import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ActionId, ReplyKind } from '../../../src/model/message.js';

/**
 * Conversation tests as data: `tests/core/transcripts/*.yaml`. Each file is a conversation — what
 * the professional says or presses, and what kind of reply the bot gives (intent, buttons, text).
 */

const ReplyExpectation = z
  .object({
    kind: ReplyKind,
    intent: z.string().optional(),
    /** The buttons' actions, in order (exactly). */
    buttons: z.array(ActionId).optional(),
    /** Intents among the "did you mean" choices (the matcher may offer one more). */
    offers: z.array(z.string()).optional(),
    /** The buttons' values, in order (e.g. the intents a "did you mean" offers). */
    buttonValues: z.array(z.string()).optional(),
    /** Number of follow-up questions, or their intents in order. */
    followUps: z.union([z.number().int(), z.array(z.string())]).optional(),
    /** At least one source with an http(s) link and an "à jour au" day. */
    sourced: z.boolean().optional(),
    says: z.union([z.string(), z.array(z.string())]).optional(),
    notSays: z.union([z.string(), z.array(z.string())]).optional(),
    /** A delegate button shown as the primary choice. */
    delegateEmphasised: z.boolean().optional(),
  })
  .strict();
export type ReplyExpectation = z.infer<typeof ReplyExpectation>;

const Press = z.union([
  ActionId,
  z.object({ action: ActionId, value: z.string().optional(), label: z.string().optional() }).strict(),
]);

const StoredExpectation = z
  .object({
    collection: z.string(),
    count: z.number().int().nonnegative(),
    /** Every document of the collection about this user has these fields (subset match). */
    each: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const EscalationExpectation = z
  .object({
    reason: z.enum(['asked', 'unsure', 'withheld', 'none_of_these', 'out_of_scope']),
    question: z.string().optional(),
    topic: z.string().optional(),
    guessed: z.string().optional(),
    /** The intent Relais had answered before the request (`null`: none). */
    answered: z.string().nullable().optional(),
  })
  .strict();

const Step = z
  .object({
    say: z.string().optional(),
    /** Presses a button of the previous replies (by action, and value or label when several). */
    press: Press.optional(),
    /** Sends a button action that is not on screen (stale or forged). */
    action: z.object({ id: ActionId, value: z.string().optional() }).strict().optional(),
    /** Re-sends the previous message with the same inbound id (a channel retry). */
    resend: z.boolean().optional(),
    /** Files or images sent with the message. */
    attachments: z.number().int().optional(),
    /** The same message sent this many times (the expectation applies to the last one). */
    times: z.number().int().positive().optional(),
    /** Moves the pinned clock before the step: ISO instant or duration like `25h`, `91d`. */
    clock: z.string().optional(),
    /** The scheduler's daily retention purge runs (at the current clock). */
    purge: z.boolean().optional(),
    /** A delegate claims the conversation (the escalation port now intercepts every message). */
    delegate: z.enum(['claims']).optional(),
    /** The replies, in order and in number. */
    expect: z.array(ReplyExpectation).optional(),
    /** The escalation opened by this step. */
    escalation: EscalationExpectation.optional(),
    /** No escalation opened by this step. */
    noEscalation: z.boolean().optional(),
    /** The escalation side was asked to erase the professional's records (RGPD). */
    escalationErased: z.boolean().optional(),
    /** Messages relayed to the delegate so far. */
    relayed: z.array(z.string()).optional(),
    stored: z.array(StoredExpectation).optional(),
  })
  .strict()
  .refine((s) => [s.say, s.press, s.action, s.resend, s.purge].filter((x) => x !== undefined).length <= 1, {
    message: 'a step does one thing: say, press, action, resend or purge',
  });
export type Step = z.infer<typeof Step>;

export const Transcript = z
  .object({
    title: z.string(),
    /** Start of the pinned clock (ISO). */
    at: z.string().default('2026-06-15T09:00:00+02:00'),
    locale: z.enum(['fr', 'en']).default('fr'),
    limits: z
      .object({
        maxChars: z.number().int(),
        ratePerMinute: z.number().int(),
        retentionDays: z.number().int(),
      })
      .partial()
      .strict()
      .default({}),
    /** Served answers changed for this conversation (e.g. an expired `validUntil`). */
    answers: z.record(z.string(), z.object({ validUntil: z.string().optional() }).strict()).default({}),
    steps: z.array(Step).min(1),
  })
  .strict();
export type Transcript = z.infer<typeof Transcript>;

export const TRANSCRIPT_DIR = path.resolve(import.meta.dirname, '../transcripts');

export function loadTranscripts(dir = TRANSCRIPT_DIR): { file: string; transcript: Transcript }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((file) => {
      const parsed = Transcript.safeParse(parseYaml(readFileSync(path.join(dir, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
      return { file, transcript: parsed.data };
    });
}

/** `25h`, `2d`, `90s`, `10m` → milliseconds; null when not a duration. */
export function durationMs(text: string): number | null {
  const m = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  if (!m) return null;
  const unit = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
