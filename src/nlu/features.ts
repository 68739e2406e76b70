import type { AnalyzedText } from './analyzer.js';

/**
 * TF-IDF features over three blocks — word stems, stem bigrams, character n-grams of the corrected
 * tokens (typo tolerance) — each L2-normalised and weighted, then concatenated.
 */

/** A sparse vector: feature indices (in no particular order) with their values. */
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
  /**
   * Multiplies the word-unigram TF-IDF value of function words (see function-words.ts) before the
   * block is normalised; 1 keeps them as any other word. Bigrams and character n-grams are untouched.
   */
  functionWordWeight: number;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordWeight: 1,
  bigramWeight: 0.8,
  charWeight: 1.5,
  charMin: 2,
  charMax: 5,
  functionWordWeight: 0.45,
};

type RawFeatures = [Map<string, number>, Map<string, number>, Map<string, number>];

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/** Term counts of the three blocks: stems, stem bigrams, character n-grams. */
function rawFeatures(text: AnalyzedText, options: FeatureOptions): RawFeatures {
  const blocks: RawFeatures = [new Map(), new Map(), new Map()];
  const { stems, tokens } = text;
  for (let i = 0; i < stems.length; i += 1) {
    count(blocks[0], stems[i]!);
    if (i + 1 < stems.length) count(blocks[1], `${stems[i]} ${stems[i + 1]}`);
  }
  for (const token of tokens) {
    const padded = ` ${token} `;
    for (let n = options.charMin; n <= options.charMax; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1)
        count(blocks[2], padded.slice(start, start + n));
    }
  }
  return blocks;
}

/** Fitted TF-IDF vectoriser. */
export class Vectorizer {
  /** Feature ids, one dictionary per block. */
  private readonly index: [Map<string, number>, Map<string, number>, Map<string, number>] = [
    new Map(),
    new Map(),
    new Map(),
  ];
  private size = 0;
  private documents = 0;
  private idf: Float32Array = new Float32Array(0);
  private readonly blockWeights: number[];
  /** Weight of each feature id before block normalisation (1 but for function-word unigrams). */
  private termWeight: Float32Array = new Float32Array(0);

  /** `functionStems`: stems of the language's function words, down-weighted as word unigrams. */
  constructor(
    private readonly options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
    private readonly functionStems: readonly string[] = [],
  ) {
    this.blockWeights = [options.wordWeight, options.bigramWeight, options.charWeight];
  }

  get dimension(): number {
    return this.size;
  }

  /**
   * Share of a text's stems, weighted by IDF, that occur in the training utterances. A word never
   * seen counts with the highest IDF: an out-of-scope question is mostly made of such words.
   */
  coverage(text: AnalyzedText): number {
    const unseen = Math.log(1 + this.documents) + 1;
    let known = 0;
    let total = 0;
    for (const stem of new Set(text.stems)) {
      const id = this.index[0].get(stem);
      const weight = id === undefined ? unseen : this.idf[id]!;
      total += weight;
      if (id !== undefined) known += weight;
    }
    return total > 0 ? known / total : 0;
  }

  /** Learns the feature dictionary and inverse document frequencies, and returns the training vectors. */
  fitTransform(texts: readonly AnalyzedText[]): SparseVector[] {
    const documentFrequency: number[] = [];
    // Each text is kept as typed arrays of (feature id, count) rather than as strings: on 15,000
    // utterances the strings would cost hundreds of megabytes.
    const counted = texts.map((text) =>
      this.count(text, (index, feature) => {
        let id = index.get(feature);
        if (id === undefined) {
          id = this.size;
          this.size += 1;
          index.set(feature, id);
          documentFrequency.push(0);
        }
        documentFrequency[id]! += 1;
        return id;
      }),
    );
    const n = texts.length;
    this.documents = n;
    this.idf = Float32Array.from(documentFrequency, (df) => Math.log((1 + n) / (1 + df)) + 1);
    this.termWeight = new Float32Array(this.size).fill(1);
    for (const stem of this.functionStems) {
      const id = this.index[0].get(stem);
      if (id !== undefined) this.termWeight[id] = this.options.functionWordWeight;
    }
    return counted.map((c) => this.weigh(c));
  }

  /** Turns an analysed text into its weighted TF-IDF vector (unknown features are dropped). */
  transform(text: AnalyzedText): SparseVector {
    return this.weigh(this.count(text, (index, feature) => index.get(feature)));
  }

  /** Feature ids and counts of a text, block after block; `idOf` may drop a feature. */
  private count(
    text: AnalyzedText,
    idOf: (index: Map<string, number>, feature: string) => number | undefined,
  ): CountedText {
    const raw = rawFeatures(text, this.options);
    const size = raw[0].size + raw[1].size + raw[2].size;
    const ids = new Int32Array(size);
    const counts = new Float32Array(size);
    const blockEnds: [number, number, number] = [0, 0, 0];
    let at = 0;
    raw.forEach((block, b) => {
      const index = this.index[b]!;
      for (const [feature, count] of block) {
        const id = idOf(index, feature);
        if (id === undefined) continue;
        ids[at] = id;
        counts[at] = count;
        at += 1;
      }
      blockEnds[b] = at;
    });
    return { ids: ids.subarray(0, at), counts: counts.subarray(0, at), blockEnds };
  }

  /** TF-IDF weights, each block L2-normalised then weighted. */
  private weigh({ ids, counts, blockEnds }: CountedText): SparseVector {
    const values = new Float32Array(ids.length);
    let start = 0;
    blockEnds.forEach((end, b) => {
      let norm = 0;
      for (let i = start; i < end; i += 1) {
        const id = ids[i]!;
        const value = (1 + Math.log(counts[i]!)) * this.idf[id]! * this.termWeight[id]!;
        values[i] = value;
        norm += value * value;
      }
      const scale = norm > 0 ? this.blockWeights[b]! / Math.sqrt(norm) : 0;
      for (let i = start; i < end; i += 1) values[i]! *= scale;
      start = end;
    });
    return { indices: ids.slice(), values };
  }
}

interface CountedText {
  ids: Int32Array;
  counts: Float32Array;
  /** End offset of each block (stems, bigrams, character n-grams) in `ids`. */
  blockEnds: [number, number, number];
}
