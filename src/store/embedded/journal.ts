import fs from 'node:fs';
import path from 'node:path';
import type pino from 'pino';
import { StoreUnavailableError } from '../contract.js';
import { EmbeddedState, type JournalRecord, type StateImage } from './state.js';

/**
 * Durability of the embedded store: a snapshot (`snapshot.json`) plus an append-only journal
 * (`journal.ndjson`, one `{"n":<record number>,"op":…}` line per committed change).
 *
 * - Group commit: records appended during one turn of the event loop are written and fdatasync'ed
 *   together, and every caller's promise resolves only after that. Killing the process (even power
 *   loss) after a call resolved loses nothing it acknowledged.
 * - Compaction writes the whole state to `snapshot.json.tmp`, fsyncs it, renames it over
 *   `snapshot.json`, fsyncs the folder, then truncates the journal. Records already in the snapshot
 *   are skipped at replay, so a crash between rename and truncation is harmless.
 * - A torn last line (crash in the middle of a write) was never acknowledged: it is dropped at
 *   start-up. A bad line anywhere else is corruption: start-up refuses.
 */

const SNAPSHOT = 'snapshot.json';
const JOURNAL = 'journal.ndjson';
const SNAPSHOT_FORMAT = 1;

interface SnapshotFile extends StateImage {
  format: number;
  /** Number of the last journal record contained in this snapshot. */
  lastRecord: number;
}

interface Batch {
  lines: string[];
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: Error) => void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody awaits (all its callers already failed) must not crash the process.
  promise.catch(() => {});
  return { lines: [], promise, resolve, reject };
}

function writeFully(fd: number, text: string): void {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += fs.writeSync(fd, buffer, offset);
}

function fsyncFolder(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export class Journal {
  private batch: Batch | null = null;
  private failure: Error | null = null;
  private bytes = 0;

  private constructor(
    private readonly dir: string,
    private fd: number,
    private lastRecord: number,
    private readonly state: EmbeddedState,
    private readonly compactAfterBytes: number,
    private readonly logger: pino.Logger,
  ) {}

  /** Loads snapshot + journal from `dir` into a state, then compacts so the journal starts empty. */
  static open(dir: string, options: { compactAfterBytes: number; logger: pino.Logger }): Journal {
    const { state, lastRecord } = Journal.load(dir, options.logger);
    const fd = fs.openSync(path.join(dir, JOURNAL), 'a');
    const journal = new Journal(dir, fd, lastRecord, state, options.compactAfterBytes, options.logger);
    journal.compact(Date.now());
    return journal;
  }

  get current(): EmbeddedState {
    return this.state;
  }

  /** Appends a record already applied to the state; resolves once it is on disk. */
  append(record: JournalRecord): Promise<void> {
    this.throwIfFailed();
    this.lastRecord += 1;
    if (!this.batch) {
      this.batch = newBatch();
      setImmediate(() => this.flush());
    }
    this.batch.lines.push(`${JSON.stringify({ n: this.lastRecord, ...record })}\n`);
    return this.batch.promise;
  }

  /** Resolves once everything appended so far is on disk (reads wait for it: no dirty reads). */
  barrier(): Promise<void> {
    this.throwIfFailed();
    return this.batch ? this.batch.promise : Promise.resolve();
  }

  /** Snapshot of the whole (purged) state, then an empty journal. Synchronous: nothing interleaves. */
  compact(now: number): void {
    this.throwIfFailed();
    try {
      this.state.purgeExpired(now);
      const snapshot: SnapshotFile = { format: SNAPSHOT_FORMAT, lastRecord: this.lastRecord, ...this.state.toImage() };
      const target = path.join(this.dir, SNAPSHOT);
      const tmp = `${target}.tmp`;
      const fd = fs.openSync(tmp, 'w');
      try {
        writeFully(fd, JSON.stringify(snapshot));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, target);
      fsyncFolder(this.dir);
      fs.ftruncateSync(this.fd, 0);
      fs.fsyncSync(this.fd);
      this.bytes = 0;
    } catch (error) {
      throw this.fail(error);
    }
    // Records waiting for the next flush are in the snapshot now: they are durable.
    const batch = this.batch;
    this.batch = null;
    batch?.resolve();
  }

  /** Flushes, compacts and closes the file. */
  close(): void {
    if (this.failure) {
      fs.closeSync(this.fd);
      return;
    }
    this.compact(Date.now());
    fs.closeSync(this.fd);
    this.failure = new StoreUnavailableError(`embedded store in ${this.dir} is closed`);
  }

  private flush(): void {
    const batch = this.batch;
    if (!batch) return; // a compaction already made it durable
    this.batch = null;
    const text = batch.lines.join('');
    try {
      writeFully(this.fd, text);
      fs.fdatasyncSync(this.fd);
    } catch (error) {
      batch.reject(this.fail(error));
      return;
    }
    this.bytes += Buffer.byteLength(text);
    batch.resolve();
    if (this.bytes >= this.compactAfterBytes) {
      try {
        this.compact(Date.now());
      } catch (error) {
        this.logger.error({ err: error, dir: this.dir }, 'embedded store: compaction failed');
      }
    }
  }

  /** After a failed write the in-memory state may be ahead of the disk: refuse everything from now on. */
  private fail(error: unknown): StoreUnavailableError {
    const failure = new StoreUnavailableError(`embedded store cannot write to ${this.dir}: ${String(error)}`, {
      cause: error,
    });
    this.failure = failure;
    this.logger.error({ err: error, dir: this.dir }, 'embedded store: journal write failed, store stopped');
    return failure;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  private static load(dir: string, logger: pino.Logger): { state: EmbeddedState; lastRecord: number } {
    fs.rmSync(path.join(dir, `${SNAPSHOT}.tmp`), { force: true });
    let state = new EmbeddedState();
    let lastRecord = 0;
    const snapshotPath = path.join(dir, SNAPSHOT);
    if (fs.existsSync(snapshotPath)) {
      const snapshot = JSON.parse(fs.readFileSync(snapshotPath, 'utf8')) as SnapshotFile;
      if (snapshot.format !== SNAPSHOT_FORMAT) {
        throw new StoreUnavailableError(`${snapshotPath} has format ${snapshot.format}, expected ${SNAPSHOT_FORMAT}`);
      }
      state = EmbeddedState.fromImage(snapshot);
      lastRecord = snapshot.lastRecord;
    }
    const journalPath = path.join(dir, JOURNAL);
    if (!fs.existsSync(journalPath)) return { state, lastRecord };
    const text = fs.readFileSync(journalPath, 'utf8');
    const lines = text.split('\n');
    let validBytes = 0;
    for (const [index, line] of lines.entries()) {
      if (line === '') {
        validBytes += 1;
        continue;
      }
      let record: JournalRecord & { n: number };
      try {
        record = JSON.parse(line) as JournalRecord & { n: number };
      } catch {
        if (index === lines.length - 1) {
          logger.warn({ journal: journalPath }, 'embedded store: dropping a torn last journal line');
          fs.truncateSync(journalPath, validBytes);
          break;
        }
        throw new StoreUnavailableError(`${journalPath} is corrupted at line ${index + 1}`);
      }
      validBytes += Buffer.byteLength(line) + 1;
      if (record.n <= lastRecord) continue;
      state.apply(record);
      lastRecord = record.n;
    }
    return { state, lastRecord };
  }
}
