import type { Clock } from '../clock.js';
import type { Catalogue } from '../content/catalogue.js';
import { FileAnswerSource } from '../content/answers.js';
import type { AnswerSource, ServedAnswer } from '../model/answers-port.js';
import type { Logger } from '../observability.js';
import type { Store } from '../store/contract.js';
import { AnswerRepository } from './answer-repo.js';
import { DEFAULT_POLL_MS, type TopicWatch, watchTopic } from './live.js';
import { ADMIN_TOPICS, type AnswerHead, type AnswerVersion } from './model.js';
import { inForce, scheduledAfter, servedFromVersion } from './timeline.js';

export interface VersionedAnswerSourceOptions {
  store: Store;
  /** The curated answers: served for an intent that has no version in the store yet. */
  answers: Catalogue['answers'];
  clock: Clock;
  logger?: Pick<Logger, 'warn'>;
  /** Version-counter poll period (default 1 s; at most 2 s keeps edits live within 5 s). */
  pollMs?: number;
}

/** The answer source the core uses, plus what the admin views read from the same cache. */
export interface VersionedAnswerSource extends AnswerSource {
  /** The cached head of an intent (undefined: never stored). */
  head(intentId: string): AnswerHead | undefined;
  /** Reloads now (also done on every change notification and poll). */
  refresh(): Promise<void>;
  /** Stops watching the store. */
  stop(): Promise<void>;
}

class StoreAnswerSource implements VersionedAnswerSource {
  private heads = new Map<string, AnswerHead>();
  /** Versions never change once written: cached for the process's life. */
  private readonly versions = new Map<string, AnswerVersion>();
  private readonly files: FileAnswerSource;
  private readonly repo: AnswerRepository;
  private refreshing: Promise<void> | null = null;
  watch: TopicWatch | null = null;

  constructor(private readonly options: VersionedAnswerSourceOptions) {
    this.files = new FileAnswerSource(options.answers);
    this.repo = new AnswerRepository(options.store);
  }

  refresh(): Promise<void> {
    // A refresh asked during another one runs after it, so that it sees the latest write.
    const previous = this.refreshing ?? Promise.resolve();
    const next: Promise<void> = previous
      .catch(() => undefined)
      .then(() => this.load())
      .finally(() => {
        if (this.refreshing === next) this.refreshing = null;
      });
    this.refreshing = next;
    return next;
  }

  private async load(): Promise<void> {
    const heads = await this.repo.heads();
    const now = this.options.clock.now();
    const wanted = heads.flatMap((head) => {
      const current = inForce(head, now);
      return [...(current ? [current] : []), ...scheduledAfter(head, now)].map((e) => ({ head, n: e.n }));
    });
    await Promise.all(wanted.map(({ head, n }) => this.version(head.intentId, n)));
    this.heads = new Map(heads.map((head) => [head.intentId, head]));
  }

  private async version(intentId: string, n: number): Promise<AnswerVersion | null> {
    const key = `${intentId}/${n}`;
    const cached = this.versions.get(key);
    if (cached) return cached;
    const loaded = await this.repo.version(intentId, n);
    if (loaded) this.versions.set(key, loaded);
    return loaded;
  }

  head(intentId: string): AnswerHead | undefined {
    return this.heads.get(intentId);
  }

  async current(intentId: string, at: Date): Promise<ServedAnswer | null> {
    if (this.refreshing) await this.refreshing.catch(() => undefined);
    const head = this.heads.get(intentId);
    if (!head || (head.timeline.length === 0 && !head.retired)) return this.files.current(intentId, at);
    const entry = inForce(head, at);
    if (!entry) return null;
    const version = await this.version(intentId, entry.n);
    return version ? servedFromVersion(version) : null;
  }

  title(intentId: string, locale?: string): string {
    const head = this.heads.get(intentId);
    const entry = head ? inForce({ ...head, retired: undefined }, this.options.clock.now()) : null;
    const version = entry ? this.versions.get(`${intentId}/${entry.n}`) : undefined;
    return version?.content.title ?? this.files.title(intentId, locale);
  }

  async stop(): Promise<void> {
    await this.watch?.stop();
  }
}

/**
 * The store-backed `AnswerSource`: published and scheduled versions, falling back to the curated
 * file for an intent never stored. It reloads on the store's change notification (the embedded
 * store notifies synchronously, so an edit is served at once) and polls the version counter every
 * `pollMs` as a safety net. Which version is in force is computed at each call from stored times,
 * so a scheduled version is served from its date even if no job ran.
 */
export async function createVersionedAnswerSource(options: VersionedAnswerSourceOptions): Promise<VersionedAnswerSource> {
  const source = new StoreAnswerSource(options);
  // Watch first, then load: a change made in between is then either loaded or notified.
  source.watch = await watchTopic(options.store, ADMIN_TOPICS.answers, () => source.refresh(), {
    pollMs: Math.min(options.pollMs ?? DEFAULT_POLL_MS, 2000),
    onError: (error) => options.logger?.warn({ err: error }, 'answer source refresh failed'),
  });
  await source.refresh();
  return source;
}
