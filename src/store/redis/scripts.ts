import fs from 'node:fs';
import type { RedisClient } from './connection.js';

/**
 * Loads the Lua scripts of `scripts/` (one per atomic operation, bullmq style) into an ioredis
 * client with `defineCommand`, which runs them with EVALSHA and falls back to EVAL after a Redis
 * restart flushed the script cache. A line `--- @include "name"` is replaced by `scripts/includes/name.lua`.
 */

export const SCRIPT_NAMES = [
  'commit',
  'claimOutbox',
  'completeOutbox',
  'retryOutbox',
  'deadLetterOutbox',
  'requeueDead',
  'eraseAudit',
  'pruneDocIndex',
  'hit',
  'acquireLease',
  'bumpVersion',
] as const;

export type ScriptName = (typeof SCRIPT_NAMES)[number];

/** Runs one script: `keys` become KEYS, `args` ARGV. */
export type RunScript = (name: ScriptName, keys: string[], args: (string | number)[]) => Promise<unknown>;

const folder = new URL('./scripts/', import.meta.url);

function readScript(name: string, seen: Set<string> = new Set()): string {
  const text = fs.readFileSync(new URL(`${name}.lua`, folder), 'utf8');
  return text.replace(/^--- @include "([\w-]+)"$/gm, (_line, include: string) => {
    if (seen.has(include)) return '';
    seen.add(include);
    return fs.readFileSync(new URL(`includes/${include}.lua`, folder), 'utf8');
  });
}

/** Source of every script, includes resolved (read once per process). */
let sources: Map<ScriptName, string> | undefined;

function scriptSources(): Map<ScriptName, string> {
  sources ??= new Map(SCRIPT_NAMES.map((name) => [name, readScript(name)]));
  return sources;
}

/**
 * Defines every script on `redis` and returns the function that runs them. On a Cluster each script
 * runs on the master of its keys' slot (one slot per deployment); a master that has not seen it yet,
 * or lost its cache in a restart or failover, answers NOSCRIPT and gets the source.
 */
export function defineScripts(redis: RedisClient): RunScript {
  for (const [name, lua] of scriptSources()) redis.defineCommand(name, { lua });
  // defineCommand adds methods ioredis cannot type; the number of keys is the first argument.
  const commands = redis as unknown as Record<ScriptName, (...args: (string | number)[]) => Promise<unknown>>;
  return (name, keys, args) => commands[name](keys.length, ...keys, ...args);
}
