import { z } from 'zod';
import type { AdminRole } from './access.js';
import type { AnswerEditor } from './answer-editor.js';
import { type FileImportDeps, resolveFileConflict } from './file-import.js';
import type { ProposalMarkers } from './proposal-block.js';
import type { QueueEditor } from './queues.js';
import { QueueConflictChoice } from './queue-conflict.js';
import { ScheduledChoice } from './scheduled-conflict.js';
import { draftFromSuggestion } from './suggestion-drafts.js';
import { DirectoryPatch, QueuePatch } from './queues.js';
import type { DigestPublisher } from './reports/publisher.js';
import type { Store } from '../store/contract.js';
import type { SuggestionInbox } from './suggestions.js';
import type { UtteranceOverlays } from './utterances.js';
import type { AdminViews } from './views.js';

/** What the commands act on (built once by `createAdmin`). */
export interface CommandDeps {
  store: Store;
  editor: AnswerEditor;
  views: AdminViews;
  overlays: UtteranceOverlays;
  inbox: SuggestionInbox;
  queues: QueueEditor;
  digests: DigestPublisher;
  conflicts: FileImportDeps;
  /** How a delegate's proposal is marked in the draft made from it. */
  proposal: ProposalMarkers;
  /** `RETENTION_DAYS`: a suggestion rewritten by an admin keeps expiring with its conversation. */
  retentionDays: number;
}

/** One admin command: the role it requires, its input schema, what it does. */
export interface CommandDefinition<I extends z.ZodType, O> {
  role: AdminRole;
  input: I;
  run(deps: CommandDeps, actor: string, input: z.infer<I>): Promise<O>;
}

function command<I extends z.ZodType, O>(definition: CommandDefinition<I, O>): CommandDefinition<I, O> {
  return definition;
}

const intentId = z.string().min(1).max(100);
const version = z.coerce.number().int().positive();
/** Answer content is validated by the editor with the answer file schema (errors name the field). */
const content = z.record(z.string(), z.unknown());
/** « Sources vérifiées aujourd'hui »: the sources' check day becomes the publication day. */
const sourcesCheckedToday = z.boolean().optional();
/** The admin's choice about versions scheduled later (see src/admin/scheduled-conflict.ts). */
const onScheduled = ScheduledChoice.optional();

/**
 * Every admin command, with its role declared here (errbot style). The web console, Slack and the
 * CLI all run them through `AdminService.execute`, which checks the role and the input first.
 */
