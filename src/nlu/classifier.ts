import { trainCrammerSinger } from './crammer-singer.js';
import type { SparseVector } from './features.js';
import { shuffle } from './shuffle.js';

/**
 * Linear SVM over sparse TF-IDF vectors, deterministic, no dependency. By default the intents are
 * separated by one Crammer–Singer multi-class SVM (crammer-singer.ts); the alternative is one-vs-rest
 * (squared hinge loss) trained by dual coordinate descent, the algorithm of LIBLINEAR (Hsieh et al.,
 * ICML 2008). Scores are raw margins; calibration.ts turns them into confidences.
 */

export interface ClassifierOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stopping tolerance on the projected gradient. */
  tolerance: number;
  maxEpochs: number;
  /** Value of the constant feature that carries each class's bias. */
  bias: number;
  /**
   * A negative (example, label) pair whose gradient exceeds this leaves the active set early:
   * it lies well outside the margin and is unlikely to come back (checked again before stopping).
   */
  shrinkGradient: number;
  /**
   * How the intents are separated: one binary SVM per intent against all others, or one
   * Crammer–Singer multi-class SVM (crammer-singer.ts) where the intents compete in one problem.
   */
  multiclass: 'one-vs-rest' | 'crammer-singer';
}

export const DEFAULT_CLASSIFIER_OPTIONS: ClassifierOptions = {
  c: 0.5,
  tolerance: 0.1,
  maxEpochs: 8,
  bias: 1,
  shrinkGradient: 0.2,
  multiclass: 'crammer-singer',
};

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
   * Trains one binary SVM per label. The binary problems are independent but solved together,
   * example by example, with LIBLINEAR's shrinking applied to each (example, label) pair: a
   * negative pair far outside the margin leaves the active set, so after the first pass an
   * example is only scored against the few labels it can still be confused with.
   */
  static train(
    vectors: readonly SparseVector[],
    labels: readonly number[],
    labelNames: readonly string[],
    dimension: number,
    options: ClassifierOptions = DEFAULT_CLASSIFIER_OPTIONS,
  ): LinearClassifier {
    const k = labelNames.length;
    if (options.multiclass === 'crammer-singer') {
      const trained = trainCrammerSinger(vectors, labels, k, dimension, options);
      return new LinearClassifier(labelNames, trained.weights, trained.biases);
    }
    const n = vectors.length;
    const weights = new Float32Array(dimension * k);
    const biases = new Float64Array(k);
    const alpha = new Float64Array(n * k);
    // Squared-hinge dual: the diagonal term is 1/(2C).
    const diagonal = 0.5 / options.c;
    const norms = vectors.map((x) => {
      let s = options.bias * options.bias + diagonal;
      for (const v of x.values) s += v * v;
      return s;
    });
    // active[i*k .. i*k+activeCount[i]) lists the labels still active for example i.
    const active = k <= 0xffff ? new Uint16Array(n * k) : new Int32Array(n * k);
    const activeCount = new Int32Array(n);
    const activateAll = (): void => {
      for (let i = 0; i < n; i += 1) {
        for (let c = 0; c < k; c += 1) active[i * k + c] = c;
        activeCount[i] = k;
      }
    };
    activateAll();
    let allActive = true;
    const order = Int32Array.from({ length: n }, (_, i) => i);
    const margins = new Float64Array(k);
    const pgMax = new Float64Array(k);
    const pgMin = new Float64Array(k);
    const pgMaxOld = new Float64Array(k).fill(Number.POSITIVE_INFINITY);
    for (let epoch = 0; epoch < options.maxEpochs; epoch += 1) {
      shuffle(order, epoch + 1);
      pgMax.fill(Number.NEGATIVE_INFINITY);
      pgMin.fill(Number.POSITIVE_INFINITY);
      for (let o = 0; o < n; o += 1) {
        const i = order[o]!;
        const x = vectors[i]!;
        const rowStart = i * k;
        let count = activeCount[i]!;
        if (count === k) {
          // Every label active (first pass): a contiguous read of each feature's row.
          for (let c = 0; c < k; c += 1) margins[c] = biases[c]! * options.bias;
          for (let j = 0; j < x.indices.length; j += 1) {
            const base = x.indices[j]! * k;
            const v = x.values[j]!;
            for (let c = 0; c < k; c += 1) margins[c]! += v * weights[base + c]!;
          }
          for (let c = 0; c < k; c += 1) active[rowStart + c] = c;
        } else {
          for (let a = 0; a < count; a += 1) margins[a] = biases[active[rowStart + a]!]! * options.bias;
          for (let j = 0; j < x.indices.length; j += 1) {
            const base = x.indices[j]! * k;
            const v = x.values[j]!;
            for (let a = 0; a < count; a += 1) margins[a]! += v * weights[base + active[rowStart + a]!]!;
          }
        }
        for (let a = 0; a < count; a += 1) {
          const c = active[rowStart + a]!;
          const y = labels[i] === c ? 1 : -1;
          const alphaAt = rowStart + c;
          const old = alpha[alphaAt]!;
          const g = y * margins[a]! - 1 + diagonal * old;
          let pg = g;
          if (old === 0) {
            if (g > Math.min(pgMaxOld[c]!, options.shrinkGradient)) {
              // Shrink: swap the last active label (and its margin) into this slot.
              count -= 1;
              active[rowStart + a] = active[rowStart + count]!;
              active[rowStart + count] = c;
              margins[a] = margins[count]!;
              a -= 1;
              allActive = false;
              continue;
            }
            if (g > 0) pg = 0;
          }
          if (pg > pgMax[c]!) pgMax[c] = pg;
          if (pg < pgMin[c]!) pgMin[c] = pg;
          if (pg === 0) continue;
          const next = Math.max(old - g / norms[i]!, 0);
          const step = (next - old) * y;
          if (step === 0) continue;
          alpha[alphaAt] = next;
          for (let j = 0; j < x.indices.length; j += 1)
            weights[x.indices[j]! * k + c]! += step * x.values[j]!;
          biases[c]! += step * options.bias;
        }
        activeCount[i] = count;
      }
      let converged = true;
      for (let c = 0; c < k; c += 1) {
        if (pgMax[c]! - pgMin[c]! > options.tolerance) converged = false;
        pgMaxOld[c] = pgMax[c]! <= 0 ? Number.POSITIVE_INFINITY : pgMax[c]!;
      }
      if (converged) {
        if (allActive) break;
        activateAll();
        allActive = true;
        pgMaxOld.fill(Number.POSITIVE_INFINITY);
      }
    }
    return new LinearClassifier(
      labelNames,
      weights,
      Float32Array.from(biases, (b) => b * options.bias),
    );
  }
}
