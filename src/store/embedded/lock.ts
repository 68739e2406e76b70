import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pino from 'pino';
import { StoreUnavailableError } from '../contract.js';

/**
 * One process owns a data folder. The owner writes `LOCK` (its pid and host) with O_EXCL; a second
 * process finds it and refuses to start while that pid is alive. A lock left by a dead process
 * (crash, kill -9) is taken over with a warning.
 */

const LOCK = 'LOCK';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' ? { pid: owner.pid, host: owner.host ?? '', since: owner.since ?? '' } : null;
  } catch {
    return null; // unreadable or half-written: nobody can prove ownership
  }
}

/** Takes the folder's lock for this process; returns the function that releases it. */
export function lockDataDir(dir: string, logger: pino.Logger): () => void {
  const file = path.join(dir, LOCK);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = fs.openSync(file, 'wx');
      try {
        fs.writeSync(fd, JSON.stringify(me));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      return () => {
        if (readOwner(file)?.pid === me.pid) fs.rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readOwner(file);
    if (owner && owner.host !== me.host) {
      throw new StoreUnavailableError(
        `data folder ${dir} is locked by process ${owner.pid} on host ${owner.host}; ` +
          `if that host no longer runs Relais, delete ${file}`,
      );
    }
    if (owner && isAlive(owner.pid)) {
      throw new StoreUnavailableError(
        `data folder ${dir} is in use by process ${owner.pid} (since ${owner.since}); ` +
          'stop it, or give this instance another data folder (or REDIS_URL to share a store)',
      );
    }
    logger.warn({ dir, stalePid: owner?.pid }, 'embedded store: taking over the lock of a process that is gone');
    fs.rmSync(file, { force: true });
  }
  throw new StoreUnavailableError(`data folder ${dir}: another process took the lock while this one was starting`);
}
