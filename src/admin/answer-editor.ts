import type { AuditEntry, DocWrite } from '../store/contract.js';
import {
  DraftEditor,
  type DraftOptions,
  emptyHead,
  parseContent,
  type PublishOutcome,
  type SuggestionClosure,
} from './answer-drafts.js';
import { calendarDay } from './days.js';
import { lineDiff } from './diff.js';
import { AdminError, AdminErrorCode } from './errors.js';
import { type AnswerContent, type AnswerContentInput, type AnswerHead, type AnswerVersion, servedVersionId, type VersionOrigin } from './model.js';
import { type ScheduledChoice, settleLaterScheduled } from './scheduled-conflict.js';
import { contentAsText, effectiveInstant, inForce } from './timeline.js';

export {
  type AnswerEditorDeps,
  type AnswerPreview,
  type DraftOptions,
  parseContent,
  type PublishOutcome,
  sourcesCheckedOn,
  type SuggestionClosure,
} from './answer-drafts.js';

/**
 * Draft → preview → publish, rollback, retire, cancel a scheduled version. Each operation is one
 * commit of the head (and the new version), with its audit entry; reading happens through
 * `AnswerRepository` and the versioned answer source. The draft operations live in `DraftEditor`.
 */
export class AnswerEditor extends DraftEditor {
  /**
   * Publishes the draft: served at once, or from its `validFrom` day when that is in the future.
   * Refused with `scheduled_conflict` while versions scheduled later would replace it, unless
   * `onScheduled` says to cancel or keep them.
   */
  async publish(actor: string, intentId: string, note?: string, onScheduled?: ScheduledChoice): Promise<PublishOutcome> {
    const outcome = await this.deps.repo.change(intentId, async (current) => {
      const draft = current?.head.draft;
      if (!current || !draft) throw new AdminError(AdminErrorCode.NoDraft, `no draft for "${intentId}"`);
      const { draft: _draft, ...head } = current.head;
      const change = await this.newVersion(actor, head, this.publishable(draft), 'edit', { note, onScheduled });
      return this.withClosing(change, await this.closing(actor, current.head, 'published'));
    });
    return outcome!;
  }

  /** Saves `input` as the draft and publishes it in one step (Slack modal, CLI); replaces any draft. */
  async publishContent(
    actor: string,
    intentId: string,
    input: AnswerContentInput | Record<string, unknown>,
    note?: string,
    options: DraftOptions & { onScheduled?: ScheduledChoice | undefined } = {},
  ): Promise<PublishOutcome> {
    const content = parseContent(input);
    const outcome = await this.deps.repo.change(intentId, async (current) => {
      this.checkIntent(intentId, current);
      const { draft: _draft, ...head } = current?.head ?? emptyHead(intentId);
      const publishable = this.publishable({ content, sourcesCheckedToday: options.sourcesCheckedToday });
      const change = await this.newVersion(actor, head, publishable, 'edit', { note, onScheduled: options.onScheduled });
      return current ? this.withClosing(change, await this.closing(actor, current.head, 'discarded')) : change;
    });
    return outcome!;
  }

  private withClosing<C extends { audit: AuditEntry[] }>(change: C, closing: SuggestionClosure): C & { extraWrites: DocWrite[] } {
    return { ...change, extraWrites: closing.writes, audit: [...change.audit, ...closing.audit] };
  }

  /** Publishes, as a new version taking effect now, the content of version `n` (same rule on later versions). */
  async rollback(actor: string, intentId: string, n: number, onScheduled?: ScheduledChoice): Promise<PublishOutcome> {
    const target = await this.deps.repo.version(intentId, n);
    if (!target) throw new AdminError(AdminErrorCode.UnknownVersion, `no version ${n} of "${intentId}"`);
    const today = calendarDay(this.now(), this.deps.timeZone);
    // An old text is restored now, whatever day it was first valid from.
    const [validFrom] = [target.content.validFrom, today].sort() as [string];
    const content = { ...target.content, validFrom };
    const outcome = await this.deps.repo.change(intentId, async (current) =>
      this.newVersion(actor, current?.head ?? emptyHead(intentId), content, 'rollback', { rollbackOf: n, onScheduled }),
    );
    return outcome!;
  }

  /** Builds the change that adds a version (shared by publish, rollback and the file importer). */
  async newVersion(
    actor: string,
    head: AnswerHead,
    content: AnswerContent,
    origin: VersionOrigin,
    extra: {
      note?: string | undefined;
      rollbackOf?: number;
      fileHash?: string;
      effectiveAt?: Date;
      onScheduled?: ScheduledChoice | undefined;
    },
  ) {
    const now = this.now();
    const nowIso = now.toISOString();
    const effective = extra.effectiveAt ?? effectiveInstant(content, now, this.deps.timeZone);
    const scheduled = effective.getTime() > now.getTime();
    const replaced = await this.replacedContent(head, effective);
    const n = head.latest + 1;
    // A curated file import is not an admin's choice: later runtime versions stay as they are.
    const later =
      origin === 'file'
        ? { timeline: head.timeline, audit: [], details: {} }
        : await settleLaterScheduled({
            head,
            effective,
            n,
            now: nowIso,
            choice: extra.onScheduled,
            versionOf: (k) => this.deps.repo.version(head.intentId, k),
            nameOf: this.deps.personName,
            audit: (action, more) => this.audit(actor, action, head.intentId, more),
          });
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
      timeline: [...later.timeline, { n, effectiveAt: version.effectiveAt, ...(scheduled ? {} : { activatedAt: nowIso }) }],
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
          details: { effectiveAt: version.effectiveAt, ...later.details },
        }),
        ...later.audit,
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
