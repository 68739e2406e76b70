/**
 * Confidence calibration. A raw SVM margin says little on its own; what the conversation needs is
 * "how likely is this intent the right one". The calibrator is a small logistic model over the
 * features of one (question, intent) pair — the intent's margin and its gap to the best rival —
 * fitted on held-out predictions (cross-validation on the training utterances). Because it scores
 * each intent on its own evidence rather than sharing a fixed mass between intents, a confidence of
 * 0.8 keeps meaning "right about 8 times in 10" when intents are added.
 */

/** How many best-ranked intents per question take part in fitting and are reported. */
export const RANKED_DEPTH = 5;

export interface CalibratorParameters {
  /** Weights of [margin, gap to best rival]. */
  weights: [number, number];
  intercept: number;
}

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

/** Pair features of the `depth` best intents: [margin, gap to the best other intent]. */
function pairFeatures(scores: Float32Array, order: readonly number[]): [number, number][] {
  const first = scores[order[0]!]!;
  const second = order.length > 1 ? scores[order[1]!]! : first - 1;
  return order.map((c, rank) => {
    const margin = scores[c]!;
    return [margin, margin - (rank === 0 ? second : first)];
  });
}

/** Fits the calibrator by Newton's method on held-out predictions (L2-regularised, deterministic). */
export function fitCalibrator(predictions: readonly HeldOutPrediction[]): CalibratorParameters {
  const xs: [number, number, number][] = [];
  const ys: number[] = [];
  for (const p of predictions) {
    const order = topIndices(p.scores, RANKED_DEPTH);
    pairFeatures(p.scores, order).forEach(([margin, gap], i) => {
      xs.push([margin, gap, 1]);
      ys.push(order[i] === p.gold ? 1 : 0);
    });
  }
  let beta = [1, 1, 0];
  const ridge = 1e-3;
  for (let iteration = 0; iteration < 50; iteration += 1) {
    const gradient = [0, 0, 0];
    const hessian = [
      [ridge, 0, 0],
      [0, ridge, 0],
      [0, 0, ridge],
    ];
    for (let i = 0; i < xs.length; i += 1) {
      const x = xs[i]!;
      const p = sigmoid(beta[0]! * x[0] + beta[1]! * x[1] + beta[2]! * x[2]);
      const r = p - ys[i]!;
      const w = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < 3; a += 1) {
        gradient[a]! += r * x[a]!;
        for (let b = 0; b < 3; b += 1) hessian[a]![b]! += w * x[a]! * x[b]!;
      }
    }
    for (let a = 0; a < 3; a += 1) gradient[a]! += ridge * beta[a]!;
    const step = solve3(hessian, gradient);
    beta = beta.map((b, a) => b - step[a]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { weights: [beta[0]!, beta[1]!], intercept: beta[2]! };
}

/** Solves a 3×3 linear system by Gaussian elimination with partial pivoting. */
function solve3(matrix: number[][], rhs: number[]): number[] {
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < 3; col += 1) {
    let pivot = col;
    for (let row = col + 1; row < 3; row += 1) if (Math.abs(m[row]![col]!) > Math.abs(m[pivot]![col]!)) pivot = row;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let row = 0; row < 3; row += 1) {
      if (row === col) continue;
      const factor = m[row]![col]! / m[col]![col]!;
      for (let k = col; k < 4; k += 1) m[row]![k]! -= factor * m[col]![k]!;
    }
  }
  return [0, 1, 2].map((i) => m[i]![3]! / m[i]![i]!);
}

/** Calibrated confidences of the best intents, best first. */
export function calibrate(
  scores: Float32Array,
  parameters: CalibratorParameters,
  depth = RANKED_DEPTH,
): { index: number; confidence: number }[] {
  const order = topIndices(scores, Math.min(depth, scores.length));
  const [wMargin, wGap] = parameters.weights;
  return pairFeatures(scores, order).map(([margin, gap], i) => ({
    index: order[i]!,
    confidence: sigmoid(wMargin * margin + wGap * gap + parameters.intercept),
  }));
}
