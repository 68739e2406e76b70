/**
 * Deterministic Fisher-Yates shuffle of `order[0..length)` (xorshift), so that training is
 * reproducible: the same seed gives the same order.
 */
export function shuffle(order: Int32Array, seed: number, length = order.length): void {
  let state = seed | 0 || 1;
  for (let i = length - 1; i > 0; i -= 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = (state >>> 0) % (i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}
