import type { AnalyzedText } from './analyzer.js';

/**
 * TF-IDF features over three blocks — word stems, stem bigrams, character n-grams of the corrected
 * tokens (typo tolerance) — each L2-normalised and weighted, then concatenated.
 */

/** A sparse vector: feature indices ascending, with their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

export interface FeatureOptions {
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordWeight: 1,
  bigramWeight: 0.6,
  charWeight: 1,
  charMin: 2,
  charMax: 5,
};

type Block = 0 | 1 | 2;

function rawFeatures(text: AnalyzedText, options: FeatureOptions): Map<string, number>[] {
  const blocks: Map<string, number>[] = [new Map(), new Map(), new Map()];
  const bump = (block: Block, key: string): void => {
    const map = blocks[block]!;
    map.set(key, (map.get(key) ?? 0) + 1);
  };
  const { stems, tokens } = text;
  for (let i = 0; i < stems.length; i += 1) {
    bump(0, stems[i]!);
    if (i + 1 < stems.length) bump(1, `${stems[i]} ${stems[i + 1]}`);
  }
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let n = options.charMin; n <= options.charMax; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1) bump(2, padded.slice(start, start + n));
    }
  }
  return blocks;
}

/** Fitted TF-IDF vectoriser. */
export class Vectorizer {
  private readonly index = new Map<string, number>();
  private idf: Float32Array = new Float32Array(0);
  private readonly blockWeights: number[];

  constructor(private readonly options: FeatureOptions = DEFAULT_FEATURE_OPTIONS) {
    this.blockWeights = [options.wordWeight, options.bigramWeight, options.charWeight];
  }

  get dimension(): number {
    return this.index.size;
  }

  /** Learns the feature dictionary and inverse document frequencies. */
  fit(texts: readonly AnalyzedText[]): void {
    const documentFrequency: number[] = [];
    for (const text of texts) {
      rawFeatures(text, this.options).forEach((block, b) => {
        for (const feature of block.keys()) {
          const key = `${b}${feature}`;
          let id = this.index.get(key);
          if (id === undefined) {
            id = this.index.size;
            this.index.set(key, id);
            documentFrequency.push(0);
          }
          documentFrequency[id]! += 1;
        }
      });
    }
    const n = texts.length;
    this.idf = Float32Array.from(documentFrequency, (df) => Math.log((1 + n) / (1 + df)) + 1);
  }

  /** Turns an analysed text into its weighted TF-IDF vector (unknown features are dropped). */
  transform(text: AnalyzedText): SparseVector {
    const entries: [number, number][] = [];
    rawFeatures(text, this.options).forEach((block, b) => {
      const start = entries.length;
      let norm = 0;
      for (const [feature, count] of block) {
        const id = this.index.get(`${b}${feature}`);
        if (id === undefined) continue;
        const value = (1 + Math.log(count)) * this.idf[id]!;
        entries.push([id, value]);
        norm += value * value;
      }
      const scale = norm > 0 ? this.blockWeights[b]! / Math.sqrt(norm) : 0;
      for (let i = start; i < entries.length; i += 1) entries[i]![1] *= scale;
    });
    entries.sort((a, b) => a[0] - b[0]);
    return {
      indices: Int32Array.from(entries, (e) => e[0]),
      values: Float32Array.from(entries, (e) => e[1]),
    };
  }
}
