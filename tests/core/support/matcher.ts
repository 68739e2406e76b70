import type { Catalogue } from '../../../src/content/catalogue.js';
import { normaliseUtterance } from '../../../src/content/normalise.js';
import type { IntentScore, Matcher } from '../../../src/nlu/types.js';

/**
 * TEMPORARY stand-in until the real matcher's factory lands: token overlap with the curated
 * utterances. Replaced by the real matcher (src/nlu/) as soon as it exports its factory.
 */
export function createTestMatcher(catalogue: Pick<Catalogue, 'intents'>): Matcher {
  const examples = [...catalogue.intents.values()].flatMap((i) =>
    i.utterances.map((u) => ({ intent: i.id, tokens: new Set(normaliseUtterance(u).split(' ')) })),
  );
  return {
    match(text) {
      const tokens = new Set(normaliseUtterance(text).split(' '));
      const best = new Map<string, number>();
      for (const e of examples) {
        const shared = [...tokens].filter((t) => e.tokens.has(t)).length;
        const score = shared / new Set([...tokens, ...e.tokens]).size;
        best.set(e.intent, Math.max(best.get(e.intent) ?? 0, score));
      }
      const ranked: IntentScore[] = [...best]
        .map(([intent, confidence]) => ({ intent, confidence }))
        .sort((a, b) => b.confidence - a.confidence);
      const [first, second] = ranked;
      if (!first || first.confidence < 0.2) return { ranked, decision: 'fallback', chosen: [] };
      if (first.confidence >= 0.45 && first.confidence - (second?.confidence ?? 0) > 0.1) {
        return { ranked, decision: 'answer', chosen: [first.intent] };
      }
      return { ranked, decision: 'suggest', chosen: ranked.slice(0, 3).map((r) => r.intent) };
    },
  };
}
