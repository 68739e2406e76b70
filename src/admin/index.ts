import type { Clock } from '../clock.js';
import type { Catalogue } from '../content/catalogue.js';
import type { EscalationDirectory } from '../escalation/directory.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type { Logger } from '../observability.js';
import type { Job } from '../scheduler/index.js';
import type { Store } from '../store/contract.js';
import { AdminAccess } from './access.js';
import { AnswerEditor } from './answer-editor.js';
import { AnswerRepository } from './answer-repo.js';
import { createVersionedAnswerSource, type VersionedAnswerSource } from './answer-source.js';
import { type FileImportReport, importCuratedAnswers } from './file-import.js';
import { adminJobs } from './jobs.js';
import { createMatcherHolder, type MatcherHolder, type TrainMatcher } from './matcher-holder.js';
import { adminNotices } from './notices.js';
import { QueueEditor } from './queues.js';
import { DigestPublisher } from './reports/publisher.js';
import { AdminService } from './service.js';
import { suggestionClosure } from './suggestion-drafts.js';
import { SuggestionInbox } from './suggestions.js';
import { UtteranceOverlays } from './utterances.js';
import { allProposalStarts, proposalMarkers } from './proposal-block.js';
import { AdminViews } from './views.js';

/**
 * The admin layer, assembled once by the composition root:
 * - `answers`: the `AnswerSource` the core must use (published and scheduled versions, live);
 * - `matcher`: the `Matcher` the core must use (retrains in the background on utterance edits);
 * - `service`: every admin command (console router, Slack `/relais-admin`, CLI);
 * - `jobs`: for `createScheduler` (scheduled versions taking effect, daily and weekly digests);
 * - `fileImport`: what the start-up import did (imported, conflicts).
 */
export interface Admin {
  answers: VersionedAnswerSource;
  matcher: MatcherHolder;
  service: AdminService;
  jobs: Job[];
  fileImport: FileImportReport;
  stop(): Promise<void>;
}

export interface AdminOptions {
  store: Store;
  clock: Clock;
  catalogue: Catalogue;
  /** The escalation configuration as stored (its `admins` decide who may use the admin commands). */
  directory: EscalationDirectory;
  messages: MessageCatalogue;
  logger: Logger;
  /** Builds a matcher from training examples (the NLU's trainer). */
  train: TrainMatcher;
  /** This instance's name (scheduler leases). */
  instanceId: string;
  timeZone?: string;
  /** Version-counter poll period, ms (default 1000, capped at 2000). */
  pollMs?: number;
  /** `RETENTION_DAYS`: how long conversation records, suggestions included, are kept (default 90). */
  retentionDays?: number;
}

/**
 * Imports the curated answer files that changed (conflicts flagged, never overwritten), then
 * builds the live answer source, the matcher holder and the admin services.
 */
export async function createAdmin(options: AdminOptions): Promise<Admin> {
  const { store, clock, catalogue, logger } = options;
  const log = logger.child({ module: 'admin' });
  const repo = new AnswerRepository(store);
  const editor = new AnswerEditor({
    repo,
    clock,
    knownIntent: (id) => catalogue.answers.has(id),
    closeSuggestion: suggestionClosure(store, clock),
    proposalStarts: allProposalStarts(options.messages),
    personName: async (identity) => (await options.directory.current()).people[identity]?.name,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const fileDeps = { repo, editor, clock, ...(options.timeZone ? { timeZone: options.timeZone } : {}) };
  const fileImport = await importCuratedAnswers(catalogue, fileDeps);
  log.info({ imported: fileImport.imported.length, conflicts: fileImport.conflicts }, 'curated answers imported');

  const live = { store, clock, logger: log, ...(options.pollMs ? { pollMs: options.pollMs } : {}) };
  const answers = await createVersionedAnswerSource({ ...live, answers: catalogue.answers });
  const matcher = await createMatcherHolder({ ...live, intents: catalogue.intents, train: options.train });
  const overlays = new UtteranceOverlays(store, catalogue.intents, clock);
  const notices = adminNotices(options.directory);
  const digests = new DigestPublisher({
    store,
    clock,
    notices,
    messages: options.messages,
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  const queues = new QueueEditor(store, clock);
  const queueConflict = await queues.conflict();
  if (queueConflict) {
    log.warn(
      { event: 'admin.queue_conflict', detectedAt: queueConflict.detectedAt, differences: queueConflict.differences.length },
      'queue configuration file changed after runtime queue edits: not imported; an admin settles it in the console',
    );
  }
  const service = new AdminService(new AdminAccess({ directory: options.directory, store, clock, logger: log }), {
    store,
    editor,
    views: new AdminViews({ catalogue, source: answers, repo, overlays, clock, ...(options.timeZone ? { timeZone: options.timeZone } : {}) }),
    overlays,
    inbox: new SuggestionInbox(store, overlays, () => matcher.current(), clock),
    queues,
    digests,
    conflicts: fileDeps,
    proposal: proposalMarkers(options.messages),
    retentionDays: options.retentionDays ?? 90,
  });
  const jobs = adminJobs({
    activation: { store, clock, holder: options.instanceId, notices, messages: options.messages },
    digests,
  });
  return {
    answers,
    matcher,
    service,
    jobs,
    fileImport,
    async stop() {
      await Promise.all([answers.stop(), matcher.stop()]);
    },
  };
}

export { AdminError, AdminErrorCode } from './errors.js';
export type { AdminCommandName, CommandInput, CommandOutput } from './commands.js';
export type { AdminService } from './service.js';
export type { MatcherHolder, TrainMatcher } from './matcher-holder.js';
export type { VersionedAnswerSource } from './answer-source.js';
export { createVersionedAnswerSource } from './answer-source.js';
export { createMatcherHolder } from './matcher-holder.js';
