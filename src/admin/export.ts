import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { Clock } from '../clock.js';
import { ANSWER_LOCALE, type Catalogue } from '../content/catalogue.js';
import type { Store } from '../store/contract.js';
import { AnswerRepository } from './answer-repo.js';
import { answerStates } from './reports/data.js';
import { effectiveUtterances, UtteranceOverlays } from './utterances.js';

/**
 * Writes the content as it is served now back to files, so that reviewed runtime edits can return
 * to the repository: `intents/<topic>/<id>.yaml` with the utterances including runtime overlays,
 * `messages/fr/answers/<topic>/<id>.yaml` with the answer in force (a retired answer keeps its last
 * text), and every other file under `messages/` copied as is. The result passes
 * `relais intents validate`.
 */

export interface ExportReport {
  intents: number;
  answers: number;
  /** Answers whose exported text differs from the curated file (runtime edits). */
  changedAnswers: string[];
  changedUtterances: string[];
}

const HEADER = '# Exported by `relais intents export --format yaml` from the store (runtime edits included).\n';

function write(out: string, file: string, value: unknown): void {
  const target = path.join(out, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, HEADER + stringify(value, { lineWidth: 0 }));
}

export async function exportContent(options: {
  catalogue: Catalogue;
  contentDir: string;
  store: Store;
  clock: Clock;
  out: string;
}): Promise<ExportReport> {
  const { catalogue, out } = options;
  const overlays = await new UtteranceOverlays(options.store, catalogue.intents, options.clock).all();
  const utterances = effectiveUtterances(catalogue.intents, overlays);
  const states = new Map((await answerStates(options.store, options.clock.now())).map((s) => [s.intentId, s]));
  const report: ExportReport = { intents: 0, answers: 0, changedAnswers: [], changedUtterances: [] };

  fs.mkdirSync(out, { recursive: true });
  const messagesDir = path.join(options.contentDir, 'messages');
  if (fs.existsSync(messagesDir)) {
    fs.cpSync(messagesDir, path.join(out, 'messages'), {
      recursive: true,
      filter: (src) => !path.relative(messagesDir, src).startsWith(path.join(ANSWER_LOCALE, 'answers')),
    });
  }
  for (const intent of catalogue.intents.values()) {
    const texts = utterances.get(intent.id) ?? intent.utterances;
    if (overlays.has(intent.id)) report.changedUtterances.push(intent.id);
    write(out, `intents/${intent.topic}/${intent.id}.yaml`, {
      id: intent.id,
      topic: intent.topic,
      queueHint: intent.queueHint,
      related: intent.related,
      utterances: texts,
    });
    report.intents++;
  }
  for (const answer of catalogue.answers.values()) {
    const topic = catalogue.intents.get(answer.id)?.topic;
    if (!topic) continue;
    const state = states.get(answer.id);
    const { id: _id, file: _file, contentHash: _hash, ...fileContent } = answer;
    let content = state?.content ?? fileContent;
    if (state && !state.content && state.head.retired) {
      // Retired: export the text it had, as the files have no notion of retirement.
      const versions = state.head.timeline.filter((e) => !e.cancelledAt).sort((a, b) => b.n - a.n);
      content = versions.length > 0 ? ((await latestContent(options.store, answer.id, versions[0]!.n)) ?? fileContent) : fileContent;
    }
    if (JSON.stringify(content) !== JSON.stringify(fileContent)) report.changedAnswers.push(answer.id);
    write(out, `messages/${ANSWER_LOCALE}/answers/${topic}/${answer.id}.yaml`, {
      id: answer.id,
      title: content.title,
      text: content.text,
      sources: content.sources,
      validFrom: content.validFrom,
      ...(content.validUntil ? { validUntil: content.validUntil } : {}),
      reviewBy: content.reviewBy,
      offerDelegate: content.offerDelegate,
      kind: content.kind,
    });
    report.answers++;
  }
  return report;
}

async function latestContent(store: Store, intentId: string, n: number) {
  return (await new AnswerRepository(store).version(intentId, n))?.content ?? null;
}
