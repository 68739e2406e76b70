import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Matcher, MatchResult, TrainingExample } from '../../nlu/types.js';
import type { TrainMatcher } from '../matcher-holder.js';
import type { MatchReply, MatcherWorkerData, ReadyMessage } from './worker-protocol.js';

/** The worker's TypeScript entry, loaded through tsx (the sources are run, not built). */
const WORKER_ENTRY = new URL('./matcher-worker.ts', import.meta.url).href;
/** tsx's ESM register API, next to the CommonJS file `require.resolve` finds. */
const TSX_API = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi).then((tsx) => { tsx.register(); return import(workerData.entry); });
`;

/** A match taking longer than this is a stuck worker: the caller gets an error, not a hang. */
const MATCH_TIMEOUT_MS = 2000;

/**
 * A matcher that lives in a worker thread. `match` is synchronous: it posts the question and waits
 * (Atomics.wait, about a millisecond) for the worker's reply. Training happens in the worker
 * before it serves, so building the next matcher never blocks the main thread.
 */
export class WorkerMatcher implements Matcher {
  private nextId = 0;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly signal: Int32Array,
  ) {}

  /** Starts a worker that trains with `trainer` (a module URL exporting `train`) and resolves once it serves. */
  static async start(trainer: string, options: unknown, examples: TrainingExample[]): Promise<WorkerMatcher> {
    const { port1, port2 } = new MessageChannel();
    const shared = new SharedArrayBuffer(4);
    const data: MatcherWorkerData = { trainer, options, examples, signal: shared, port: port2 };
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: { ...data, entry: WORKER_ENTRY, tsxApi: TSX_API },
      transferList: [port2],
    });
    worker.unref();
    port1.unref();
    const ready = await new Promise<ReadyMessage>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`matcher worker exited (${code}) before it was ready`)));
    });
    if (!ready.ready) {
      await worker.terminate();
      throw new Error(`matcher training failed: ${ready.error}`);
    }
    worker.removeAllListeners('exit');
    return new WorkerMatcher(worker, port1, new Int32Array(shared));
  }

  match(text: string): MatchResult {
    const id = ++this.nextId;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ id, text });
    const deadline = Date.now() + MATCH_TIMEOUT_MS;
    for (;;) {
      const received = receiveMessageOnPort(this.port);
      if (received) {
        const reply = received.message as MatchReply;
        if (reply.id !== id) continue; // a late reply to a timed-out request
        if ('error' in reply) throw new Error(`matcher worker: ${reply.error}`);
        return reply.result;
      }
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('matcher worker did not answer in time');
      Atomics.wait(this.signal, 0, 0, left);
      Atomics.store(this.signal, 0, 0);
    }
  }

  /** Stops the worker (after a swap). */
  async dispose(): Promise<void> {
    this.port.close();
    await this.worker.terminate();
  }
}

/** A `TrainMatcher` that trains and serves each new matcher in its own worker thread. */
export function workerTrainer(trainer: URL | string, options: unknown = {}): TrainMatcher {
  const url = trainer.toString();
  return (examples) => WorkerMatcher.start(url, options, examples);
}
