import { calendarDay, type Clock } from '../clock.js';
import type { Catalogue } from '../content/catalogue.js';
import type { ServedAnswer } from '../model/answers-port.js';
import type { AnswerRepository } from './answer-repo.js';
import type { VersionedAnswerSource } from './answer-source.js';
import { changedLines } from './diff.js';
import type { AnswerContent, AnswerDraft, FileConflict } from './model.js';
import { servedVersionId } from './model.js';
import { inForce, type ReviewFlags, reviewFlags, scheduledAfter } from './timeline.js';
import { effectiveUtterances, type UtteranceOverlays } from './utterances.js';
import { rankAnswers, searchWords } from './answer-search.js';

/** Read models of the admin views (console list and detail, Slack modal). */

export interface AnswerRow {
  intentId: string;
  topic: string;
  title: string;
  /** `v3`, or null when nothing is in force. */
  inForce: string | null;
  scheduled: Array<{ version: string; effectiveAt: string }>;
  flags: ReviewFlags;
  retired: boolean;
  hasDraft: boolean;
  conflict: boolean;
}

/** An intent as admins pick it (the suggestions' « Ajouter comme formulation de »). */
export interface IntentChoice {
  intentId: string;
  title: string;
}

export interface VersionRow {
  n: number;
  version: string;
  origin: string;
  by: string;
  at: string;
  effectiveAt: string;
  state: 'in_force' | 'scheduled' | 'cancelled' | 'past';
  diff: string[];
  note?: string;
  title: string;
  text: string;
}

export interface AnswerDetail {
  row: AnswerRow;
  served: ServedAnswer | null;
  /** Content an editor starts from: the draft, else the version in force, else the file. */
  editable: AnswerContent;
  draft?: AnswerDraft;
  conflict?: FileConflict;
  utterances: string[];
  versions: VersionRow[];
}

export class AdminViews {
  constructor(
    private readonly deps: {
      catalogue: Catalogue;
      source: VersionedAnswerSource;
      repo: AnswerRepository;
      overlays: UtteranceOverlays;
      clock: Clock;
      timeZone?: string;
    },
  ) {}

  private row(intentId: string): AnswerRow {
    const { catalogue, source, clock } = this.deps;
    const now = clock.now();
    const head = source.head(intentId);
    const entry = head ? inForce(head, now) : null;
    const file = catalogue.answers.get(intentId);
    const title = safeTitle(source, intentId) ?? file?.title ?? intentId;
    return {
      intentId,
      topic: catalogue.intents.get(intentId)?.topic ?? '',
      title,
      inForce: entry ? servedVersionId(entry.n) : head ? null : file ? 'file' : null,
      scheduled: head ? scheduledAfter(head, now).map((e) => ({ version: servedVersionId(e.n), effectiveAt: e.effectiveAt })) : [],
      flags: { reviewDue: false, expired: false },
      retired: Boolean(head?.retired),
      hasDraft: Boolean(head?.draft),
      conflict: Boolean(head?.conflict),
    };
  }

  /**
   * Every intent with an answer, with review flags. A `query` keeps the answers where each of its
   * words (case and accents ignored) is found in the id, title, topic, text or utterances, those
   * matching in the id or title first (see answer-search.ts).
   */
  async list(query = ''): Promise<AnswerRow[]> {
    const { catalogue, source, overlays, clock } = this.deps;
    const now = clock.now();
    const today = calendarDay(now, this.deps.timeZone);
    const words = searchWords(query);
    const utterances = words.length > 0 ? effectiveUtterances(catalogue.intents, await overlays.all()) : new Map<string, string[]>();
    const rows: Array<{ row: AnswerRow; text: string }> = [];
    for (const intentId of [...catalogue.answers.keys()].sort()) {
      const row = this.row(intentId);
      const served = await source.current(intentId, now);
      if (served) row.flags = reviewFlags(served, today);
      rows.push({ row, text: served?.text ?? catalogue.answers.get(intentId)?.text ?? '' });
    }
    return rankAnswers(words, rows, ({ row, text }) => ({ ...row, text, utterances: utterances.get(row.intentId) ?? [] })).map((r) => r.row);
  }

  /** Every intent (with an answer or not) as a choice for admins: readable title and id, by title. */
  intents(): IntentChoice[] {
    const { catalogue, source } = this.deps;
    return [...catalogue.intents.keys()]
      .map((intentId) => ({ intentId, title: safeTitle(source, intentId) ?? catalogue.answers.get(intentId)?.title ?? intentId }))
      .sort((a, b) => a.title.localeCompare(b.title, 'fr') || a.intentId.localeCompare(b.intentId));
  }

  async detail(intentId: string): Promise<AnswerDetail | null> {
    const { catalogue, source, repo, overlays, clock } = this.deps;
    if (!catalogue.intents.has(intentId) && !source.head(intentId)) return null;
    const now = clock.now();
    const served = await source.current(intentId, now);
    const loaded = await repo.head(intentId);
    const head = loaded?.head;
    const versions = await repo.versions(intentId);
    const current = head ? inForce(head, now) : null;
    const file = catalogue.answers.get(intentId);
    const latest = versions.at(-1)?.content;
    const fileContent = file ? (({ id: _i, file: _f, contentHash: _h, ...c }) => c)(file) : undefined;
    const editable = head?.draft?.content ?? versions.find((v) => v.n === current?.n)?.content ?? latest ?? fileContent;
    if (!editable) return null;
    const row = this.row(intentId);
    if (served) row.flags = reviewFlags(served, calendarDay(now, this.deps.timeZone));
    return {
      row,
      served,
      editable,
      ...(head?.draft ? { draft: head.draft } : {}),
      ...(head?.conflict ? { conflict: head.conflict } : {}),
      utterances: catalogue.intents.has(intentId) ? await overlays.of(intentId) : [],
      versions: versions
        .map((v) => {
          const entry = head?.timeline.find((e) => e.n === v.n);
          const state: VersionRow['state'] = entry?.cancelledAt
            ? 'cancelled'
            : v.n === current?.n
              ? 'in_force'
              : v.effectiveAt > now.toISOString()
                ? 'scheduled'
                : 'past';
          return {
            n: v.n,
            version: servedVersionId(v.n),
            origin: v.origin,
            by: v.by,
            at: v.at,
            effectiveAt: v.effectiveAt,
            state,
            diff: changedLines(v.diff),
            ...(v.note ? { note: v.note } : {}),
            title: v.content.title,
            text: v.content.text,
          };
        })
        .reverse(),
    };
  }
}

function safeTitle(source: VersionedAnswerSource, intentId: string): string | undefined {
  try {
    return source.title(intentId);
  } catch {
    return undefined;
  }
}
