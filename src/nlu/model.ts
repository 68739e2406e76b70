import { TextAnalyzer } from './analyzer.js';
import type { Evidence } from './calibration.js';
import { type ClassifierOptions, DEFAULT_CLASSIFIER_OPTIONS, LinearClassifier } from './classifier.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, Vectorizer } from './features.js';
import { FUNCTION_WORDS } from './function-words.js';
import type { Language } from './language.js';
import type { Lexicon } from './lexicon.js';
import type { TrainingExample } from './types.js';

/** Internal label of the lexicon's out-of-scope topics (not a valid intent id, so never a clash). */
const OUT_OF_SCOPE_CLASS = '~out-of-scope';

/** Everything that turns a question into raw intent margins. */
export interface ModelOptions {
  language: Language;
  lexicon: Lexicon;
  features: FeatureOptions;
  classifier: ClassifierOptions;
}

export const defaultModelOptions = (language: Language, lexicon: Lexicon): ModelOptions => ({
  language,
  lexicon,
  features: DEFAULT_FEATURE_OPTIONS,
  classifier: DEFAULT_CLASSIFIER_OPTIONS,
});

/**
 * A trained text classifier: analyser → TF-IDF → linear SVM. When the lexicon lists out-of-scope
 * topics, they are learned as one extra class after the intents: its margin is reported apart,
 * and it is never an intent.
 */
export class IntentModel {
  private constructor(
    readonly intents: readonly string[],
    private readonly analyzer: TextAnalyzer,
    private readonly vectorizer: Vectorizer,
    private readonly classifier: LinearClassifier,
    private readonly hasOutOfScopeClass: boolean,
  ) {}

  /** Raw margin of every intent (in `intents` order) and vocabulary coverage of a question. */
  evidence(text: string): Evidence {
    const analyzed = this.analyzer.analyze(text, true);
    const all = this.classifier.scores(this.vectorizer.transform(analyzed));
    const k = this.intents.length;
    return {
      scores: this.hasOutOfScopeClass ? all.subarray(0, k) : all,
      outOfScope: this.hasOutOfScopeClass ? all[k] : undefined,
      coverage: this.vectorizer.coverage(analyzed),
    };
  }

  /** Trains on labelled utterances; intents are ordered by first appearance. */
  static train(examples: readonly TrainingExample[], options: ModelOptions): IntentModel {
    const intents = [...new Set(examples.map((e) => e.intent))];
    const outOfScope = options.lexicon.outOfScope;
    const labelNames = outOfScope.length > 0 ? [...intents, OUT_OF_SCOPE_CLASS] : intents;
    const texts = [...examples.map((e) => e.text), ...outOfScope];
    const indexOf = new Map(intents.map((intent, i) => [intent, i]));
    const labels = [...examples.map((e) => indexOf.get(e.intent)!), ...outOfScope.map(() => intents.length)];
    const analyzer = new TextAnalyzer(options.language, options.lexicon);
    const analyzed = analyzer.fit(texts);
    const vectorizer = new Vectorizer(options.features, FUNCTION_WORDS[options.language].map(analyzer.stem));
    const vectors = vectorizer.fitTransform(analyzed);
    const classifier = LinearClassifier.train(
      vectors,
      labels,
      labelNames,
      vectorizer.dimension,
      options.classifier,
    );
    return new IntentModel(intents, analyzer, vectorizer, classifier, outOfScope.length > 0);
  }
}
