import type { Clock } from '../clock.js';
import type { AnswerEntry, Catalogue } from '../content/catalogue.js';
import type { AuditEntry } from '../store/contract.js';
import type { AnswerEditor } from './answer-editor.js';
import type { AnswerRepository } from './answer-repo.js';
import { startOfDay } from './days.js';
import { AdminError, AdminErrorCode } from './errors.js';
import { type AnswerContent, AnswerContent as AnswerContentSchema, type AnswerHead } from './model.js';

export interface FileImportDeps {
  repo: AnswerRepository;
  editor: AnswerEditor;
  clock: Clock;
  timeZone?: string;
}

export interface FileImportReport {
  /** Intents whose file was imported as a new version. */
  imported: string[];
  /** Intents whose changed file was not imported because of a newer runtime edit. */
  conflicts: string[];
  unchanged: number;
}

const IMPORT_ACTOR = 'file-import';

function contentOf(entry: AnswerEntry): AnswerContent {
  const { id: _id, file: _file, contentHash: _hash, ...content } = entry;
  return AnswerContentSchema.parse(content);
}

/** A runtime edit (publish, rollback, retire…) made after the file's previous import. */
function editedSinceImport(head: AnswerHead): boolean {
  if (!head.lastRuntimeEditAt) return false;
  return !head.lastFileImport || head.lastRuntimeEditAt > head.lastFileImport.at;
}

/**
 * Start-up import of the curated answers. A file whose content hash differs from the one last
 * imported becomes a new version (origin `file`), unless an admin edited that answer at runtime
 * since the file's previous import: then nothing is overwritten and a conflict is flagged on the
 * head (with the file's content) for admins to settle. Several instances starting at once converge
 * (each head write expects the version it read).
 */
export async function importCuratedAnswers(
  catalogue: Pick<Catalogue, 'answers'>,
  deps: FileImportDeps,
): Promise<FileImportReport> {
  const report: FileImportReport = { imported: [], conflicts: [], unchanged: 0 };
  for (const entry of catalogue.answers.values()) {
    const outcome = await deps.repo.change(entry.id, async (current) => {
      const head = current?.head;
      if (head?.lastFileImport?.hash === entry.contentHash || head?.conflict?.fileHash === entry.contentHash) {
        return null;
      }
      const now = deps.clock.now().toISOString();
      const content = contentOf(entry);
      if (head && editedSinceImport(head)) {
        const audit: AuditEntry = {
          at: now,
          actor: IMPORT_ACTOR,
          action: 'answer.conflict',
          subject: `answer:${entry.id}`,
          details: { file: entry.file, fileHash: entry.contentHash },
        };
        return {
          head: { ...head, conflict: { file: entry.file, fileHash: entry.contentHash, detectedAt: now, content } },
          audit: [audit],
          result: 'conflict' as const,
        };
      }
      const base: AnswerHead = head ?? { intentId: entry.id, latest: 0, timeline: [] };
      // The first import stands for the file as it always was: in force from its validFrom day.
      const first = base.timeline.length === 0;
      const change = await deps.editor.newVersion(IMPORT_ACTOR, base, content, 'file', {
        fileHash: entry.contentHash,
        ...(first ? { effectiveAt: startOfDay(content.validFrom, deps.timeZone) } : {}),
      });
      const { conflict: _conflict, ...rest } = change.head;
      return {
        ...change,
        head: { ...rest, lastFileImport: { hash: entry.contentHash, at: now, n: change.result.n } },
        result: 'imported' as const,
      };
    });
    if (outcome === 'imported') report.imported.push(entry.id);
    else if (outcome === 'conflict') report.conflicts.push(entry.id);
    else report.unchanged++;
  }
  return report;
}

/**
 * Settles a file conflict: `file` publishes the file's content as a new version; `keep` keeps the
 * runtime edit and records the file as seen (a later change of the file is imported again).
 */
export async function resolveFileConflict(
  deps: FileImportDeps,
  actor: string,
  intentId: string,
  choice: 'file' | 'keep',
): Promise<void> {
  await deps.repo.change(intentId, async (current) => {
    const conflict = current?.head.conflict;
    if (!current || !conflict) throw new AdminError(AdminErrorCode.NoConflict, `no file conflict on "${intentId}"`);
    const now = deps.clock.now().toISOString();
    const { conflict: _c, ...head } = current.head;
    if (choice === 'keep') {
      return {
        head: { ...head, lastFileImport: { hash: conflict.fileHash, at: now, n: head.lastFileImport?.n ?? head.latest } },
        audit: [{ at: now, actor, action: 'answer.conflict_keep', subject: `answer:${intentId}` }],
        result: undefined,
      };
    }
    const change = await deps.editor.newVersion(actor, head, conflict.content, 'file', { fileHash: conflict.fileHash });
    return {
      ...change,
      head: { ...change.head, lastFileImport: { hash: conflict.fileHash, at: now, n: change.result.n } },
      result: undefined,
    };
  });
}
