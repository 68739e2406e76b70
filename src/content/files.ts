import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/** A YAML file of the content tree, read once: its parsed value, or why it does not parse. */
export interface RawContentFile {
  /** Path relative to the content root, with `/` separators. */
  file: string;
  /** sha256 (hex) of the file's bytes: the admin layer imports changed files as new versions. */
  contentHash: string;
  data?: unknown;
  parseError?: string;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

/** Every YAML file under `dir` (recursively), as paths relative to `rootDir`, in a stable order. */
export function listYamlFiles(rootDir: string, dir: string): string[] {
  const absolute = path.join(rootDir, dir);
  if (!existsSync(absolute) || !statSync(absolute).isDirectory()) return [];
  const found: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...listYamlFiles(rootDir, relative));
    else if (entry.isFile() && YAML_EXTENSIONS.has(path.extname(entry.name))) found.push(relative);
  }
  return found.sort();
}

/** The names of the sub-directories of `dir` (relative to `rootDir`), sorted. */
export function listSubdirectories(rootDir: string, dir: string): string[] {
  const absolute = path.join(rootDir, dir);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** sha256 (hex) of some bytes. */
export function sha256(bytes: string | Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads and parses one YAML file; a syntax error is returned, not thrown. */
export function readYamlFile(rootDir: string, file: string): RawContentFile {
  const bytes = readFileSync(path.join(rootDir, file));
  const contentHash = sha256(bytes);
  try {
    return { file, contentHash, data: parseYaml(bytes.toString('utf8')) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { file, contentHash, parseError: `YAML does not parse: ${reason}` };
  }
}
