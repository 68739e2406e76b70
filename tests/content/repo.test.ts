import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/content/problem.js';
import { normaliseUtterance } from '../../src/content/normalise.js';
import { readContent } from '../../src/content/catalogue.js';
import { validateContent } from '../../src/content/validate.js';
import { repoRoot } from './helpers.js';

/** `../shared` beside the project: the regulatory facts and the held-out dev set. */
const shared = path.resolve(repoRoot, '../shared');

/**
 * The intent ids the starter base must cover: every `### \`id\`` heading of facts-fr.md, plus the
 * gen_* rows of its section A except gen_hors_perimetre (out of scope is not an intent).
 */
function expectedIds(): string[] {
  const facts = readFileSync(path.join(shared, 'domain/facts-fr.md'), 'utf8');
  const headings = Array.from(facts.matchAll(/^### `([a-z0-9_]+)`/gm), (m) => m[1] as string);
  const sectionA = facts.slice(facts.indexOf('\n## A.'), facts.indexOf('\n## B.'));
  const general = Array.from(sectionA.matchAll(/^\| `(gen_[a-z0-9_]+)` \|/gm), (m) => m[1] as string);
  return [...headings, ...general.filter((id) => id !== 'gen_hors_perimetre')].sort();
}

describe('the repository intent base', () => {
  const { catalogue } = readContent(repoRoot);

  it('validates clean', () => {
    expect(validateContent(repoRoot).map(formatProblem)).toEqual([]);
  });

  it('covers exactly the 45 intent ids of facts-fr.md, each with an answer', () => {
    const ids = expectedIds();
    expect(ids).toHaveLength(45);
    expect([...catalogue.intents.keys()].sort()).toEqual(ids);
    expect([...catalogue.answers.keys()].sort()).toEqual(ids);
  });

  it('gives every intent >= 12 utterances, >= 1 related intent and a dated answer with sources', () => {
    const lacking: string[] = [];
    for (const intent of catalogue.intents.values()) {
      const answer = catalogue.answers.get(intent.id);
      if (intent.utterances.length < 12) lacking.push(`${intent.id}: ${intent.utterances.length} utterances`);
      if (intent.related.length < 1) lacking.push(`${intent.id}: no related intent`);
      if (!answer) continue;
      if (answer.kind === 'regulatory' && answer.sources.length === 0)
        lacking.push(`${intent.id}: no source`);
      if (!answer.validFrom || !answer.reviewBy) lacking.push(`${intent.id}: missing dates`);
    }
    expect(lacking).toEqual([]);
  });

  it('shares no utterance with the held-out dev set', () => {
    // Read only to prove non-overlap; the report names the utterance by position, not by text.
    const dev = new Set(
      readFileSync(path.join(shared, 'eval/dev-fr.jsonl'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => normaliseUtterance((JSON.parse(line) as { text: string }).text)),
    );
    const overlapping: string[] = [];
    for (const intent of catalogue.intents.values()) {
      intent.utterances.forEach((utterance, i) => {
        if (dev.has(normaliseUtterance(utterance))) overlapping.push(`${intent.file} utterance #${i + 1}`);
      });
    }
    expect(overlapping).toEqual([]);
  });
});
