import path from 'node:path';
import { type Catalogue, intentExamples, readContent } from '../../src/content/catalogue.js';
import { loadMatcherConfig } from '../../src/nlu/config.js';
import { trainCalibratedMatcher } from '../../src/nlu/evaluate.js';
import type { Matcher, MatchResult } from '../../src/nlu/types.js';

/**
 * The curated content and the real matcher, shared by the end-to-end harnesses (core, web, Slack,
 * Teams): the matcher is inside the machine, so no test replaces it. Both are built once per test
 * module graph and cached.
 */

/** The repository root: the real curated content lives there. */
export const CONTENT_ROOT = path.resolve(import.meta.dirname, '../..');

/** Files these tests rely on; problems elsewhere (another part's UI file) belong to the content tests. */
const RELIED_ON = /^(intents\/|messages\/fr\/answers\/|messages\/(fr|en)\/ui\/(common|conversation)\.yaml)/;

let cachedCatalogue: Catalogue | undefined;
/** The curated catalogue; throws when a file the conversation relies on does not load. */
export function catalogue(): Catalogue {
  if (!cachedCatalogue) {
    const { catalogue: read, problems } = readContent(CONTENT_ROOT);
    const blocking = problems.filter((p) => RELIED_ON.test(p.file));
    if (blocking.length > 0) throw new Error(`content does not load: ${JSON.stringify(blocking)}`);
    cachedCatalogue = read;
  }
  return cachedCatalogue;
}

let cachedMatcher: Matcher | undefined;
/** The real matcher, trained on the curated intents with the shipped thresholds (once per worker). */
export function realMatcher(): Matcher {
  cachedMatcher ??= trainCalibratedMatcher(intentExamples(catalogue()), 'fr', loadMatcherConfig(), {
    useConfiguredThresholds: true,
  });
  return cachedMatcher;
}

/** A question the real matcher finds close to several intents, and the intents it suggests. */
export interface AmbiguousQuestion {
  question: string;
  result: MatchResult;
}

/**
 * The first of `candidates` for which the real matcher decides `suggest` ("Vouliez-vous dire…").
 * Chosen at run time so that a recalibration changes the question, not the test; throws, naming
 * every candidate's decision, when none is ambiguous any more.
 */
export function firstAmbiguous(candidates: readonly string[]): AmbiguousQuestion {
  const tried: string[] = [];
  for (const question of candidates) {
    const result = realMatcher().match(question);
    if (result.decision === 'suggest' && result.chosen.length >= 2) return { question, result };
    tried.push(`"${question}" → ${result.decision} [${result.chosen.join(', ')}]`);
  }
  throw new Error(
    `none of the candidate questions is ambiguous for the real matcher (decision "suggest" with at least two intents); add a genuinely ambiguous phrasing:\n${tried.join('\n')}`,
  );
}
