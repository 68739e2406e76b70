import type { SparseVector } from './features.js';
import { shuffle } from './shuffle.js';

/**
 * Crammer–Singer multi-class linear SVM, trained by the sequential dual method of Keerthi et al.
 * (KDD 2008), as in LIBLINEAR's `MCSVM_CS` solver: one small sub-problem per example over its
 * dual variables (one per label, summing to zero), with shrinking of the labels — and then of the
 * examples — that can no longer move. Unlike one-vs-rest, the intents compete in one problem:
 * an intent's weights are pushed only where it is confused with the gold one.
 */

export interface CrammerSingerOptions {
  /** Inverse regularisation strength. */
  c: number;
  /** Stopping tolerance on the largest gradient gap of a sub-problem. */
  tolerance: number;
  maxEpochs: number;
  /** Value of the constant feature that carries each label's bias. */
  bias: number;
}

/** Label-major weights (feature-major layout: `weights[feature * k + label]`) and biases. */
export interface LinearWeights {
  weights: Float32Array;
  biases: Float32Array;
}

/** Trains the Crammer–Singer SVM on sparse vectors; `labels[i]` indexes the `k` labels. */
export function trainCrammerSinger(
  vectors: readonly SparseVector[],
  labels: readonly number[],
  k: number,
  dimension: number,
  options: CrammerSingerOptions,
): LinearWeights {
  const n = vectors.length;
  const { c, bias } = options;
  const weights = new Float32Array(dimension * k);
  const biases = new Float64Array(k);
  const alpha = new Float64Array(n * k);
  const norms = vectors.map((x) => {
    let s = bias * bias;
    for (const v of x.values) s += v * v;
    return s;
  });
  // active[i*k .. i*k+activeCount[i]) lists the labels still active for example i.
  const active = k <= 0xffff ? new Uint16Array(n * k) : new Int32Array(n * k);
  const activeCount = new Int32Array(n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let activeExamples = n;
  const activateAll = (): void => {
    for (let i = 0; i < n; i += 1) {
      for (let m = 0; m < k; m += 1) active[i * k + m] = m;
      activeCount[i] = k;
    }
    activeExamples = n;
  };
  activateAll();
  const g = new Float64Array(k);
  const b = new Float64Array(k);
  const d = new Float64Array(k);
  let shrinkTolerance = Math.max(10 * options.tolerance, 1);
  let startFromAll = true;
  for (let epoch = 0; epoch < options.maxEpochs; epoch += 1) {
    shuffle(order, epoch + 1, activeExamples);
    let stopping = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < activeExamples; s += 1) {
      const i = order[s]!;
      const x = vectors[i]!;
      const y = labels[i]!;
      const row = i * k;
      let count = activeCount[i]!;
      for (let a = 0; a < count; a += 1) {
        const m = active[row + a]!;
        g[a] = biases[m]! * bias + (m === y ? 0 : 1);
      }
      if (count === k) {
        // No label shrunk since the last activation: labels sit in their own slots, read in order.
        for (let j = 0; j < x.indices.length; j += 1) {
          const base = x.indices[j]! * k;
          const v = x.values[j]!;
          for (let m = 0; m < k; m += 1) g[m]! += v * weights[base + m]!;
        }
      } else {
        for (let j = 0; j < x.indices.length; j += 1) {
          const base = x.indices[j]! * k;
          const v = x.values[j]!;
          for (let a = 0; a < count; a += 1) g[a]! += v * weights[base + active[row + a]!]!;
        }
      }
      let minG = Number.POSITIVE_INFINITY;
      let maxG = Number.NEGATIVE_INFINITY;
      for (let a = 0; a < count; a += 1) {
        const m = active[row + a]!;
        if (m === y ? alpha[row + m]! < c : alpha[row + m]! < 0) minG = Math.min(minG, g[a]!);
        maxG = Math.max(maxG, g[a]!);
      }
      // Shrink the labels at their bound whose gradient is below every free one.
      for (let a = 0; a < count; a += 1) {
        const m = active[row + a]!;
        if (alpha[row + m] === (m === y ? c : 0) && g[a]! < minG) {
          count -= 1;
          active[row + a] = active[row + count]!;
          active[row + count] = m;
          const t = g[a]!;
          g[a] = g[count]!;
          g[count] = t;
          a -= 1;
        }
      }
      activeCount[i] = count;
      if (count <= 1) {
        activeExamples -= 1;
        order[s] = order[activeExamples]!;
        order[activeExamples] = i;
        s -= 1;
        continue;
      }
      if (maxG - minG <= 1e-12) continue;
      stopping = Math.max(stopping, maxG - minG);
      // Sub-problem: min ½A‖α‖² + Bα  s.t. Σα = 0, α_y ≤ C, α_m ≤ 0 (m ≠ y).
      const norm = norms[i]!;
      for (let a = 0; a < count; a += 1) {
        const m = active[row + a]!;
        b[a] = g[a]! - norm * alpha[row + m]!;
        d[a] = b[a]! + (m === y ? norm * c : 0);
      }
      const sorted = d.subarray(0, count).sort();
      let beta = sorted[count - 1]! - norm * c;
      let r = 1;
      for (; r < count && beta < r * sorted[count - 1 - r]!; r += 1) beta += sorted[count - 1 - r]!;
      beta /= r;
      for (let a = 0; a < count; a += 1) {
        const m = active[row + a]!;
        const next = Math.min(m === y ? c : 0, (beta - b[a]!) / norm);
        const step = next - alpha[row + m]!;
        if (Math.abs(step) < 1e-12) continue;
        alpha[row + m] = next;
        for (let j = 0; j < x.indices.length; j += 1) weights[x.indices[j]! * k + m]! += step * x.values[j]!;
        biases[m]! += step * bias;
      }
    }
    if (stopping < shrinkTolerance) {
      if (stopping < options.tolerance && startFromAll) break;
      activateAll();
      shrinkTolerance = Math.max(shrinkTolerance / 2, options.tolerance);
      startFromAll = true;
    } else {
      startFromAll = false;
    }
  }
  return { weights, biases: Float32Array.from(biases, (value) => value * bias) };
}
