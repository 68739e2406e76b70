/**
 * Store benchmark: escalation claims per second on each backend (every escalation claimed by 4
 * concurrent contenders through commit-with-expectedVersion, exactly one must win), and plain commit
 * throughput. Writes bench/results/store.md.
 *
 * Usage: node --import tsx bench/store.ts   (uses REDIS_URL if set, else starts a redis-server)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createStore, type Store } from '../src/store/index.js';
import { startRedisServer } from '../tests/support/redis-server.js';

const ESCALATIONS = 3_000;
const CONTENDERS = 4;
/** Escalations being fought over at the same time. */
const PARALLEL_ESCALATIONS = 16;
const COMMITS = 20_000;
const COMMIT_CONCURRENCY = 16;
const SEQUENTIAL_COMMITS = 2_000;

const logger = pino({ level: 'silent' });

interface Figures {
  claimsPerSecond: number;
  commitsPerSecond: number;
  sequentialCommitMs: number;
}

/** Runs `task(0..count-1)` with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function claimOnce(store: Store, id: string, delegate: string): Promise<boolean> {
  const seen = await store.get<{ status: string }>('escalations', id);
  if (!seen) throw new Error(`escalation ${id} missing`);
  if (seen.value.status !== 'open') return false; // someone else already has it (what the service checks)
  const result = await store.commit({
    writes: [{ collection: 'escalations', id, expectedVersion: seen.version, value: { status: 'claimed', owner: delegate } }],
    outbox: [{ id: `${id}:claimed`, orderingKey: `escalation:${id}`, channel: 'slack', payload: { owner: delegate } }],
    audit: [{ at: new Date().toISOString(), actor: delegate, action: 'escalation.claim', subject: `escalation:${id}` }],
  });
  return result.ok;
}

async function measure(instances: Store[]): Promise<Figures> {
  const [first] = instances;
  if (!first) throw new Error('no store');
  await pool(ESCALATIONS, COMMIT_CONCURRENCY, (i) =>
    first.commit({ writes: [{ collection: 'escalations', id: `e${i}`, expectedVersion: 0, value: { status: 'open' } }] }).then(() => {}),
  );

  let started = performance.now();
  await pool(ESCALATIONS, PARALLEL_ESCALATIONS, async (i) => {
    const wins = await Promise.all(
      Array.from({ length: CONTENDERS }, (_, c) => claimOnce(instances[c % instances.length]!, `e${i}`, `slack:U${c}`)),
    );
    if (wins.filter(Boolean).length !== 1) throw new Error(`escalation e${i}: ${wins.filter(Boolean).length} winners`);
  });
  const claimsPerSecond = ESCALATIONS / ((performance.now() - started) / 1000);

  started = performance.now();
  await pool(COMMITS, COMMIT_CONCURRENCY, async (i) => {
    await first.commit({ writes: [{ collection: 'conversations', id: `c${i}`, value: { step: i }, ttlMs: 3_600_000 }] });
  });
  const commitsPerSecond = COMMITS / ((performance.now() - started) / 1000);

  started = performance.now();
  for (let i = 0; i < SEQUENTIAL_COMMITS; i += 1) {
    await first.commit({ writes: [{ collection: 'conversations', id: `s${i}`, value: { step: i } }] });
  }
  const sequentialCommitMs = (performance.now() - started) / SEQUENTIAL_COMMITS;
  return { claimsPerSecond, commitsPerSecond, sequentialCommitMs };
}

/** The disk's write + fdatasync latency, which bounds the embedded store (one per batch). */
function fdatasyncMs(dir: string): number {
  const file = path.join(dir, 'probe');
  const fd = fs.openSync(file, 'a');
  const started = performance.now();
  for (let i = 0; i < 200; i += 1) {
    fs.writeSync(fd, `${'x'.repeat(150)}\n`);
    fs.fdatasyncSync(fd);
  }
  const ms = (performance.now() - started) / 200;
  fs.closeSync(fd);
  fs.rmSync(file);
  return ms;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'relais-bench-'));
  const diskSyncMs = fdatasyncMs(dataDir);
  const embedded = await createStore({ dataDir, logger });
  const embeddedFigures = await measure([embedded]);
  await embedded.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const server = process.env.REDIS_URL ? null : await startRedisServer();
  const redisUrl = process.env.REDIS_URL ?? server!.url;
  const redisPrefix = `bench${Date.now()}`;
  // One connection per contender, as if each were another Relais instance.
  const instances = await Promise.all(
    Array.from({ length: CONTENDERS }, () => createStore({ redisUrl, redisPrefix, dataDir: os.tmpdir(), logger })),
  );
  const redisFigures = await measure(instances);
  await Promise.all(instances.map((store) => store.close()));
  await server?.stop();

  const redisVersion = execFileSync('redis-server', ['--version']).toString().match(/v=(\S+)/)?.[1] ?? '?';
  const row = (name: string, f: Figures): string =>
    `| ${name} | ${f.claimsPerSecond.toFixed(0)} | ${f.commitsPerSecond.toFixed(0)} | ${f.sequentialCommitMs.toFixed(3)} |`;
  const report = [
    '## Store',
    '',
    `Command: \`node --import tsx bench/store.ts\` (${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
      `${os.cpus().length} CPU, redis-server ${redisVersion} on loopback, no persistence; embedded: one fdatasync per batch, ` +
      `this disk's write+fdatasync: ${diskSyncMs.toFixed(3)} ms, measured just before).`,
    '',
    `- Claims: ${ESCALATIONS} open escalations, each claimed by ${CONTENDERS} concurrent contenders (get, then commit with ` +
      `expectedVersion + outbox item + audit entry), ${PARALLEL_ESCALATIONS} escalations at a time; exactly one winner ` +
      `checked for each. Redis contenders use ${CONTENDERS} separate store instances (connections).`,
    `- Commits: ${COMMITS} unconditional single-document commits (with TTL), ${COMMIT_CONCURRENCY} in flight; then ` +
      `${SEQUENTIAL_COMMITS} one after the other (latency).`,
    '',
    '| Backend | Claims/s | Commits/s (16 in flight) | Sequential commit (ms) |',
    '|---|---|---|---|',
    row('embedded', embeddedFigures),
    row('redis', redisFigures),
    '',
    `Ratio embedded/redis: claims ${(embeddedFigures.claimsPerSecond / redisFigures.claimsPerSecond).toFixed(2)}, ` +
      `commits ${(embeddedFigures.commitsPerSecond / redisFigures.commitsPerSecond).toFixed(2)}.`,
    '',
  ].join('\n');
  const results = path.join(import.meta.dirname, 'results');
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, 'store.md'), report);
  process.stdout.write(report);
}

await main();
