import type { OutboxItem } from '../store/contract.js';
import { cardRefHook } from './card-refs.js';
import { EscalationContext, type EscalationDeps } from './context.js';
import { DeadlineJob } from './deadlines.js';
import { DelegateService } from './delegates.js';
import { erasureHook } from './erasure-notice.js';
import { combineHooks, type OutboxHook } from './outbox.js';
import { EscalationService } from './service.js';
import { DelegateViews } from './views.js';

/**
 * Escalation, assembled: the port the conversation core calls, the delegates' operations and
 * views (for every channel), the deadline job (for the scheduler) and the outbox hook that keeps
 * card references and withdraws what an erasure made obsolete (for the outbox worker).
 */
export interface EscalationModule {
  service: EscalationService;
  delegates: DelegateService;
  views: DelegateViews;
  deadlines: DeadlineJob;
  /** Card references, and withdrawal of an erased escalation's notifications (add to the outbox worker). */
  outboxHook: OutboxHook;
  /** Pass to the OutboxWorker's `onDeadLetter`: counts dead letters in the metrics. */
  onDeadLetter: (item: OutboxItem) => void;
  context: EscalationContext;
}

export function createEscalation(deps: EscalationDeps): EscalationModule {
  const context = new EscalationContext(deps);
  const delegates = new DelegateService(context);
  const views = new DelegateViews(context);
  return {
    service: new EscalationService(context),
    delegates,
    views,
    deadlines: new DeadlineJob(context, delegates, views),
    outboxHook: combineHooks(erasureHook(deps.store), cardRefHook(deps.store, context.retentionMs)),
    onDeadLetter: (item) => deps.metrics.deadLetters.inc({ channel: item.channel }),
    context,
  };
}

export type { EscalationDeps } from './context.js';
export { checkEscalationConfigChoice, loadEscalationConfig, parseEscalationConfig } from './config.js';
export { importEscalationConfig, staticDirectory, storedDirectory } from './directory.js';
export { createEscalationMetrics } from './metrics.js';
export {
  classifyError,
  classifyHttpStatus,
  type Deliverer,
  type DeliveryResult,
  OutboxWorker,
} from './outbox.js';
export { parseSatisfactionValue, satisfactionValue } from './delegates.js';
