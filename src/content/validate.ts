import {
  ANSWER_LOCALE,
  type AnswerEntry,
  type Catalogue,
  type IntentEntry,
  readContent,
} from './catalogue.js';
import { normaliseUtterance } from './normalise.js';
import type { Problem } from './problem.js';
import { validateUi } from './validate-ui.js';

export type { Problem } from './problem.js';

/** `intents/<topic>/<id>.yaml` (or `.yml`) without the extension. */
function withoutExtension(file: string): string {
  return file.replace(/\.ya?ml$/, '');
}

function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Every intent has an answer and every answer an intent. */
function pairingProblems(catalogue: Catalogue, unloadedIds: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  for (const intent of catalogue.intents.values()) {
    if (!catalogue.answers.has(intent.id) && !unloadedIds.has(intent.id)) {
      problems.push({ file: intent.file, id: intent.id, message: 'no answer file (unused intent)' });
    }
  }
  for (const answer of catalogue.answers.values()) {
    if (!catalogue.intents.has(answer.id) && !unloadedIds.has(answer.id)) {
      problems.push({ file: answer.file, id: answer.id, message: 'answer for an unknown intent id' });
    }
  }
  return problems;
}

/** Files sit at `intents/<topic>/<id>.yaml` and `messages/fr/answers/<topic>/<id>.yaml`. */
function pathProblems(catalogue: Catalogue): Problem[] {
  const problems: Problem[] = [];
  for (const intent of catalogue.intents.values()) {
    const expected = `intents/${intent.topic}/${intent.id}`;
    if (withoutExtension(intent.file) !== expected) {
      problems.push({ file: intent.file, id: intent.id, message: `file should be ${expected}.yaml` });
    }
  }
  for (const answer of catalogue.answers.values()) {
    const topic = catalogue.intents.get(answer.id)?.topic;
    const expected = `messages/${ANSWER_LOCALE}/answers/${topic ?? '<topic>'}/${answer.id}`;
    const actual = withoutExtension(answer.file);
    const matches = topic ? actual === expected : actual.endsWith(`/${answer.id}`);
    if (!matches)
      problems.push({ file: answer.file, id: answer.id, message: `file should be ${expected}.yaml` });
  }
  return problems;
}

/** No utterance twice in an intent, none under two intents (compared normalised). */
function utteranceProblems(intents: Iterable<IntentEntry>): Problem[] {
  const problems: Problem[] = [];
  const owner = new Map<string, IntentEntry>();
  for (const intent of intents) {
    const seen = new Set<string>();
    for (const utterance of intent.utterances) {
      const key = normaliseUtterance(utterance);
      if (seen.has(key)) {
        problems.push({ file: intent.file, id: intent.id, message: `duplicate utterance "${utterance}"` });
        continue;
      }
      seen.add(key);
      const other = owner.get(key);
      if (other) {
        problems.push({
          file: intent.file,
          id: intent.id,
          message: `utterance "${utterance}" is also under ${other.id} (${other.file})`,
        });
      } else {
        owner.set(key, intent);
      }
    }
  }
  return problems;
}

/** Related intents exist, differ from the intent, and are listed once. */
function relatedProblems(catalogue: Catalogue): Problem[] {
  const problems: Problem[] = [];
  for (const intent of catalogue.intents.values()) {
    const seen = new Set<string>();
    for (const related of intent.related) {
      const at = { file: intent.file, id: intent.id };
      if (related === intent.id) problems.push({ ...at, message: 'related intent points to itself' });
      else if (!catalogue.intents.has(related)) {
        problems.push({ ...at, message: `related intent "${related}" does not exist` });
      } else if (seen.has(related))
        problems.push({ ...at, message: `related intent "${related}" listed twice` });
      seen.add(related);
    }
  }
  return problems;
}

/** Sources and dates of one answer. */
function answerProblems(answer: AnswerEntry): Problem[] {
  const problems: Problem[] = [];
  const at = { file: answer.file, id: answer.id };
  if (answer.kind === 'regulatory' && answer.sources.length === 0) {
    problems.push({ ...at, message: 'regulatory answer without a source' });
  }
  const days: [string, string | undefined][] = [
    ['validFrom', answer.validFrom],
    ['validUntil', answer.validUntil],
    ['reviewBy', answer.reviewBy],
    ...answer.sources.map((source, i): [string, string] => [`sources.${i}.checked`, source.checked]),
  ];
  for (const [field, day] of days) {
    if (day !== undefined && !isCalendarDay(day))
      problems.push({ ...at, message: `${field}: ${day} is not a real day` });
  }
  if (answer.validUntil !== undefined && answer.validUntil < answer.validFrom) {
    problems.push({
      ...at,
      message: `validUntil ${answer.validUntil} is before validFrom ${answer.validFrom}`,
    });
  }
  if (answer.reviewBy < answer.validFrom) {
    problems.push({ ...at, message: `reviewBy ${answer.reviewBy} is before validFrom ${answer.validFrom}` });
  }
  return problems;
}

/**
 * The checks across files, on a catalogue that has loaded. `unloadedIds` (files with schema
 * errors, already reported) are not reported again as missing.
 */
export function checkCatalogue(
  catalogue: Catalogue,
  unloadedIds: ReadonlySet<string> = new Set(),
): Problem[] {
  return [
    ...pairingProblems(catalogue, unloadedIds),
    ...pathProblems(catalogue),
    ...utteranceProblems(catalogue.intents.values()),
    ...relatedProblems(catalogue),
    ...[...catalogue.answers.values()].flatMap(answerProblems),
    ...validateUi(catalogue.ui),
  ];
}

/**
 * Every problem in the content under `rootDir`: YAML and schema errors (with fewer than 12
 * utterances), duplicate ids or UI keys, unpaired intents/answers, misplaced files, duplicate or
 * shared utterances, broken related intents, missing sources, inconsistent dates, UI placeholders
 * and fr/en key mismatches. Empty when the content is clean.
 */
export function validateContent(rootDir: string): Problem[] {
  const { catalogue, problems, unloadedIds } = readContent(rootDir);
  return [...problems, ...checkCatalogue(catalogue, unloadedIds)];
}
