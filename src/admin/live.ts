import type { Store } from '../store/contract.js';

/** How often instances poll the version counter as a safety net for missed notifications. */
export const DEFAULT_POLL_MS = 1000;

export interface TopicWatch {
  /** The counter value last acted on. */
  readonly seen: number;
  /** Stops the subscription and the polling. */
  stop(): Promise<void>;
}

/**
 * Calls `onChange` whenever the version counter of `topic` moves: on the store's notification and,
 * because notifications can be missed (reconnects), on a poll every `pollMs`. `onChange` runs one
 * at a time; errors go to `onError` and the next tick tries again.
 */
export async function watchTopic(
  store: Store,
  topic: string,
  onChange: (version: number) => Promise<void>,
  options: { pollMs?: number; onError?: (error: unknown) => void } = {},
): Promise<TopicWatch> {
  let seen = await store.getVersion(topic);
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const run = (version: number): void => {
    if (stopped || version === seen) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      try {
        seen = version;
        await onChange(version);
      } catch (error) {
        seen = -1; // retry on the next tick
        options.onError?.(error);
      } finally {
        running = null;
        if (again) {
          again = false;
          void store.getVersion(topic).then(run, options.onError);
        }
      }
    })();
  };

  const unsubscribe = await store.subscribe(topic, run);
  const timer = setInterval(() => {
    store.getVersion(topic).then(run, (error: unknown) => options.onError?.(error));
  }, options.pollMs ?? DEFAULT_POLL_MS);
  timer.unref();
  return {
    get seen() {
      return seen;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unsubscribe();
      await running;
    },
  };
}