export const ADMIN_COMMANDS = {
  'answers.list': command({
    role: 'admin',
    input: z.object({ query: z.string().max(200).default('') }),
    run: (d, _a, i) => d.views.list(i.query),
  }),
  'answers.get': command({
    role: 'admin',
    input: z.object({ intentId }),
    run: (d, _a, i) => d.views.detail(i.intentId),
  }),
  'answers.saveDraft': command({
    role: 'admin',
    input: z.object({ intentId, content, sourcesCheckedToday }),
    run: (d, a, i) => d.editor.saveDraft(a, i.intentId, i.content, { sourcesCheckedToday: i.sourcesCheckedToday }),
  }),
  'answers.discardDraft': command({
    role: 'admin',
    input: z.object({ intentId }),
    run: (d, a, i) => d.editor.discardDraft(a, i.intentId),
  }),
  'answers.preview': command({
    role: 'admin',
    input: z.object({ intentId }),
    run: (d, _a, i) => d.editor.preview(i.intentId),
  }),
  'answers.publish': command({
    role: 'admin',
    input: z.object({ intentId, note: z.string().max(500).optional(), onScheduled }),
    run: (d, a, i) => d.editor.publish(a, i.intentId, i.note, i.onScheduled),
  }),
  'answers.publishContent': command({
    role: 'admin',
    input: z.object({ intentId, content, note: z.string().max(500).optional(), onScheduled, sourcesCheckedToday }),
    run: (d, a, i) =>
      d.editor.publishContent(a, i.intentId, i.content, i.note, { onScheduled: i.onScheduled, sourcesCheckedToday: i.sourcesCheckedToday }),
  }),
  'answers.rollback': command({
    role: 'admin',
    input: z.object({ intentId, n: version, onScheduled }),
    run: (d, a, i) => d.editor.rollback(a, i.intentId, i.n, i.onScheduled),
  }),
  'answers.retire': command({
    role: 'admin',
    input: z.object({ intentId }),
    run: (d, a, i) => d.editor.retire(a, i.intentId),
  }),
  'answers.cancelScheduled': command({
    role: 'admin',
    input: z.object({ intentId, n: version }),
    run: (d, a, i) => d.editor.cancelScheduled(a, i.intentId, i.n),
  }),
  'answers.resolveConflict': command({
    role: 'admin',
    input: z.object({ intentId, choice: z.enum(['file', 'keep']) }),
    run: (d, a, i) => resolveFileConflict(d.conflicts, a, i.intentId, i.choice),
  }),
  'utterances.add': command({
    role: 'admin',
    input: z.object({ intentId, text: z.string() }),
    run: (d, a, i) => d.overlays.add(a, i.intentId, i.text),
  }),
  'utterances.remove': command({
    role: 'admin',
    input: z.object({ intentId, text: z.string() }),
    run: (d, a, i) => d.overlays.remove(a, i.intentId, i.text),
  }),
  'intents.list': command({
    role: 'admin',
    input: z.object({}),
    run: async (d) => d.views.intents(),
  }),
  'suggestions.list': command({
    role: 'admin',
    input: z.object({}),
    run: (d) => d.inbox.groups(),
  }),
  'suggestions.accept': command({
    role: 'admin',
    input: z.object({ id: z.string().min(1), intentId }),
    run: (d, a, i) => d.inbox.accept(a, i.id, i.intentId),
  }),
  'suggestions.draftAnswer': command({
    role: 'admin',
    input: z.object({ id: z.string().min(1), intentId }),
    run: (d, a, i) => draftFromSuggestion({ ...d, clock: d.conflicts.clock }, a, i.id, i.intentId),
  }),
  'suggestions.dismiss': command({
    role: 'admin',
    input: z.object({ id: z.string().min(1) }),
    run: (d, a, i) => d.inbox.dismiss(a, i.id),
  }),
  'queues.get': command({
    role: 'admin',
    input: z.object({}),
    run: async (d) => {
      const [{ queues, absences, referents, defaultQueue }, conflict] = await Promise.all([
        d.queues.current(),
        d.queues.conflict(),
      ]);
      return { queues, absences, referents, defaultQueue, conflict };
    },
  }),
  'queues.resolveConflict': command({
    role: 'admin',
    input: z.object({ choice: QueueConflictChoice }),
    run: async (d, a, i) => {
      await d.queues.resolveConflict(a, i.choice);
    },
  }),
  'queues.update': command({
    role: 'admin',
    input: z.object({ queueId: z.string().min(1), patch: QueuePatch }),
    run: async (d, a, i) => {
      await d.queues.updateQueue(a, i.queueId, i.patch);
    },
  }),
  'queues.updateDirectory': command({
    role: 'admin',
    input: z.object({ patch: DirectoryPatch }),
    run: async (d, a, i) => {
      await d.queues.updateDirectory(a, i.patch);
    },
  }),
  'digests.list': command({
    role: 'admin',
    input: z.object({}),
    run: async (d) => ({ daily: await d.digests.recent('daily'), weekly: await d.digests.recent('weekly') }),
  }),
  'digests.preview': command({
    role: 'admin',
    input: z.object({ kind: z.enum(['daily', 'weekly']) }),
    run: async (d, _a, i) => {
      const now = d.conflicts.clock.now();
      return d.digests.compute(i.kind, d.digests.previewPeriod(i.kind, now), now);
    },
  }),
  'outbox.dead': command({
    role: 'admin',
    input: z.object({}),
    run: async (d) =>
      (await d.store.listOutbox({ status: 'dead' })).map((o) => ({ id: o.id, channel: o.channel, error: o.lastError ?? '', attempts: o.attempts })),
  }),
  'outbox.requeue': command({
    role: 'admin',
    input: z.object({ id: z.string().min(1) }),
    run: (d, _a, i) => d.store.requeueDead(i.id),
  }),
} as const;

export type AdminCommands = typeof ADMIN_COMMANDS;
export type AdminCommandName = keyof AdminCommands;
export type CommandInput<K extends AdminCommandName> = z.input<AdminCommands[K]['input']>;
export type CommandOutput<K extends AdminCommandName> = Awaited<ReturnType<AdminCommands[K]['run']>>;
