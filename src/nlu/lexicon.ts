import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Language } from './language.js';
import { normalizeText } from './normalize.js';

/**
 * The domain lexicon (`lexicon/<lang>.yaml`): abbreviations, spelling variants, SMS forms and
 * number words mapped to canonical terms, so that "TLC", "téléconsult" and "visio" reach the same
 * features as "téléconsultation". It is data, maintained without touching code.
 */

export const LexiconFile = z
  .object({
    expand: z.record(z.string(), z.string()).default({}),
    replace: z.record(z.string(), z.string()).default({}),
    outOfScope: z.array(z.string()).default([]),
  })
  .strict();
export type LexiconFile = z.infer<typeof LexiconFile>;

interface Entry {
  /** Normalised tokens of the key. */
  key: string[];
  /** Tokens emitted in place of the key. */
  output: string[];
}

/** A compiled lexicon: rewrites normalised token lists. */
export interface Lexicon {
  /** The data it was compiled from (to rebuild it on another thread). */
  file: LexiconFile;
  apply(tokens: readonly string[]): string[];
  /** Phrases about topics Relais does not cover, learned as one internal out-of-scope class. */
  outOfScope: readonly string[];
}

/** Compiles a lexicon file: keys are normalised like questions, longest keys win. */
export function compileLexicon(file: LexiconFile, language: Language): Lexicon {
  const byFirstToken = new Map<string, Entry[]>();
  const add = (rawKey: string, rawValue: string, keep: boolean): void => {
    const key = normalizeText(rawKey, language);
    const value = normalizeText(rawValue, language);
    const first = key[0];
    if (first === undefined) return;
    const entries = byFirstToken.get(first) ?? [];
    entries.push({ key, output: keep ? [...key, ...value] : value });
    byFirstToken.set(first, entries);
  };
  for (const [key, value] of Object.entries(file.replace)) add(key, value, false);
  for (const [key, value] of Object.entries(file.expand)) add(key, value, true);
  for (const entries of byFirstToken.values()) entries.sort((a, b) => b.key.length - a.key.length);

  return {
    file,
    outOfScope: file.outOfScope,
    apply(tokens) {
      const out: string[] = [];
      let i = 0;
      while (i < tokens.length) {
        const token = tokens[i]!;
        const match = byFirstToken
          .get(token)
          ?.find((entry) => entry.key.every((keyToken, k) => tokens[i + k] === keyToken));
        if (match) {
          out.push(...match.output);
          i += match.key.length;
        } else {
          out.push(token);
          i += 1;
        }
      }
      return out;
    },
  };
}

/** An empty lexicon (benchmarks can run without one). */
export const EMPTY_LEXICON: Lexicon = {
  file: { expand: {}, replace: {}, outOfScope: [] },
  apply: (tokens) => [...tokens],
  outOfScope: [],
};

/** Path of the lexicon shipped with Relais for a language. */
export function defaultLexiconPath(language: Language): string {
  return fileURLToPath(new URL(`../../lexicon/${language}.yaml`, import.meta.url));
}

/** Reads and compiles `lexicon/<language>.yaml` (or the given file). */
export function loadLexicon(language: Language, path = defaultLexiconPath(language)): Lexicon {
  return compileLexicon(LexiconFile.parse(parse(readFileSync(path, 'utf8'))), language);
}
