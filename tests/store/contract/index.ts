import type { Backend } from '../backends.js';
import { changeAndAuditCases } from './changes.js';
import { documentCases } from './documents.js';
import { keyCases } from './keys.js';
import { outboxCases } from './outbox.js';

/** Every case of the store contract, against one backend. */
export function contractCases(backend: Backend): void {
  documentCases(backend);
  outboxCases(backend);
  keyCases(backend);
  changeAndAuditCases(backend);
}
