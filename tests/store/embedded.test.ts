import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embedded/embedded-store.js';
import { createStore, type Store, StoreUnavailableError } from '../../src/store/index.js';
import { silentLogger, sleep, tempDir } from './backends.js';

const fixture = path.join(import.meta.dirname, 'fixtures', 'embedded-owner.ts');
const open = (dataDir: string): Promise<Store> => createStore({ dataDir, logger: silentLogger });

/** Starts the child owner and resolves once it printed `committed` (everything acknowledged). */
function startOwner(dataDir: string, count: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, dataDir, String(count)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('committed')) resolve(child);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('exit', (code) => reject(new Error(`owner exited (${code}) before committing:\n${output}`)));
  });
}

const killed = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });

describe('embedded store on disk', () => {
  const toClose: Store[] = [];
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) await killed(child);
    await Promise.all(toClose.splice(0).map((store) => store.close()));
  });

  it('keeps every acknowledged write after kill -9, and refuses a second owner while the first lives', async () => {
    const dir = tempDir();
    const owner = await startOwner(dir, 20);
    children.push(owner);

    const refused = open(dir);
    await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(refused).rejects.toThrow(new RegExp(`${dir}.*process ${owner.pid}`));

    await killed(owner);
    const store = await open(dir); // the dead owner's lock is taken over
    toClose.push(store);
    const docs = await store.list<{ n: number }>('escalations');
    expect(docs.map((doc) => doc.value.n).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await store.listOutbox()).toHaveLength(20);
    expect(await store.listAudit()).toHaveLength(20);
    expect(await store.getVersion('content')).toBe(1);
    expect(await store.acquireLease('job:daily-digest', 'parent', 1_000)).toBe(false);
    expect(await store.once('slack:event:Ev1', 1_000)).toBe(false);
  });

  it('refuses a second store on the same folder in the same process', async () => {
    const dir = tempDir();
    toClose.push(await open(dir));
    await expect(open(dir)).rejects.toThrow(`process ${process.pid}`);
  });

  it('restores state after a clean restart, without what expired meanwhile', async () => {
    const dir = tempDir();
    const first = await open(dir);
    await first.commit({
      writes: [
        { collection: 'conversations', id: 'c1', value: { step: 'asked' }, ttlMs: 100 },
        { collection: 'escalations', id: 'e1', value: { status: 'claimed' } },
      ],
      outbox: [{ id: 'n1', orderingKey: 'escalation:e1', channel: 'teams', payload: { card: 1 } }],
    });
    await first.claimOutbox({ limit: 1, leaseMs: 60_000, worker: 'w1' });
    await first.hit('rate:slack:U1', 60_000);
    await first.close();
    await sleep(200);

    const second = await open(dir);
    toClose.push(second);
    expect(await second.get('conversations', 'c1')).toBeNull();
    expect(await second.get('escalations', 'e1')).toMatchObject({ version: 1, value: { status: 'claimed' } });
    expect(await second.claimOutbox({ limit: 1, leaseMs: 1_000, worker: 'w2' })).toEqual([]); // still leased to w1
    expect(await second.listOutbox()).toMatchObject([{ id: 'n1', attempts: 1 }]);
    expect(await second.hit('rate:slack:U1', 60_000)).toBe(2);
  });

  it('compacts the journal into a snapshot, purging expired documents', async () => {
    const dir = tempDir();
    const store = EmbeddedStore.open({ dataDir: dir, logger: silentLogger, compactAfterBytes: 4_096 });
    await store.commit({ writes: [{ collection: 'conversations', id: 'gone', value: {}, ttlMs: 50 }] });
    await sleep(100);
    for (let i = 0; i < 200; i += 1) {
      await store.commit({ writes: [{ collection: 'escalations', id: `e${i}`, value: { n: i } }] });
    }
    expect(fs.statSync(path.join(dir, 'journal.ndjson')).size).toBeLessThan(4_096);
    expect(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')).not.toContain('"gone"');
    await store.close();
    const reopened = await open(dir);
    toClose.push(reopened);
    expect(await reopened.list('escalations')).toHaveLength(200);
  });

  it('drops a torn last journal line but refuses a corrupted one in the middle', async () => {
    const dir = tempDir();
    const journal = path.join(dir, 'journal.ndjson');
    const store = await open(dir);
    await store.commit({ writes: [{ collection: 'escalations', id: 'e1', value: { n: 1 } }] });
    await store.close();

    fs.appendFileSync(journal, '{"n":99,"op":"commit","docs":[{"coll');
    const afterTear = await open(dir);
    expect(await afterTear.get('escalations', 'e1')).toMatchObject({ value: { n: 1 } });
    await afterTear.commit({ writes: [{ collection: 'escalations', id: 'e2', value: { n: 2 } }] });
    await afterTear.close();

    fs.appendFileSync(journal, 'not json\n{"n":1000,"op":"version","topic":"content","version":1}\n');
    await expect(open(dir)).rejects.toThrow(`${journal} is corrupted at line 1`);
  });
});
