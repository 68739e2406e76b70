import { describe, expect, it } from 'vitest';
import { validateContent } from '../../src/content/validate.js';
import { fixture } from './helpers.js';

const INTENT = 'intents/teleconsultation/tlc_alpha.yaml';
const ANSWER = 'messages/fr/answers/teleconsultation/tlc_alpha.yaml';

/** Each broken fixture is a clean tree but for one thing: exactly these problems are reported. */
const cases: { fixture: string; problems: { file: string; id: string; message: RegExp }[] }[] = [
  {
    fixture: 'schema-error',
    problems: [{ file: INTENT, id: 'tlc_alpha', message: /Unrecognized key: "colour"/ }],
  },
  { fixture: 'yaml-syntax', problems: [{ file: INTENT, id: '-', message: /YAML does not parse/ }] },
  {
    fixture: 'too-few-utterances',
    problems: [{ file: INTENT, id: 'tlc_alpha', message: /^utterances: .*>=12/ }],
  },
  {
    fixture: 'source-without-checked',
    problems: [{ file: ANSWER, id: 'tlc_alpha', message: /^sources\.0\.checked: / }],
  },
  {
    fixture: 'duplicate-id',
    problems: [
      {
        file: 'intents/teleconsultation/tlc_alpha_copie.yaml',
        id: 'tlc_alpha',
        message: /already defined in/,
      },
    ],
  },
  {
    fixture: 'intent-without-answer',
    problems: [{ file: INTENT, id: 'tlc_alpha', message: /no answer file/ }],
  },
  {
    fixture: 'answer-without-intent',
    problems: [
      {
        file: 'messages/fr/answers/teleconsultation/tlc_orphan.yaml',
        id: 'tlc_orphan',
        message: /unknown intent id/,
      },
    ],
  },
  {
    fixture: 'intent-path-mismatch',
    problems: [
      {
        file: 'intents/general/tlc_alpha.yaml',
        id: 'tlc_alpha',
        message: /should be intents\/teleconsultation\/tlc_alpha\.yaml/,
      },
    ],
  },
  {
    fixture: 'answer-path-mismatch',
    problems: [
      {
        file: 'messages/fr/answers/teleconsultation/alpha.yaml',
        id: 'tlc_alpha',
        message: /should be messages\/fr\/answers\/teleconsultation\/tlc_alpha\.yaml/,
      },
    ],
  },
  {
    fixture: 'duplicate-utterance',
    problems: [
      { file: INTENT, id: 'tlc_alpha', message: /duplicate utterance "teleconsultation {3}quel TARIF"/ },
    ],
  },
  {
    fixture: 'shared-utterance',
    problems: [
      {
        file: 'intents/teleconsultation/tlc_beta.yaml',
        id: 'tlc_beta',
        message: /"c'est combien une tlc" is also under tlc_alpha/,
      },
    ],
  },
  {
    fixture: 'answer-without-source',
    problems: [{ file: ANSWER, id: 'tlc_alpha', message: /regulatory answer without a source/ }],
  },
  {
    fixture: 'valid-until-before-from',
    problems: [
      { file: ANSWER, id: 'tlc_alpha', message: /validUntil 2026-02-28 is before validFrom 2026-03-01/ },
    ],
  },
  {
    fixture: 'review-before-from',
    problems: [
      { file: ANSWER, id: 'tlc_alpha', message: /reviewBy 2025-12-31 is before validFrom 2026-03-01/ },
    ],
  },
  {
    fixture: 'impossible-day',
    problems: [{ file: ANSWER, id: 'tlc_alpha', message: /validFrom: 2026-02-30 is not a real day/ }],
  },
  {
    fixture: 'related-unknown',
    problems: [{ file: INTENT, id: 'tlc_alpha', message: /related intent "tlc_missing" does not exist/ }],
  },
  {
    fixture: 'related-self',
    problems: [{ file: INTENT, id: 'tlc_alpha', message: /related intent points to itself/ }],
  },
  {
    fixture: 'ui-undeclared-placeholder',
    problems: [
      { file: 'messages/fr/ui/common.yaml', id: 'greeting', message: /\{name\} is not declared in params/ },
      { file: 'messages/en/ui/common.yaml', id: 'greeting', message: /\{name\} is not declared in params/ },
    ],
  },
  {
    fixture: 'ui-unused-param',
    problems: [
      { file: 'messages/fr/ui/common.yaml', id: 'greeting', message: /"name" is declared but not used/ },
      { file: 'messages/en/ui/common.yaml', id: 'greeting', message: /"name" is declared but not used/ },
    ],
  },
  {
    fixture: 'ui-missing-key',
    problems: [{ file: 'messages/fr/ui/common.yaml', id: 'button.cancel', message: /missing in en/ }],
  },
  {
    fixture: 'ui-param-mismatch',
    problems: [
      {
        file: 'messages/en/ui/common.yaml',
        id: 'greeting',
        message: /params \[who\] differ from fr \[name\]/,
      },
    ],
  },
  {
    fixture: 'ui-duplicate-key',
    problems: [
      {
        file: 'messages/fr/ui/other.yaml',
        id: 'button.ok',
        message: /already defined in messages\/fr\/ui\/common\.yaml/,
      },
    ],
  },
];

describe('validateContent', () => {
  it('finds nothing wrong in a clean tree', () => {
    expect(validateContent(fixture('valid'))).toEqual([]);
  });

  it.each(cases)('reports $fixture', ({ fixture: name, problems }) => {
    const found = validateContent(fixture(name));
    expect(found).toHaveLength(problems.length);
    for (const [i, expected] of problems.entries()) {
      expect(found[i]).toMatchObject({ file: expected.file, id: expected.id });
      expect(found[i]?.message).toMatch(expected.message);
    }
  });
});
