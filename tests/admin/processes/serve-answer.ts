/**
 * A second Relais instance for the live-update test: opens the store at REDIS_URL/REDIS_PREFIX,
 * builds the versioned answer source (notification + counter polling) and prints, as JSON lines,
 * the text it serves for INTENT each time it changes. Reads only its in-memory cache to answer.
 */
import { createVersionedAnswerSource } from '../../../src/admin/answer-source.js';
import { readContent } from '../../../src/content/catalogue.js';
import { systemClock } from '../../../src/clock.js';
import { createStore } from '../../../src/store/index.js';
import pino from 'pino';

const { REDIS_URL, REDIS_PREFIX, INTENT, CONTENT_DIR } = process.env;
const store = await createStore({
  redisUrl: REDIS_URL!,
  redisPrefix: REDIS_PREFIX!,
  dataDir: '/tmp',
  logger: pino({ level: 'silent' }),
});
const { catalogue } = readContent(CONTENT_DIR!);
const source = await createVersionedAnswerSource({ store, answers: catalogue.answers, clock: systemClock, pollMs: 1000 });
let last: string | undefined;
const tick = async () => {
  const text = (await source.current(INTENT!, systemClock.now()))?.text;
  if (text !== last) {
    last = text;
    process.stdout.write(`${JSON.stringify({ text, at: Date.now() })}\n`);
  }
};
await tick();
const timer = setInterval(() => void tick(), 20);
process.on('SIGTERM', async () => {
  clearInterval(timer);
  await source.stop();
  await store.close();
  process.exit(0);
});
