/**
 * Runs in a worker thread: trains a matcher with the given trainer module, tells the parent it is
 * ready, then answers match requests on its port. The parent waits for each reply synchronously
 * (Atomics), so `Matcher.match` stays synchronous for the core while training never runs on the
 * main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Matcher } from '../../nlu/types.js';
import type { MatchReply, MatchRequest, MatcherWorkerData, ReadyMessage } from './worker-protocol.js';

const data = workerData as MatcherWorkerData;
const signal = new Int32Array(data.signal);

function reply(message: MatchReply): void {
  data.port.postMessage(message);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

try {
  const started = Date.now();
  const trainer = (await import(data.trainer)) as { train(examples: unknown, options: unknown): Matcher | Promise<Matcher> };
  const matcher = await trainer.train(data.examples, data.options);
  data.port.on('message', (request: MatchRequest) => {
    try {
      reply({ id: request.id, result: matcher.match(request.text) });
    } catch (error) {
      reply({ id: request.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  parentPort!.postMessage({ ready: true, examples: data.examples.length, ms: Date.now() - started } satisfies ReadyMessage);
} catch (error) {
  parentPort!.postMessage({ ready: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ReadyMessage);
}
