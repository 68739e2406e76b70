import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from './helpers.js';

const script = path.join(repoRoot, 'tests/escalation/fixtures/instance.ts');

/** Runs one instance process; resolves with its parsed JSON output and exit signal. */
export function runInstance(
  args: Record<string, unknown>,
): Promise<{ output: unknown; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(args)], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0 && signal === null) {
        reject(new Error(`instance exited with ${code}: ${stderr}`));
        return;
      }
      const line = stdout.trim().split('\n').at(-1);
      resolve({ output: line ? JSON.parse(line) : null, signal, stderr });
    });
  });
}
