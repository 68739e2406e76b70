import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadIntentExamples } from '../../src/content/catalogue.js';
import { ContentError } from '../../src/content/errors.js';
import { fixture } from './helpers.js';

describe('loadCatalogue', () => {
  const root = fixture('valid');
  const catalogue = loadCatalogue(root);

  it('reads intents, French answers and UI strings with their files', () => {
    expect([...catalogue.intents.keys()].sort()).toEqual(['gen_salut', 'tlc_alpha', 'tlc_beta']);
    expect(catalogue.intents.get('tlc_alpha')).toMatchObject({
      topic: 'teleconsultation',
      related: ['tlc_beta'],
      file: 'intents/teleconsultation/tlc_alpha.yaml',
    });
    expect(catalogue.answers.get('gen_salut')).toMatchObject({
      kind: 'conversational',
      sources: [],
      file: 'messages/fr/answers/general/gen_salut.yaml',
    });
    expect(catalogue.ui.fr.get('greeting')).toMatchObject({ text: 'Bonjour {name}', params: ['name'] });
    expect(catalogue.ui.en.get('button.ok')).toMatchObject({ text: 'OK', params: [] });
  });

  it('gives each file the sha256 of its bytes', () => {
    const file = 'messages/fr/answers/teleconsultation/tlc_alpha.yaml';
    const expected = createHash('sha256')
      .update(readFileSync(path.join(root, file)))
      .digest('hex');
    expect(catalogue.answers.get('tlc_alpha')?.contentHash).toBe(expected);
    expect(catalogue.files.get(file)).toEqual({ file, contentHash: expected, kind: 'answer' });
    expect(catalogue.files.size).toBe(8);
  });

  it('refuses content that does not match its schema, naming the file', () => {
    expect(() => loadCatalogue(fixture('schema-error'))).toThrow(ContentError);
    expect(() => loadCatalogue(fixture('schema-error'))).toThrow(
      /intents\/teleconsultation\/tlc_alpha\.yaml: tlc_alpha: Unrecognized key/,
    );
  });
});

describe('loadIntentExamples', () => {
  it('returns one {text, intent} per utterance', () => {
    const examples = loadIntentExamples(fixture('valid'));
    expect(examples).toHaveLength(36);
    expect(examples).toContainEqual({ text: 'question 3 sur tlc beta', intent: 'tlc_beta' });
  });

  it('is not stopped by a problem outside intents/', () => {
    expect(loadIntentExamples(fixture('ui-duplicate-key'))).toHaveLength(12);
  });

  it('is stopped by a broken intent file', () => {
    expect(() => loadIntentExamples(fixture('too-few-utterances'))).toThrow(
      expect.objectContaining({ code: 'content_invalid' }),
    );
  });
});
