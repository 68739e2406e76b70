import { stripAccents } from '../nlu/normalize.js';

/**
 * The admin answer search: what an admin types is folded (case, accents) and split into words;
 * an answer matches when every word is found somewhere in it (id, title, topic, answer text,
 * utterances). Matches in the id or title rank first: those are what the admin usually means.
 */

/** What a search looks at in one answer. */
export interface SearchableAnswer {
  intentId: string;
  title: string;
  topic: string;
  text: string;
  utterances: readonly string[];
}

/** "Arrêt  3 jours" → `arret 3 jours`; `_` stays so that an intent id is one word. */
function fold(text: string): string {
  return stripAccents(text.toLowerCase());
}

/** The query's words, folded (empty: the search lists everything). */
export function searchWords(query: string): string[] {
  return fold(query)
    .split(/[^a-z0-9_]+/)
    .filter((word) => word.length > 0);
}

/**
 * How well `answer` matches `words`: null when a word is found nowhere, else a score where each
 * word found in the id or title counts for more than any number of words found elsewhere only.
 */
export function searchScore(words: readonly string[], answer: SearchableAnswer): number | null {
  if (words.length === 0) return 0;
  const head = fold(`${answer.intentId} ${answer.title}`);
  const topic = fold(answer.topic);
  const body = fold([answer.text, ...answer.utterances].join('\n'));
  let score = 0;
  for (const word of words) {
    if (head.includes(word)) score += 1000;
    else if (topic.includes(word)) score += 10;
    else if (body.includes(word)) score += 1;
    else return null;
  }
  return score;
}

/** Keeps the matching answers, best first (then by intent id, for a stable list). */
export function rankAnswers<T>(words: readonly string[], items: readonly T[], view: (item: T) => SearchableAnswer): T[] {
  const scored: Array<{ item: T; id: string; score: number }> = [];
  for (const item of items) {
    const answer = view(item);
    const score = searchScore(words, answer);
    if (score !== null) scored.push({ item, id: answer.intentId, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).map((s) => s.item);
}
