/** The conversation core's public surface: what the composition root, channels and CLIs import. */
export { type ClinicalGuard, createClinicalGuard } from './clinical-guard.js';
export { CONVERSATION_COLLECTIONS } from './collections.js';
export { ConversationService } from './conversation.js';
export type { RecentTurn, RecentTurns } from './history.js';
export { containsNir, maskNir, NIR_MASK } from './privacy.js';
export type { FeedbackRecord, SuggestionRecord, TranscriptRecord } from './records.js';
export {
  type ConversationLimits,
  type ConversationOptions,
  type IntentDirectory,
  intentDirectory,
} from './turn.js';
