import { describe, expect, it } from 'vitest';
import { watchTopic } from '../../src/admin/live.js';
import type { Store } from '../../src/store/index.js';
import { embeddedStore, eventually } from './support.js';

describe('watchTopic', () => {
  it('sees a change through the version counter when the notification is lost', async () => {
    const store = await embeddedStore();
    // A store whose notifications never arrive (a reconnecting Redis subscriber).
    const deaf: Store = Object.assign(Object.create(store) as Store, { subscribe: async () => async () => undefined });
    const seen: number[] = [];
    const watch = await watchTopic(deaf, 'answers', async (v) => void seen.push(v), { pollMs: 200 });
    await store.bumpVersion('answers');
    const waited = await eventually(() => seen.length === 1, 2000, 20);
    expect(waited).toBeLessThan(1000);
    await watch.stop();
    await store.close();
  });
});
