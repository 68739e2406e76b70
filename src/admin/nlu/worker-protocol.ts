import type { MessagePort } from 'node:worker_threads';
import type { MatchResult, TrainingExample } from '../../nlu/types.js';

/** What the matcher worker is started with. */
export interface MatcherWorkerData {
  /** URL of a module exporting `train(examples, options): Matcher` (run inside the worker). */
  trainer: string;
  options: unknown;
  examples: TrainingExample[];
  /** One Int32 slot: the worker sets it to 1 and notifies when a reply is on `port`. */
  signal: SharedArrayBuffer;
  port: MessagePort;
}

export interface MatchRequest {
  id: number;
  text: string;
}

export type MatchReply = { id: number; result: MatchResult } | { id: number; error: string };

/** Posted on the worker's parent port once trained (or not). */
export type ReadyMessage = { ready: true; examples: number; ms: number } | { ready: false; error: string };
