import { parentPort, workerData } from 'node:worker_threads';
import { heldOutByRetraining } from './held-out.js';
import { compileLexicon } from './lexicon.js';
import type { HeldOutJob } from './parallel.js';

/** Worker entry: computes the held-out questions that need retraining, posts them back. */
const job = workerData.job as HeldOutJob;
const modelOptions = { ...job.model, lexicon: compileLexicon(job.model.lexicon, job.model.language) };
const questions = heldOutByRetraining(job.examples, modelOptions, job.calibration);
parentPort?.postMessage(questions);
