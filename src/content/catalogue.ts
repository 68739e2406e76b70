import type { z } from 'zod';
import { Locale } from '../model/message.js';
import type { TrainingExample } from '../nlu/types.js';
import { ContentError, ContentErrorCode } from './errors.js';
import { listSubdirectories, listYamlFiles, type RawContentFile, readYamlFile } from './files.js';
import { formatProblem, type Problem } from './problem.js';
import { AnswerFile, IntentFile, UiFile } from './schema.js';

/** Where a loaded item comes from: its file (relative to the content root) and that file's sha256. */
export interface FileOrigin {
  file: string;
  contentHash: string;
}

export type IntentEntry = IntentFile & FileOrigin;
export type AnswerEntry = AnswerFile & FileOrigin;

/** One UI string, with the placeholders it declares. */
export interface UiEntry extends FileOrigin {
  text: string;
  params: string[];
}

export type ContentFileKind = 'intent' | 'answer' | 'ui';

/** The curated content (`intents/`, `messages/`), loaded and schema-checked. */
export interface Catalogue {
  intents: Map<string, IntentEntry>;
  /** French answers (answers are written in French only), by intent id. */
  answers: Map<string, AnswerEntry>;
  /** UI strings by locale, keys unique across a locale's files. */
  ui: Record<Locale, Map<string, UiEntry>>;
  /** Every file read, by relative path: the admin layer imports the changed ones. */
  files: Map<string, FileOrigin & { kind: ContentFileKind }>;
}

/** The reference locale: answers live under `messages/fr/answers/`. */
export const ANSWER_LOCALE: Locale = 'fr';

/** The catalogue as far as it loads, and what stopped some files from loading. */
export interface ContentRead {
  catalogue: Catalogue;
  problems: Problem[];
  /** Ids of intent and answer files that did not load: cross-file checks stay quiet about them. */
  unloadedIds: Set<string>;
}

function idOf(data: unknown): string {
  if (data && typeof data === 'object' && 'id' in data && typeof data.id === 'string') return data.id;
  return '-';
}

function schemaProblems(raw: RawContentFile, id: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return { file: raw.file, id, message: `${where}${issue.message}` };
  });
}

/** Parses one file against a schema, adding problems instead of throwing. */
function parseFile<T>(
  raw: RawContentFile,
  schema: z.ZodType<T>,
  problems: Problem[],
  unloadedIds?: Set<string>,
): T | undefined {
  if (raw.parseError) {
    problems.push({ file: raw.file, id: '-', message: raw.parseError });
    return undefined;
  }
  const parsed = schema.safeParse(raw.data);
  if (!parsed.success) {
    unloadedIds?.add(idOf(raw.data));
    problems.push(...schemaProblems(raw, idOf(raw.data), parsed.error));
    return undefined;
  }
  return parsed.data;
}

function addById<T extends FileOrigin & { id: string }>(
  into: Map<string, T>,
  entry: T,
  problems: Problem[],
): void {
  const existing = into.get(entry.id);
  if (existing) {
    problems.push({ file: entry.file, id: entry.id, message: `id already defined in ${existing.file}` });
    return;
  }
  into.set(entry.id, entry);
}

function readUiFiles(rootDir: string, locale: Locale, catalogue: Catalogue, problems: Problem[]): void {
  for (const file of listYamlFiles(rootDir, `messages/${locale}/ui`)) {
    const raw = readYamlFile(rootDir, file);
    catalogue.files.set(file, { file, contentHash: raw.contentHash, kind: 'ui' });
    const parsed = parseFile(raw, UiFile, problems);
    if (!parsed) continue;
    const entries = catalogue.ui[locale];
    for (const [key, value] of Object.entries(parsed)) {
      const existing = entries.get(key);
      if (existing) {
        problems.push({ file, id: key, message: `UI key already defined in ${existing.file}` });
        continue;
      }
      const message = typeof value === 'string' ? { text: value, params: [] } : value;
      entries.set(key, { ...message, file, contentHash: raw.contentHash });
    }
  }
}

/**
 * Reads the whole content tree under `rootDir`, collecting (not throwing) YAML, schema and
 * duplicate-id problems. The validator adds the cross-file checks on top.
 */
export function readContent(rootDir: string): ContentRead {
  const problems: Problem[] = [];
  const unloadedIds = new Set<string>();
  const catalogue: Catalogue = {
    intents: new Map(),
    answers: new Map(),
    ui: { fr: new Map(), en: new Map() },
    files: new Map(),
  };
  for (const file of listYamlFiles(rootDir, 'intents')) {
    const raw = readYamlFile(rootDir, file);
    catalogue.files.set(file, { file, contentHash: raw.contentHash, kind: 'intent' });
    const intent = parseFile(raw, IntentFile, problems, unloadedIds);
    if (intent) addById(catalogue.intents, { ...intent, file, contentHash: raw.contentHash }, problems);
  }
  for (const file of listYamlFiles(rootDir, `messages/${ANSWER_LOCALE}/answers`)) {
    const raw = readYamlFile(rootDir, file);
    catalogue.files.set(file, { file, contentHash: raw.contentHash, kind: 'answer' });
    const answer = parseFile(raw, AnswerFile, problems, unloadedIds);
    if (answer) addById(catalogue.answers, { ...answer, file, contentHash: raw.contentHash }, problems);
  }
  for (const locale of listSubdirectories(rootDir, 'messages')) {
    const known = Locale.safeParse(locale);
    if (!known.success) {
      problems.push({ file: `messages/${locale}`, id: '-', message: `unknown locale "${locale}"` });
      continue;
    }
    readUiFiles(rootDir, known.data, catalogue, problems);
    if (known.data !== ANSWER_LOCALE) {
      for (const file of listYamlFiles(rootDir, `messages/${known.data}/answers`)) {
        problems.push({ file, id: '-', message: `answers are French only: not read` });
      }
    }
  }
  return { catalogue, problems, unloadedIds };
}

/**
 * Loads the content for serving. Throws a `ContentError` (`content_invalid`) listing every file
 * that does not parse or match its schema; run `relais intents validate` for the full checks.
 */
export function loadCatalogue(rootDir: string): Catalogue {
  const { catalogue, problems } = readContent(rootDir);
  if (problems.length > 0) {
    throw new ContentError(
      ContentErrorCode.InvalidContent,
      `content under ${rootDir} does not load:\n${problems.map(formatProblem).join('\n')}`,
    );
  }
  return catalogue;
}

/** Training examples for the matcher: one per utterance, in file order. */
export function intentExamples(catalogue: Pick<Catalogue, 'intents'>): TrainingExample[] {
  const examples: TrainingExample[] = [];
  for (const intent of catalogue.intents.values()) {
    for (const text of intent.utterances) examples.push({ text, intent: intent.id });
  }
  return examples;
}

/**
 * Loads the intents under `rootDir` and returns their training examples (`{text, intent}`). Only
 * problems in `intents/` stop it: the matcher does not need the answers or the UI strings.
 */
export function loadIntentExamples(rootDir: string): TrainingExample[] {
  const { catalogue, problems } = readContent(rootDir);
  const blocking = problems.filter((problem) => problem.file.startsWith('intents/'));
  if (blocking.length > 0) {
    throw new ContentError(
      ContentErrorCode.InvalidContent,
      `intents under ${rootDir} do not load:\n${blocking.map(formatProblem).join('\n')}`,
    );
  }
  return intentExamples(catalogue);
}
