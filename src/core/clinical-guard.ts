import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * The clinical / patient-specific guard and the text commands, both defined in data
 * (`messages/<locale>/guards.yaml`): Relais is not a medical or individual-file service, so a
 * question asking for a diagnosis, a dose, a treatment choice or a named patient's file is refused
 * before the matcher sees it. The eval CLI counts these refusals as `fallback`.
 */

const Category = z
  .object({
    /** The refusal may offer a delegate when the question is also administrative. */
    administrative: z.boolean().default(false),
    patterns: z.array(z.string().min(1)).default([]),
    casedPatterns: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const GuardsFile = z
  .object({
    clinical: z.record(z.string().regex(/^[a-z_]+$/), Category),
    commands: z
      .object({
        erase_my_data: z.array(z.string().min(1)).default([]),
        cancel_my_request: z.array(z.string().min(1)).default([]),
        /** A typed « oui » / « non » to a pending « D'accord ? » (the buttons may be gone). */
        confirm_yes: z.array(z.string().min(1)).default([]),
        confirm_no: z.array(z.string().min(1)).default([]),
      })
      .strict()
      .default({ erase_my_data: [], cancel_my_request: [], confirm_yes: [], confirm_no: [] }),
    /**
     * Topics Relais does not cover but can point to (URSSAF, pension funds…): patterns on the
     * normalised question; a fallback names where to go with the UI string
     * `conversation.elsewhere.<topic>`.
     */
    elsewhere: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(1))).default({}),
  })
  .strict();
export type GuardsFile = z.infer<typeof GuardsFile>;

export type CommandId = 'erase_my_data' | 'cancel_my_request' | 'confirm_yes' | 'confirm_no';

/** Why a question is refused: the guard category that matched. */
export interface ClinicalVerdict {
  category: string;
  /** The category allows a delegate offer for administrative questions. */
  administrative: boolean;
}

export interface ClinicalGuard {
  /** True when the question must be refused (clinical or a named patient's file). */
  refuses(text: string): boolean;
  /** The matching category, or null. */
  check(text: string): ClinicalVerdict | null;
  /** A text command (e.g. "supprimer mes données"), or null. */
  command(text: string): CommandId | null;
  /** The `elsewhere` topics the question names, in file order (none: an empty list). */
  elsewhere(text: string): string[];
}

/** Raised when a guards file is missing, does not parse, or holds an invalid pattern. */
export class GuardsFileError extends Error {
  readonly code = 'GUARDS_INVALID';
}

/**
 * The form the `patterns` are written against: lower case, no accents, digits split from letters,
 * every apostrophe and punctuation mark a single space.
 */
export function normaliseForGuard(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .toLowerCase()
    .replace(/(\d)(\p{L})/gu, '$1 $2')
    .replace(/(\p{L})(\d)/gu, '$1 $2')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface CompiledCategory extends ClinicalVerdict {
  normalised: RegExp[];
  cased: RegExp[];
}

function compile(source: string, where: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GuardsFileError(`${where}: invalid pattern ${JSON.stringify(source)} (${reason})`);
  }
}

/** Builds a guard from parsed guards files (one per locale); a question is checked against all. */
export function buildClinicalGuard(files: { name: string; content: GuardsFile }[]): ClinicalGuard {
  const categories: CompiledCategory[] = [];
  const commands: { id: CommandId; pattern: RegExp }[] = [];
  const elsewhere: { topic: string; pattern: RegExp }[] = [];
  for (const { name, content } of files) {
    for (const [topic, patterns] of Object.entries(content.elsewhere)) {
      for (const p of patterns) elsewhere.push({ topic, pattern: compile(p, `${name} elsewhere.${topic}`, 'u') });
    }
    for (const [category, spec] of Object.entries(content.clinical)) {
      categories.push({
        category,
        administrative: spec.administrative,
        normalised: spec.patterns.map((p) => compile(p, `${name} clinical.${category}`, 'u')),
        cased: spec.casedPatterns.map((p) => compile(p, `${name} clinical.${category}`, 'u')),
      });
    }
    for (const [id, patterns] of Object.entries(content.commands)) {
      for (const p of patterns) {
        commands.push({ id: id as CommandId, pattern: compile(p, `${name} commands.${id}`, 'u') });
      }
    }
  }

  function check(text: string): ClinicalVerdict | null {
    const normalised = normaliseForGuard(text);
    for (const c of categories) {
      if (c.normalised.some((r) => r.test(normalised)) || c.cased.some((r) => r.test(text))) {
        return { category: c.category, administrative: c.administrative };
      }
    }
    return null;
  }

  return {
    check,
    refuses: (text) => check(text) !== null,
    command(text) {
      const normalised = normaliseForGuard(text);
      return commands.find((c) => c.pattern.test(normalised))?.id ?? null;
    },
    elsewhere(text) {
      const normalised = normaliseForGuard(text);
      return [...new Set(elsewhere.filter((e) => e.pattern.test(normalised)).map((e) => e.topic))];
    },
  };
}

/** Reads and validates `messages/<locale>/guards.yaml`. */
export function readGuardsFile(rootDir: string, locale: string): GuardsFile {
  const file = path.join(rootDir, 'messages', locale, 'guards.yaml');
  if (!existsSync(file)) throw new GuardsFileError(`${file}: missing`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new GuardsFileError(
      `${file}: YAML does not parse (${error instanceof Error ? error.message : error})`,
    );
  }
  const parsed = GuardsFile.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new GuardsFileError(`${file}: ${issues}`);
  }
  return parsed.data;
}

/**
 * The guard of a content root: `messages/<locale>/guards.yaml` for each locale (French and English
 * by default; a missing English file is tolerated, a missing French one is not).
 */
export function createClinicalGuard(
  rootDir: string,
  locales: readonly string[] = ['fr', 'en'],
): ClinicalGuard {
  const files = locales
    .filter(
      (locale, index) => index === 0 || existsSync(path.join(rootDir, 'messages', locale, 'guards.yaml')),
    )
    .map((locale) => ({ name: `messages/${locale}/guards.yaml`, content: readGuardsFile(rootDir, locale) }));
  return buildClinicalGuard(files);
}
