import type { Clock } from '../clock.js';
import type { ServedAnswer } from '../model/answers-port.js';
import type { AuditEntry } from '../store/contract.js';
import type { AnswerRepository, LoadedHead } from './answer-repo.js';
import { calendarDay } from './days.js';
import { lineDiff } from './diff.js';
import { AdminError, AdminErrorCode, issueLines } from './errors.js';
import {
  AnswerContent,
  type AnswerContentInput,
  type AnswerHead,
  type AnswerVersion,
  servedVersionId,
  type VersionOrigin,
} from './model.js';
import { contentAsText, effectiveInstant, inForce, type ReviewFlags, reviewFlags, servedFrom } from './timeline.js';

/** What the editor needs; `knownIntent` says whether an intent id exists in the curated base. */
export interface AnswerEditorDeps {
  repo: AnswerRepository;
  clock: Clock;
  knownIntent: (intentId: string) => boolean;
  timeZone?: string;
}

/** What publishing a draft would do, shown before the admin confirms. */
export interface AnswerPreview {
  served: ServedAnswer;
  /** Diff against the version it would replace. */
  diff: string[];
  effectiveAt: string;
  scheduled: boolean;
  flags: ReviewFlags;
}

export interface PublishOutcome {
  n: number;
  effectiveAt: string;
  scheduled: boolean;
}

/** Parses admin input with the same schema as the curated answer files. */
export function parseContent(input: unknown): AnswerContent {
  const parsed = AnswerContent.safeParse(input);
  if (!parsed.success) {
    throw new AdminError(AdminErrorCode.InvalidInput, 'answer does not validate', issueLines(parsed.error.issues));
  }
  if (parsed.data.validUntil !== undefined && parsed.data.validUntil < parsed.data.validFrom) {
    throw new AdminError(AdminErrorCode.InvalidInput, 'answer does not validate', ['validUntil: before validFrom']);
  }
  return parsed.data;
}

function emptyHead(intentId: string): AnswerHead {
  return { intentId, latest: 0, timeline: [] };
}

/**
 * Draft → preview → publish, rollback, retire, cancel a scheduled version. Each operation is one
 * commit of the head (and the new version), with its audit entry; reading happens through
 * `AnswerRepository` and the versioned answer source.
 */
