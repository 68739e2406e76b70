import { describe } from 'vitest';
import { backends } from './backends.js';
import { changeAndAuditCases } from './contract/changes.js';
import { documentCases } from './contract/documents.js';
import { keyCases } from './contract/keys.js';
import { outboxCases } from './contract/outbox.js';

/** The one contract suite: the same cases against the embedded store and Redis. */
describe.each(backends)('store contract on $name', (backend) => {
  documentCases(backend);
  outboxCases(backend);
  keyCases(backend);
  changeAndAuditCases(backend);
});
