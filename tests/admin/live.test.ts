import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerEditor } from '../../src/admin/answer-editor.js';
import { AnswerRepository } from '../../src/admin/answer-repo.js';
import { importCuratedAnswers } from '../../src/admin/file-import.js';
import { systemClock } from '../../src/clock.js';
import type { Store } from '../../src/store/index.js';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createStore } from '../../src/store/index.js';
import { repoCatalogue, repoRoot, silentLogger } from './support.js';

const INTENT = 'tlc_tarifs';

/** Starts the second instance and yields each text it serves, with the time it began serving it. */
function startInstance(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'processes/serve-answer.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<{ text?: string; at: number }> = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line));
    for (const w of waiters.splice(0)) w();
  });
  const next = (predicate: (l: { text?: string; at: number }) => boolean, timeoutMs: number) =>
    new Promise<{ text?: string; at: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('second instance did not serve it in time')), timeoutMs);
      const check = () => {
        const found = lines.find(predicate);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else waiters.push(check);
      };
      check();
    });
  return { child, next };
}

describe('live everywhere (two processes on one Redis)', () => {
  const children: ChildProcess[] = [];
  const stores: Store[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGTERM');
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });

  // The second process starts under tsx and loads the whole content (up to 15 s on a loaded
  // machine), then has 5 s to serve the edit: more than the default test limit.
  it('an answer published on one process is served by the other within 5 s', { timeout: 45_000 }, async () => {
    const redisUrl = inject('redisUrl');
    const redisPrefix = `live${randomUUID().slice(0, 8)}`;
    const store = await createStore({ redisUrl, redisPrefix, dataDir: '/tmp', logger: silentLogger });
    stores.push(store);
    const catalogue = repoCatalogue();
    const repo = new AnswerRepository(store);
    const editor = new AnswerEditor({ repo, clock: systemClock, knownIntent: (id) => catalogue.intents.has(id) });
    await importCuratedAnswers(catalogue, { repo, editor, clock: systemClock });

    const second = startInstance({ REDIS_URL: redisUrl, REDIS_PREFIX: redisPrefix, INTENT, CONTENT_DIR: repoRoot });
    children.push(second.child);
    const original = catalogue.answers.get(INTENT)!.text;
    await second.next((l) => l.text === original, 15_000);

    const { id: _i, file: _f, contentHash: _h, ...content } = catalogue.answers.get(INTENT)!;
    const newText = `Texte publié sur l'instance A (${randomUUID().slice(0, 6)}).`;
    const publishedAt = Date.now();
    await editor.publishContent('web:admin', INTENT, { ...content, text: newText });
    const served = await second.next((l) => l.text === newText, 5000);
    expect(served.at - publishedAt).toBeLessThan(5000);
  });
});
