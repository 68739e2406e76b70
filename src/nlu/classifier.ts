import type { SparseVector } from './features.js';

/**
 * One-vs-rest linear SVM (squared hinge loss) trained by dual coordinate descent, the algorithm of
 * LIBLINEAR (Hsieh et al., ICML 2008): a few passes over sparse TF-IDF vectors, deterministic,
 * no dependency. Scores are raw margins; calibration.ts turns them into confidences.
 */

export interface ClassifierOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stopping tolerance on the projected gradient. */
  tolerance: number;
  maxEpochs: number;
  /** Value of the constant feature that carries each class's bias. */
  bias: number;
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = { c: 1, tolerance: 0.1, maxEpochs: 6, bias: 1 };

/** A trained linear model: weights stored feature-major so that scoring a question reads memory in order. */
export class LinearClassifier {
  private constructor(
    readonly labels: readonly string[],
    private readonly weights: Float32Array,
    private readonly biases: Float32Array,
  ) {}

  /** Raw margin of every class for one vector, in `labels` order. */
  scores(x: SparseVector): Float32Array {
    const k = this.labels.length;
    const out = Float32Array.from(this.biases);
    for (let j = 0; j < x.indices.length; j += 1) {
      const base = x.indices[j]! * k;
      const v = x.values[j]!;
      for (let c = 0; c < k; c += 1) out[c]! += v * this.weights[base + c]!;
    }
    return out;
  }

  /**
   * Trains one binary SVM per label. The binary problems are independent, but they are solved
   * together, example by example: the margins of all classes for one example are one pass over
   * contiguous memory, which makes training several times faster than solving them one by one.
   */
  static train(
    vectors: readonly SparseVector[],
    labels: readonly number[],
    labelNames: readonly string[],
    dimension: number,
    options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
  ): LinearClassifier {
    const k = labelNames.length;
    const n = vectors.length;
    const weights = new Float32Array(dimension * k);
    const biases = new Float64Array(k);
    const alpha = new Float64Array(n * k);
    const diagonal = 0.5 / options.c;
    const b2 = options.bias * options.bias;
    const norms = vectors.map((x) => {
      let s = b2 + diagonal;
      for (const v of x.values) s += v * v;
      return s;
    });
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const margins = new Float64Array(k);
    const pgMax = new Float64Array(k);
    const pgMin = new Float64Array(k);
    for (let epoch = 0; epoch < options.maxEpochs; epoch += 1) {
      shuffle(order, epoch + 1);
      pgMax.fill(Number.NEGATIVE_INFINITY);
      pgMin.fill(Number.POSITIVE_INFINITY);
      for (let o = 0; o < n; o += 1) {
        const i = order[o]!;
        const x = vectors[i]!;
        for (let c = 0; c < k; c += 1) margins[c] = biases[c]! * options.bias;
        for (let j = 0; j < x.indices.length; j += 1) {
          const base = x.indices[j]! * k;
          const v = x.values[j]!;
          for (let c = 0; c < k; c += 1) margins[c]! += v * weights[base + c]!;
        }
        const rowStart = i * k;
        for (let c = 0; c < k; c += 1) {
          const y = labels[i] === c ? 1 : -1;
          const a = alpha[rowStart + c]!;
          const g = y * margins[c]! - 1 + diagonal * a;
          const pg = a === 0 ? Math.min(g, 0) : g;
          if (pg > pgMax[c]!) pgMax[c] = pg;
          if (pg < pgMin[c]!) pgMin[c] = pg;
          if (pg === 0) continue;
          const next = Math.max(a - g / norms[i]!, 0);
          const step = (next - a) * y;
          if (step === 0) continue;
          alpha[rowStart + c] = next;
          for (let j = 0; j < x.indices.length; j += 1) {
            weights[x.indices[j]! * k + c]! += step * x.values[j]!;
          }
          biases[c]! += step * options.bias;
        }
      }
      let converged = true;
      for (let c = 0; c < k; c += 1) if (pgMax[c]! - pgMin[c]! > options.tolerance) converged = false;
      if (converged) break;
    }
    return new LinearClassifier(
      labelNames,
      weights,
      Float32Array.from(biases, (b) => b * options.bias),
    );
  }
}

/** Deterministic Fisher-Yates shuffle (xorshift), so that training is reproducible. */
function shuffle(order: Int32Array, seed: number): void {
  let state = seed | 0 || 1;
  for (let i = order.length - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
