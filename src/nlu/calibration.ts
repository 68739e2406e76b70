/**
 * Confidence calibration. A raw SVM margin says little on its own; what the conversation needs is
 * "how likely is this intent the right one". The calibrator is a small logistic model over the
 * evidence for one (question, intent) pair — the intent's margin, its gap to the best rival, and
 * how much of the question the training vocabulary covers — fitted on held-out predictions
 * (cross-validation on the training utterances). Because it scores each intent on its own evidence
 * rather than sharing a fixed mass between intents, a confidence of 0.8 keeps meaning "right about
 * 8 times in 10" when intents are added.
 */

/** What the model says about one question. */
export interface Evidence {
  /** Raw margin of every intent. */
  scores: Float32Array;
  /** Share of the question's words (IDF-weighted) that the training utterances contain, in [0, 1]. */
  coverage: number;
  /** Margin of the lexicon's out-of-scope class, when there is one: a rival of every intent. */
  outOfScope?: number;
}

/** Held-out evidence with the gold intent's index. */
export interface HeldOutPrediction extends Evidence {
  gold: number;
}

export interface CalibratorParameters {
  /** Weights of [margin, gap to best rival, coverage]. */
  weights: number[];
  intercept: number;
}

/** How many best-ranked intents per question take part in fitting and are reported. */
export const RANKED_DEPTH = 5;

/** Held-out prediction: raw margins of every intent and the gold intent's index. */
export interface HeldOutPrediction {
  scores: Float32Array;
  gold: number;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** Indices of the `depth` highest scores, best first. */
export function topIndices(scores: Float32Array, depth: number): number[] {
  const best: number[] = [];
  for (let c = 0; c < scores.length; c += 1) {
    if (best.length < depth || scores[c]! > scores[best[best.length - 1]!]!) {
      let at = best.length;
      while (at > 0 && scores[best[at - 1]!]! < scores[c]!) at -= 1;
      best.splice(at, 0, c);
      if (best.length > depth) best.pop();
    }
  }
  return best;
}

/**
 * Features of the `order` intents: [margin, gap to the best rival, coverage]. The rival of the
 * best intent is the second one, or the out-of-scope class when it scores higher.
 */
function pairFeatures(evidence: Evidence, order: readonly number[]): number[][] {
  const { scores, coverage } = evidence;
  const outOfScope = evidence.outOfScope ?? Number.NEGATIVE_INFINITY;
  const first = Math.max(scores[order[0]!]!, outOfScope);
  const second = Math.max(order.length > 1 ? scores[order[1]!]! : scores[order[0]!]! - 1, outOfScope);
  return order.map((c, rank) => {
    const margin = scores[c]!;
    return [margin, margin - (rank === 0 ? second : first), coverage];
  });
}

/**
 * Fits the calibrator by Newton's method on held-out predictions. The ridge keeps it sane when
 * held-out predictions are few or perfectly separated (tiny training sets).
 */
export function fitCalibrator(predictions: readonly HeldOutPrediction[], ridge = 1): CalibratorParameters {
  const xs: number[][] = [];
  const ys: number[] = [];
  for (const p of predictions) {
    const order = topIndices(p.scores, RANKED_DEPTH);
    pairFeatures(p, order).forEach((features, i) => {
      xs.push([...features, 1]);
      ys.push(order[i] === p.gold ? 1 : 0);
    });
  }
  const m = xs[0]?.length ?? 4;
  let beta = new Array<number>(m).fill(0);
  for (let iteration = 0; iteration < 100; iteration += 1) {
    const gradient = beta.map((b, a) => (a < m - 1 ? ridge * b : 0));
    const hessian = beta.map((_, a) =>
      beta.map((__, b) => (a === b && a < m - 1 ? ridge : a === b ? 1e-9 : 0)),
    );
    for (let i = 0; i < xs.length; i += 1) {
      const x = xs[i]!;
      const p = sigmoid(dot(beta, x));
      const r = p - ys[i]!;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < m; a += 1) {
        gradient[a]! += r * x[a]!;
        for (let b = 0; b < m; b += 1) hessian[a]![b]! += w * x[a]! * x[b]!;
      }
    }
    const step = solve(hessian, gradient);
    beta = beta.map((b, a) => b - step[a]!);
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  return { weights: beta.slice(0, m - 1), intercept: beta[m - 1]! };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
}

/** Solves a small linear system by Gaussian elimination with partial pivoting. */
function solve(matrix: number[][], rhs: number[]): number[] {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < n; row += 1)
      if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < n; row += 1) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k <= n; k += 1) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Calibrated confidences of the best intents, best first. */
export function calibrate(
  evidence: Evidence,
  parameters: CalibratorParameters,
  depth = RANKED_DEPTH,
): { index: number; confidence: number }[] {
  const order = topIndices(evidence.scores, Math.min(depth, evidence.scores.length));
  return pairFeatures(evidence, order)
    .map((features, i) => ({
      index: order[i]!,
      confidence: sigmoid(dot(parameters.weights, features) + parameters.intercept),
    }))
    .sort((a, b) => b.confidence - a.confidence);
}
