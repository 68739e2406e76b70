import { TextAnalyzer } from './analyzer.js';
import type { Evidence } from './calibration.js';
import { type ClassifierOptions, DEFAULT_CLASSIFIER_OPTIONS, LinearClassifier } from './classifier.js';
import { DEFAULT_FEATURE_OPTIONS, type FeatureOptions, Vectorizer } from './features.js';
import type { Language } from './language.js';
import type { Lexicon } from './lexicon.js';
import type { TrainingExample } from './types.js';

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

/** A trained text classifier: analyser → TF-IDF → linear SVM. */
export class IntentModel {
  private constructor(
    readonly intents: readonly string[],
    private readonly analyzer: TextAnalyzer,
    private readonly vectorizer: Vectorizer,
    private readonly classifier: LinearClassifier,
  ) {}

  /** Raw margin of every intent (in `intents` order) and vocabulary coverage of a question. */
  evidence(text: string): Evidence {
    const analyzed = this.analyzer.analyze(text, true);
    return {
      scores: this.classifier.scores(this.vectorizer.transform(analyzed)),
      coverage: this.vectorizer.coverage(analyzed),
    };
  }

  /** Trains on labelled utterances; intents are ordered by first appearance. */
  static train(examples: readonly TrainingExample[], options: ModelOptions): IntentModel {
    const intents = [...new Set(examples.map((e) => e.intent))];
    const indexOf = new Map(intents.map((intent, i) => [intent, i]));
    const analyzer = new TextAnalyzer(options.language, options.lexicon);
    const analyzed = analyzer.fit(examples.map((e) => e.text));
    const vectorizer = new Vectorizer(options.features);
    const vectors = vectorizer.fitTransform(analyzed);
    const labels = examples.map((e) => indexOf.get(e.intent)!);
    const classifier = LinearClassifier.train(
      vectors,
      labels,
      intents,
      vectorizer.dimension,
      options.classifier,
    );
    return new IntentModel(intents, analyzer, vectorizer, classifier);
  }
}
