import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CLASSIFIER_OPTIONS } from '../../src/nlu/classifier.js';
import { readJsonl } from '../../src/nlu/dataset.js';
import { DEFAULT_FEATURE_OPTIONS } from '../../src/nlu/features.js';
import { EMPTY_LEXICON } from '../../src/nlu/lexicon.js';
import { defaultModelOptions, IntentModel, type ModelOptions } from '../../src/nlu/model.js';

const rows = readJsonl(fileURLToPath(new URL('./fixtures/tiny-dataset.jsonl', import.meta.url)));
const train = rows.filter((r) => r.split === 'train' && r.intent !== 'oos');
const test = rows.filter((r) => r.split === 'test' && r.intent !== 'oos');

function bestIntent(model: IntentModel, text: string): string {
  const { scores } = model.evidence(text);
  let best = 0;
  for (let c = 1; c < scores.length; c += 1) if (scores[c]! > scores[best]!) best = c;
  return model.intents[best]!;
}

function withOptions(patch: {
  multiclass?: ModelOptions['classifier']['multiclass'];
  functionWordWeight?: number;
}): ModelOptions {
  const base = defaultModelOptions('en', EMPTY_LEXICON);
  return {
    ...base,
    classifier: { ...DEFAULT_CLASSIFIER_OPTIONS, multiclass: patch.multiclass ?? 'crammer-singer' },
    features: { ...DEFAULT_FEATURE_OPTIONS, functionWordWeight: patch.functionWordWeight ?? 0.45 },
  };
}

describe('multi-class linear SVM', () => {
  for (const multiclass of ['crammer-singer', 'one-vs-rest'] as const) {
    it(`${multiclass}: recognises every training utterance and most unseen questions`, () => {
      const model = IntentModel.train(train, withOptions({ multiclass }));
      const trainRight = train.filter((r) => bestIntent(model, r.text) === r.intent).length;
      expect(trainRight).toBe(train.length);
      const testRight = test.filter((r) => bestIntent(model, r.text) === r.intent).length;
      expect(testRight / test.length).toBeGreaterThanOrEqual(0.75);
    });
  }

  it('trains the same model twice from the same utterances', () => {
    const a = IntentModel.train(train, withOptions({})).evidence('book me a table for tonight');
    const b = IntentModel.train(train, withOptions({})).evidence('book me a table for tonight');
    expect(Array.from(a.scores)).toEqual(Array.from(b.scores));
  });
});

describe('function words', () => {
  // "what is" and "how do I" are shared scaffolding; the content words decide the intent.
  const examples = [
    { text: 'what is the weather', intent: 'weather' },
    { text: 'what is the forecast', intent: 'weather' },
    { text: 'what is the temperature outside', intent: 'weather' },
    { text: 'how do I reset my password', intent: 'password' },
    { text: 'how do I change my password', intent: 'password' },
    { text: 'forgot password', intent: 'password' },
  ];

  it('count for less than content words when they are down-weighted', () => {
    const question = 'what is my password';
    const plain = IntentModel.train(examples, withOptions({ functionWordWeight: 1 }));
    const weighted = IntentModel.train(examples, withOptions({ functionWordWeight: 0.45 }));
    const share = (model: IntentModel) => {
      const { scores } = model.evidence(question);
      const password = scores[model.intents.indexOf('password')]!;
      const weather = scores[model.intents.indexOf('weather')]!;
      return password - weather;
    };
    expect(bestIntent(weighted, question)).toBe('password');
    expect(share(weighted)).toBeGreaterThan(share(plain));
  });
});
