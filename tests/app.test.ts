import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createRelais, type Relais } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/observability.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

async function chat(base: string, id: string, text: string) {
  const res = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, text }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { replies: Array<{ kind: string; intentId?: string; text: string; sources?: unknown[] }> };
}

describe.each([
  ['embedded store', () => ({})],
  ['Redis store', () => ({ REDIS_URL: inject('redisUrl'), REDIS_PREFIX: `app${Date.now()}` })],
])('the composed app on the %s', (_name, extraEnv) => {
  let relais: Relais;
  let base: string;
  let dataDir: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'relais-app-'));
    const config = loadConfig({ PORT: '0', RELAIS_DATA_DIR: dataDir, RELAIS_CONTENT_DIR: REPO_ROOT, ...extraEnv() });
    relais = await createRelais(config, {
      logger: createLogger('info', { write: (line: string) => void logLines.push(line) }),
    });
    base = (await relais.start()).url;
  }, 120_000); // training the matcher takes 20-30 s on a loaded 2-core machine

  afterAll(async () => {
    await relais?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health, readiness and Prometheus metrics', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { store: string }).store).toBe(relais.store.kind);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('relais_process_cpu');
  });

  it('answers a question with its source and falls back on an out-of-scope one', async () => {
    const answered = await chat(base, 'q1', "combien de jours d'arrêt je peux mettre en téléconsultation ?");
    const answer = answered.replies.find((r) => r.kind === 'answer');
    expect(answer?.intentId).toBe('at_teleconsultation_limite_3j');
    expect(answer?.text).toMatch(/3 jours/);
    expect(answer?.sources?.length).toBeGreaterThan(0);

    const fallback = await chat(base, 'q2', 'quand est-ce que je pars à la retraite ?');
    expect(fallback.replies.map((r) => r.kind)).toContain('fallback');
  });

  it('never logs what the professional wrote at info level', async () => {
    await chat(base, 'q3', 'tarif de la téléexpertise TE2 pour le médecin requis');
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toMatch(/téléexpertise TE2 pour le médecin/);
  });

  it('serves the three console views to a loopback caller', async () => {
    for (const page of ['/', '/delegate', '/admin']) {
      const res = await fetch(`${base}${page}`);
      expect(res.status, page).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
    }
  });
});

describe('the npm start command', () => {
  let child: ChildProcess | undefined;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'relais-start-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Starting means tsx compiling the app, loading the content and training the matcher: seconds on
  // an idle machine, over 10 s on a 2-core one shared with other test files (a CI run failed so).
  it('serves /healthz within 45 s with no configuration, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), RELAIS_DATA_DIR: dataDir };
    const started = Date.now();
    // The exact command of `npm start` (package.json), without npm in between so the signal reaches it.
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const [command, ...args] = pkg.scripts.start.split(' ');
    child = spawn(command!, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    let healthy = false;
    while (Date.now() - started < 45_000 && !healthy) {
      healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 200));
    }
    expect(healthy, output).toBe(true);

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The embedded store flushed and released its folder: a second start may take it.
    expect(readdirSync(dataDir)).not.toContain('LOCK');
    expect(readFileSync(path.join(dataDir, 'snapshot.json'), 'utf8').length).toBeGreaterThan(2);
  }, 75_000);
});