export class AnswerEditor {
  constructor(private readonly deps: AnswerEditorDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  private audit(actor: string, action: string, intentId: string, extra: Partial<AuditEntry> = {}): AuditEntry {
    return { at: this.now().toISOString(), actor, action, subject: `answer:${intentId}`, ...extra };
  }

  private checkIntent(intentId: string, current: LoadedHead | null): void {
    if (!current && !this.deps.knownIntent(intentId)) {
      throw new AdminError(AdminErrorCode.UnknownIntent, `unknown intent "${intentId}"`);
    }
  }

  /** Content of the version in force when `at` comes (what a new version would replace). */
  private async replacedContent(head: AnswerHead, at: Date): Promise<AnswerContent | null> {
    const entry = inForce({ ...head, retired: undefined }, at);
    return entry ? ((await this.deps.repo.version(head.intentId, entry.n))?.content ?? null) : null;
  }

  async saveDraft(actor: string, intentId: string, input: AnswerContentInput | Record<string, unknown>): Promise<void> {
    const content = parseContent(input);
    await this.deps.repo.change(intentId, (current) => {
      this.checkIntent(intentId, current);
      const head = current?.head ?? emptyHead(intentId);
      const basedOn = inForce(head, this.now())?.n ?? null;
      return {
        head: { ...head, draft: { content, by: actor, at: this.now().toISOString(), basedOn } },
        audit: [this.audit(actor, 'answer.draft', intentId)],
        result: undefined,
      };
    });
  }

  async discardDraft(actor: string, intentId: string): Promise<void> {
    await this.deps.repo.change(intentId, (current) => {
      if (!current?.head.draft) return null;
      const { draft: _draft, ...head } = current.head;
      return { head, audit: [this.audit(actor, 'answer.draft_discard', intentId)], result: undefined };
    });
  }

  /** The draft as the bot would serve it, its diff and when it would take effect. */
  async preview(intentId: string): Promise<AnswerPreview> {
    const loaded = await this.deps.repo.head(intentId);
    const draft = loaded?.head.draft;
    if (!loaded || !draft) throw new AdminError(AdminErrorCode.NoDraft, `no draft for "${intentId}"`);
    const now = this.now();
    const effective = effectiveInstant(draft.content, now, this.deps.timeZone);
    const replaced = await this.replacedContent(loaded.head, effective);
    return {
      served: servedFrom(intentId, 'draft', draft.content),
      diff: lineDiff(replaced ? contentAsText(replaced) : '', contentAsText(draft.content)),
      effectiveAt: effective.toISOString(),
      scheduled: effective.getTime() > now.getTime(),
      flags: reviewFlags(draft.content, calendarDay(now, this.deps.timeZone)),
    };
  }

  /** Publishes the draft: served at once, or from its `validFrom` day when that is in the future. */
  async publish(actor: string, intentId: string, note?: string): Promise<PublishOutcome> {
    const outcome = await this.deps.repo.change(intentId, async (current) => {
      const draft = current?.head.draft;
      if (!current || !draft) throw new AdminError(AdminErrorCode.NoDraft, `no draft for "${intentId}"`);
      const { draft: _draft, ...head } = current.head;
      return this.newVersion(actor, head, draft.content, 'edit', { note });
    });
    return outcome!;
  }

  /** Saves `input` as the draft and publishes it in one step (Slack modal, CLI). */
  async publishContent(actor: string, intentId: string, input: AnswerContentInput | Record<string, unknown>, note?: string): Promise<PublishOutcome> {
    const content = parseContent(input);
    const outcome = await this.deps.repo.change(intentId, async (current) => {
      this.checkIntent(intentId, current);
      const { draft: _draft, ...head } = current?.head ?? emptyHead(intentId);
      return this.newVersion(actor, head, content, 'edit', { note });
    });
    return outcome!;
  }

  /** Publishes, as a new version taking effect now, the content of version `n`. */
  async rollback(actor: string, intentId: string, n: number): Promise<PublishOutcome> {
    const target = await this.deps.repo.version(intentId, n);
    if (!target) throw new AdminError(AdminErrorCode.UnknownVersion, `no version ${n} of "${intentId}"`);
    const today = calendarDay(this.now(), this.deps.timeZone);
    // An old text is restored now, whatever day it was first valid from.
    const [validFrom] = [target.content.validFrom, today].sort() as [string];
    const content = { ...target.content, validFrom };
    const outcome = await this.deps.repo.change(intentId, async (current) =>
      this.newVersion(actor, current?.head ?? emptyHead(intentId), content, 'rollback', { rollbackOf: n }),
    );
    return outcome!;
  }

  /** Builds the change that adds a version (shared by publish, rollback and the file importer). */
  async newVersion(
    actor: string,
    head: AnswerHead,
    content: AnswerContent,
    origin: VersionOrigin,
    extra: { note?: string | undefined; rollbackOf?: number; fileHash?: string; effectiveAt?: Date },
  ) {
    const now = this.now();
    const nowIso = now.toISOString();
    const effective = extra.effectiveAt ?? effectiveInstant(content, now, this.deps.timeZone);
    const scheduled = effective.getTime() > now.getTime();
    const replaced = await this.replacedContent(head, effective);
    const n = head.latest + 1;
    const version: AnswerVersion = {
      intentId: head.intentId,
      n,
      content,
      origin,
      by: actor,
      at: nowIso,
      effectiveAt: effective.toISOString(),
      diff: lineDiff(replaced ? contentAsText(replaced) : '', contentAsText(content)),
      ...(extra.rollbackOf ? { rollbackOf: extra.rollbackOf } : {}),
      ...(extra.fileHash ? { fileHash: extra.fileHash } : {}),
      ...(extra.note ? { note: extra.note } : {}),
    };
    const runtime = origin !== 'file';
    const { retired: _retired, ...rest } = head;
    const next: AnswerHead = {
      ...(runtime ? rest : head),
      latest: n,
      timeline: [...head.timeline, { n, effectiveAt: version.effectiveAt, ...(scheduled ? {} : { activatedAt: nowIso }) }],
      ...(runtime ? { lastRuntimeEditAt: nowIso } : {}),
    };
    const action = origin === 'rollback' ? 'answer.rollback' : scheduled ? 'answer.schedule' : 'answer.publish';
    const previous = inForce(head, now);
    return {
      head: next,
      versions: [version],
      audit: [
        this.audit(actor, origin === 'file' ? 'answer.import' : action, head.intentId, {
          ...(previous ? { from: servedVersionId(previous.n) } : {}),
          to: servedVersionId(n),
          details: { effectiveAt: version.effectiveAt },
        }),
      ],
      result: { n, effectiveAt: version.effectiveAt, scheduled } satisfies PublishOutcome,
    };
  }

  /** Withdraws a version scheduled for a future date. */
  async cancelScheduled(actor: string, intentId: string, n: number): Promise<void> {
    await this.deps.repo.change(intentId, (current) => {
      const now = this.now().toISOString();
      const entry = current?.head.timeline.find((e) => e.n === n);
      if (!current || !entry || entry.cancelledAt || entry.effectiveAt <= now) {
        throw new AdminError(AdminErrorCode.NotScheduled, `version ${n} of "${intentId}" is not scheduled`);
      }
      const timeline = current.head.timeline.map((e) => (e.n === n ? { ...e, cancelledAt: now } : e));
      return {
        head: { ...current.head, timeline, lastRuntimeEditAt: now },
        audit: [this.audit(actor, 'answer.cancel_scheduled', intentId, { to: servedVersionId(n) })],
        result: undefined,
      };
    });
  }

  /** Stops serving the answer (the bot offers a delegate) until a new version is published. */
  async retire(actor: string, intentId: string): Promise<void> {
    await this.deps.repo.change(intentId, (current) => {
      this.checkIntent(intentId, current);
      const head = current?.head ?? emptyHead(intentId);
      if (head.retired) return null;
      const at = this.now().toISOString();
      return {
        head: { ...head, retired: { at, by: actor }, lastRuntimeEditAt: at },
        audit: [this.audit(actor, 'answer.retire', intentId)],
        result: undefined,
      };
    });
  }
}
