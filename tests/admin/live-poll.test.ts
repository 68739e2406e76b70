import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchTopic } from '../../src/admin/live.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore } from './support.js';

describe('watchTopic', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sees a change through the version counter when the notification is lost', async () => {
    const store = await embeddedStore();
    // A store whose notifications never arrive (a reconnecting Redis subscriber).
    const deaf: Store = Object.assign(Object.create(store) as Store, { subscribe: async () => async () => undefined });
    // Only the poll's interval is simulated (the store keeps real timers): the poll period is
    // checked exactly, however busy the machine.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const seen: number[] = [];
    const watch = await watchTopic(deaf, 'answers', async (v) => void seen.push(v), { pollMs: 200 });
    await store.bumpVersion('answers');
    await vi.advanceTimersByTimeAsync(199);
    expect(seen).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // the first poll: at pollMs, not the 1 s default
    vi.useRealTimers(); // (expect.poll would move the simulated time on) no further poll from here
    await expect.poll(() => seen).toEqual([1]);
    await watch.stop();
    await store.close();
  });
});
