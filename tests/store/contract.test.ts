import { describe } from 'vitest';
import { backends } from './backends.js';
import { contractCases } from './contract/index.js';

/**
 * The one contract suite: the same cases against the embedded store and Redis (one server).
 * sentinel.test.ts and cluster.test.ts run it against Redis behind Sentinel and on a Cluster.
 */
describe.each(backends)('store contract on $name', (backend) => {
  contractCases(backend);
});
