import type { Clock } from '../clock.js';
import type { ServedAnswer } from '../model/answers-port.js';
import { asOfDay } from '../core/replies.js';
import type { AuditEntry, DocWrite } from '../store/contract.js';
import type { AnswerRepository, LoadedHead } from './answer-repo.js';
import { calendarDay } from './days.js';
import { lineDiff } from './diff.js';
import { AdminError, AdminErrorCode, issueLines } from './errors.js';
import { AnswerContent, type AnswerContentInput, type AnswerHead } from './model.js';
import { hasProposalBlock } from './proposal-block.js';
import { describeLater, type LaterScheduled, laterScheduled, type PersonName } from './scheduled-conflict.js';
import { contentAsText, effectiveInstant, inForce, type ReviewFlags, reviewFlags, servedFrom } from './timeline.js';

/** What handling a draft that started from a suggestion writes (the suggestion leaves the inbox). */
export interface SuggestionClosure {
  writes: DocWrite[];
  audit: AuditEntry[];
}

/** What the editor needs; `knownIntent` says whether an intent id exists in the curated base. */
export interface AnswerEditorDeps {
  repo: AnswerRepository;
  clock: Clock;
  knownIntent: (intentId: string) => boolean;
  timeZone?: string;
  /** Closes the suggestion a draft came from when that draft is published or discarded. */
  closeSuggestion?: (actor: string, suggestionId: string, intentId: string, outcome: 'published' | 'discarded') => Promise<SuggestionClosure>;
  /** Start markers of a delegate's unmerged proposal (src/admin/proposal-block.ts): publishing is refused while one is in the text. */
  proposalStarts?: readonly string[];
  /** Names the people who scheduled later versions (else they are shown by identity). */
  personName?: PersonName;
}

/** Options of saving a draft or publishing content directly. */
export interface DraftOptions {
  /** « Sources vérifiées aujourd'hui »: the sources' check day becomes the publication day. */
  sourcesCheckedToday?: boolean | undefined;
}

/** What publishing a draft would do, shown before the admin confirms. */
export interface AnswerPreview {
  served: ServedAnswer;
  /** Diff against the version it would replace. */
  diff: string[];
  effectiveAt: string;
  scheduled: boolean;
  flags: ReviewFlags;
  /** The « à jour au » day the chat will show (YYYY-MM-DD). */
  asOf: string;
  /** Versions scheduled later that would replace this one: publishing will ask to cancel or keep them. */
  laterScheduled: LaterScheduled[];
  /** The text still holds a delegate's proposal block: publishing is refused until it is merged. */
  unmergedProposal: boolean;
}

/** What publishing did: the new version, from when it is served. */
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

/** The content with every source checked on `day` (« Sources vérifiées aujourd'hui »). */
export function sourcesCheckedOn(content: AnswerContent, day: string): AnswerContent {
  return { ...content, sources: content.sources.map((s) => ({ ...s, checked: day })) };
}

/** The head of an answer that has no stored version yet (served from its curated file). */
export function emptyHead(intentId: string): AnswerHead {
  return { intentId, latest: 0, timeline: [] };
}

/**
 * The draft half of the answer editor (save, start from a suggestion, discard, preview) and the
 * helpers the publishing half (`AnswerEditor`) shares. Each write is one commit of the head.
 */
export class DraftEditor {
  constructor(protected readonly deps: AnswerEditorDeps) {}

  protected now(): Date {
    return this.deps.clock.now();
  }

  protected audit(actor: string, action: string, intentId: string, extra: Partial<AuditEntry> = {}): AuditEntry {
    return { at: this.now().toISOString(), actor, action, subject: `answer:${intentId}`, ...extra };
  }

  protected today(): string {
    return calendarDay(this.now(), this.deps.timeZone);
  }

  /** The content a draft would publish today (as the preview shows it). */
  protected served(draft: { content: AnswerContent; sourcesCheckedToday?: boolean | undefined }): AnswerContent {
    return draft.sourcesCheckedToday ? sourcesCheckedOn(draft.content, this.today()) : draft.content;
  }

  /** Whether the text still holds a delegate's proposal block to merge. */
  protected unmergedProposal(content: AnswerContent): boolean {
    return hasProposalBlock(content.text, this.deps.proposalStarts ?? []);
  }

  /** The content a draft publishes today; refused while a delegate's proposal block is unmerged. */
  protected publishable(draft: { content: AnswerContent; sourcesCheckedToday?: boolean | undefined }): AnswerContent {
    if (this.unmergedProposal(draft.content)) {
      throw new AdminError(AdminErrorCode.ProposalUnmerged, `"${draft.content.title}" still holds a delegate's proposal block`);
    }
    return this.served(draft);
  }

