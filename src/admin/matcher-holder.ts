import type { Catalogue } from '../content/catalogue.js';
import type { Logger } from '../observability.js';
import type { Matcher, MatchResult, TrainingExample } from '../nlu/types.js';
import type { Store } from '../store/contract.js';
import { DEFAULT_POLL_MS, type TopicWatch, watchTopic } from './live.js';
import { ADMIN_TOPICS } from './model.js';
import { overlayExamples, UtteranceOverlays } from './utterances.js';

/**
 * Builds a matcher from training examples. Use `workerTrainer(RELAIS_TRAINER)` (nlu/worker-matcher.ts):
 * training takes seconds of CPU, which must not run on the thread that answers.
 */
export type TrainMatcher = (examples: TrainingExample[]) => Matcher | Promise<Matcher>;

/**
 * The matcher in use, swapped after a background retrain when utterances change at runtime. It is
 * itself a `Matcher` (it delegates to the current one), so the core can take it as its matcher:
 * answers never wait for a training; they use the previous matcher until the new one is built.
 */
export interface MatcherHolder extends Matcher {
  current(): Matcher;
  /** Resolves when the retrain asked so far has been swapped in (tests, start-up). */
  settled(): Promise<void>;
  /** Counts swaps since start (1 = the initial training). */
  readonly generation: number;
  stop(): Promise<void>;
}

export interface MatcherHolderOptions {
  store: Store;
  intents: Catalogue['intents'];
  train: TrainMatcher;
  logger?: Pick<Logger, 'info' | 'warn'>;
  pollMs?: number;
}

class RetrainingMatcher implements MatcherHolder {
  generation = 0;
  private matcher: Matcher | null = null;
  private training: Promise<void> = Promise.resolve();
  watch: TopicWatch | null = null;
  private readonly overlays: UtteranceOverlays;

  constructor(private readonly options: MatcherHolderOptions) {
    this.overlays = new UtteranceOverlays(options.store, options.intents, { now: () => new Date(0) });
  }

  current(): Matcher {
    if (!this.matcher) throw new Error('matcher not trained yet: await createMatcherHolder()');
    return this.matcher;
  }

  match(text: string): MatchResult {
    return this.current().match(text);
  }

  /** Retrains from the files plus the stored overlays, then swaps; retrains are serialised. */
  retrain(): Promise<void> {
    const run = async () => {
      const started = Date.now();
      const examples = overlayExamples(this.options.intents, await this.overlays.all());
      const next = await this.options.train(examples);
      const previous = this.matcher;
      this.matcher = next;
      this.generation++;
      // A worker-backed matcher holds a thread: stop it once nothing can call it any more.
      await (previous as { dispose?: () => Promise<void> } | null)?.dispose?.();
      this.options.logger?.info({ examples: examples.length, ms: Date.now() - started, generation: this.generation }, 'matcher retrained');
    };
    this.training = this.training.catch(() => undefined).then(run);
    return this.training;
  }

  settled(): Promise<void> {
    return this.training.catch(() => undefined);
  }

  async stop(): Promise<void> {
    await this.watch?.stop();
    await this.settled();
    await (this.matcher as { dispose?: () => Promise<void> } | null)?.dispose?.();
  }
}

/**
 * Trains the matcher on the curated utterances plus the runtime overlays, and retrains in the
 * background whenever the `utterances` topic moves (notification, or a poll of its counter).
 */
export async function createMatcherHolder(options: MatcherHolderOptions): Promise<MatcherHolder> {
  const holder = new RetrainingMatcher(options);
  holder.watch = await watchTopic(options.store, ADMIN_TOPICS.utterances, () => holder.retrain(), {
    pollMs: Math.min(options.pollMs ?? DEFAULT_POLL_MS, 2000),
    onError: (error) => options.logger?.warn({ err: error }, 'matcher retrain failed'),
  });
  await holder.retrain();
  return holder;
}
