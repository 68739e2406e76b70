import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { inject } from 'vitest';
import { randomUUID } from 'node:crypto';
import { type Catalogue, readContent } from '../../src/content/catalogue.js';
import { UiMessages } from '../../src/content/messages.js';
import { parseEscalationConfig } from '../../src/escalation/config.js';
import { createStore, type Store } from '../../src/store/index.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const silentLogger = pino({ level: 'silent' });

let cached: Catalogue | undefined;
/** The real intent base of the repository (as far as it loads: other work may be in progress). */
export function repoCatalogue(): Catalogue {
  cached ??= readContent(repoRoot).catalogue;
  return cached;
}

export function repoMessages(): UiMessages {
  return new UiMessages(repoCatalogue().ui);
}

export function tempDir(prefix = 'relais-admin-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A fresh embedded store in a temp folder. */
export async function embeddedStore(dataDir = tempDir()): Promise<Store> {
  return createStore({ dataDir, logger: silentLogger });
}

/** A handle factory on one fresh Redis key space: each call is another "instance". */
export function redisDeployment(): () => Promise<Store> {
  const redisUrl = inject('redisUrl');
  const redisPrefix = `adm${randomUUID().slice(0, 8)}`;
  return () => createStore({ redisUrl, redisPrefix, dataDir: os.tmpdir(), logger: silentLogger });
}

/**
 * Copies the repository's intents and answers (plus the admin UI strings) into a temp folder tests
 * may modify. Other UI files are left out: they belong to work that may be in progress.
 */
export function copyContent(): string {
  const dir = tempDir('relais-content-');
  for (const sub of ['intents', 'messages/fr/answers', 'messages/fr/ui/admin.yaml', 'messages/en/ui/admin.yaml']) {
    fs.cpSync(path.join(repoRoot, sub), path.join(dir, sub), { recursive: true });
  }
  return dir;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` returns true (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000, stepMs = 50): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await check()) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/** A minimal valid escalation configuration with one admin (`web:admin`). */
export function escalationConfig(extra: Record<string, unknown> = {}) {
  return parseEscalationConfig({
    defaultQueue: 'cis',
    queues: [{ id: 'cis', name: 'CIS', kind: 'team', members: ['web:karim'] }],
    admins: ['web:admin'],
    ...extra,
  });
}
