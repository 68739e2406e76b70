import { createRequire } from 'node:module';
import type { IntentScore, MatchResult, TrainingExample } from '../../src/nlu/types.js';

/**
 * NLP.js (node-nlp 4.27, installed in bench/node_modules by `npm ci --prefix bench`) behind the
 * same shape as Relais's matcher, with its defaults: the only settings given are the language,
 * no log output and no model file written to disk.
 */

interface NlpjsClassification {
  intent: string;
  score: number;
}
interface NlpjsResult {
  intent: string;
  score: number;
  classifications?: NlpjsClassification[];
}
interface NlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<unknown>;
  process(locale: string, utterance: string): Promise<NlpjsResult>;
}
type NlpManagerClass = new (settings: Record<string, unknown>) => NlpManager;

const requireFromBench = createRequire(new URL('../package.json', import.meta.url));

/** NLP.js's own label for "no intent". */
export const NLPJS_NONE = 'None';

/** An NLP.js model trained on examples; `match` is asynchronous as NLP.js's `process` is. */
export class NlpjsMatcher {
  private constructor(
    private readonly manager: NlpManager,
    private readonly language: string,
  ) {}

  static async train(examples: readonly TrainingExample[], language: string): Promise<NlpjsMatcher> {
    const { NlpManager } = requireFromBench('node-nlp') as { NlpManager: NlpManagerClass };
    const manager = new NlpManager({ languages: [language], nlu: { log: false }, autoSave: false });
    for (const e of examples) manager.addDocument(language, e.text, e.intent);
    await manager.train();
    return new NlpjsMatcher(manager, language);
  }

  /**
   * NLP.js answers one intent or "None" (its fallback, below its default threshold); it has no
   * "did you mean". Its top-ranked intent is the one it returns.
   */
  async match(text: string): Promise<MatchResult> {
    const result = await this.manager.process(this.language, text);
    const ranked: IntentScore[] = (result.classifications ?? [])
      .map((c) => ({ intent: c.intent, confidence: c.score }))
      .sort((a, b) => b.confidence - a.confidence);
    if (ranked.length === 0) ranked.push({ intent: result.intent, confidence: result.score });
    if (result.intent === NLPJS_NONE) return { ranked, decision: 'fallback', chosen: [] };
    return { ranked, decision: 'answer', chosen: [result.intent] };
  }
}
