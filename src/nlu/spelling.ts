/**
 * Typo tolerance at the word level: a token the training vocabulary does not know is corrected to
 * the closest known word (Damerau-Levenshtein, symmetric-delete index), or split into known words
 * when it is several words typed together ("arretdetravail"). Character n-grams (features.ts)
 * catch what this misses.
 */

/** Longest edit distance accepted for a token of this length. */
function maxDistance(length: number): number {
  if (length < 4) return 0;
  return length >= 8 ? 2 : 1;
}

function deletes(word: string, depth: number, into: Set<string>): void {
  if (depth === 0 || word.length <= 1) return;
  for (let i = 0; i < word.length; i += 1) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) {
      into.add(shorter);
      deletes(shorter, depth - 1, into);
    }
  }
}

/** Optimal-string-alignment distance, abandoned early beyond `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i += 1) rows.push([i]);
  for (let j = 1; j <= b.length; j += 1) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = d;
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}

/** Corrects unknown tokens against a vocabulary. */
export class SpellingCorrector {
  private readonly index = new Map<string, string[]>();
  private readonly cache = new Map<string, string[]>();

  /** @param vocabulary known tokens with their frequency in the training utterances */
  constructor(private readonly vocabulary: ReadonlyMap<string, number>) {
    for (const word of vocabulary.keys()) {
      if (/\d/.test(word)) continue;
      const variants = new Set<string>([word]);
      deletes(word, maxDistance(word.length), variants);
      for (const variant of variants) {
        const words = this.index.get(variant);
        if (words) words.push(word);
        else this.index.set(variant, [word]);
      }
    }
  }

  /** Returns the tokens to use for `token`: itself when known, else a correction or a split. */
  correct(token: string): string[] {
    if (this.vocabulary.has(token) || /\d/.test(token)) return [token];
    const cached = this.cache.get(token);
    if (cached) return cached;
    const corrected = this.closest(token) ?? this.split(token) ?? token;
    const result = Array.isArray(corrected) ? corrected : [corrected];
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(token, result);
    return result;
  }

  private closest(token: string): string | undefined {
    const limit = maxDistance(token.length);
    if (limit === 0) return undefined;
    const variants = new Set<string>([token]);
    deletes(token, limit, variants);
    let best: string | undefined;
    let bestDistance = limit + 1;
    let bestFrequency = 0;
    const seen = new Set<string>();
    for (const variant of variants) {
      for (const word of this.index.get(variant) ?? []) {
        if (seen.has(word)) continue;
        seen.add(word);
        const distance = editDistance(token, word, Math.min(limit, maxDistance(word.length)));
        const frequency = this.vocabulary.get(word) ?? 0;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = word;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return bestDistance <= limit ? best : undefined;
  }

  /**
   * Splits a run-together token into two or three known words: pieces of at least three letters,
   * or two ("de", "en") inside a long token. Fewest pieces win.
   */
  private split(token: string, depth = 0, minPiece = token.length >= 10 ? 2 : 3): string[] | undefined {
    if (token.length < 2 * minPiece || depth > 1) return undefined;
    let best: string[] | undefined;
    for (let cut = minPiece; cut <= token.length - minPiece; cut += 1) {
      const head = token.slice(0, cut);
      const tail = token.slice(cut);
      if (!this.vocabulary.has(head)) continue;
      const rest = this.vocabulary.has(tail) ? [tail] : this.split(tail, depth + 1, minPiece);
      if (rest && (!best || rest.length + 1 < best.length)) best = [head, ...rest];
    }
    return best;
  }
}