  /** The suggestion a dropped draft came from leaves the inbox in the same commit. */
  protected async closing(actor: string, head: AnswerHead, outcome: 'published' | 'discarded'): Promise<SuggestionClosure> {
    const id = head.draft?.fromSuggestion;
    if (!id || !this.deps.closeSuggestion) return { writes: [], audit: [] };
    return this.deps.closeSuggestion(actor, id, head.intentId, outcome);
  }

  protected checkIntent(intentId: string, current: LoadedHead | null): void {
    if (!current && !this.deps.knownIntent(intentId)) {
      throw new AdminError(AdminErrorCode.UnknownIntent, `unknown intent "${intentId}"`);
    }
  }

  /** Content of the version in force when `at` comes (what a new version would replace). */
  protected async replacedContent(head: AnswerHead, at: Date): Promise<AnswerContent | null> {
    const entry = inForce({ ...head, retired: undefined }, at);
    return entry ? ((await this.deps.repo.version(head.intentId, entry.n))?.content ?? null) : null;
  }

  async saveDraft(
    actor: string,
    intentId: string,
    input: AnswerContentInput | Record<string, unknown>,
    options: DraftOptions = {},
  ): Promise<void> {
    const content = parseContent(input);
    await this.deps.repo.change(intentId, (current) => {
      this.checkIntent(intentId, current);
      const head = current?.head ?? emptyHead(intentId);
      const basedOn = inForce(head, this.now())?.n ?? null;
      const fromSuggestion = head.draft?.fromSuggestion;
      const draft = {
        content,
        by: actor,
        at: this.now().toISOString(),
        basedOn,
        ...(options.sourcesCheckedToday ? { sourcesCheckedToday: true } : {}),
        ...(fromSuggestion ? { fromSuggestion } : {}),
      };
      return { head: { ...head, draft }, audit: [this.audit(actor, 'answer.draft', intentId)], result: undefined };
    });
  }

  /**
   * Starts a draft from a delegate's proposed answer (nothing is published). Refused when the answer
   * already has a draft, so that nobody's work in progress is overwritten. `link` marks the
   * suggestion in the same commit.
   */
  async draftFromSuggestion(actor: string, intentId: string, content: AnswerContent, suggestionId: string, link: SuggestionClosure): Promise<void> {
    const parsed = parseContent(content);
    await this.deps.repo.change(intentId, (current) => {
      this.checkIntent(intentId, current);
      const head = current?.head ?? emptyHead(intentId);
      if (head.draft) throw new AdminError(AdminErrorCode.DraftExists, `"${intentId}" already has a draft`);
      const basedOn = inForce(head, this.now())?.n ?? null;
      const draft = { content: parsed, by: actor, at: this.now().toISOString(), basedOn, fromSuggestion: suggestionId };
      return {
        head: { ...head, draft },
        extraWrites: link.writes,
        audit: [this.audit(actor, 'answer.draft', intentId, { from: `suggestion:${suggestionId}` }), ...link.audit],
        result: undefined,
      };
    });
  }

  async discardDraft(actor: string, intentId: string): Promise<void> {
    await this.deps.repo.change(intentId, async (current) => {
      if (!current?.head.draft) return null;
      const { draft: _draft, ...head } = current.head;
      const closing = await this.closing(actor, current.head, 'discarded');
      return {
        head,
        extraWrites: closing.writes,
        audit: [this.audit(actor, 'answer.draft_discard', intentId), ...closing.audit],
        result: undefined,
      };
    });
  }

  /** The draft as the bot would serve it, its diff and when it would take effect. */
  async preview(intentId: string): Promise<AnswerPreview> {
    const loaded = await this.deps.repo.head(intentId);
    const draft = loaded?.head.draft;
    if (!loaded || !draft) throw new AdminError(AdminErrorCode.NoDraft, `no draft for "${intentId}"`);
    const now = this.now();
    const content = this.served(draft);
    const effective = effectiveInstant(content, now, this.deps.timeZone);
    const replaced = await this.replacedContent(loaded.head, effective);
    const served = servedFrom(intentId, 'draft', content);
    return {
      served,
      diff: lineDiff(replaced ? contentAsText(replaced) : '', contentAsText(content)),
      effectiveAt: effective.toISOString(),
      scheduled: effective.getTime() > now.getTime(),
      flags: reviewFlags(content, this.today()),
      asOf: asOfDay(served),
      laterScheduled: await describeLater(laterScheduled(loaded.head, effective), (n) => this.deps.repo.version(intentId, n), this.deps.personName),
      unmergedProposal: this.unmergedProposal(draft.content),
    };
  }
}
