import { Locale } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';

/**
 * A delegate's proposed FAQ answer is not a finished answer (it is every reply they sent, courtesy
 * lines included). A draft made from it keeps the curated text and adds the proposal below it,
 * between two markers worded in messages/<locale>/ui/admin.yaml (`admin.draft.proposal_start` /
 * `_end`); the admin merges what belongs and deletes the block. Publishing is refused while a start
 * marker (in any of the console's languages) is still in the text.
 */

/** The markers of a proposal block, in the answer's language. */
export interface ProposalMarkers {
  start: string;
  end: string;
}

/** The markers in `locale` (the answers are written in French: `fr` by default). */
export function proposalMarkers(messages: MessageCatalogue, locale: Locale = 'fr'): ProposalMarkers {
  return { start: messages.t(locale, 'admin.draft.proposal_start'), end: messages.t(locale, 'admin.draft.proposal_end') };
}

/** Every start marker a text may still carry (whatever the language the draft was made in). */
export function allProposalStarts(messages: MessageCatalogue): string[] {
  return Locale.options.filter((l) => messages.has(l, 'admin.draft.proposal_start')).map((l) => proposalMarkers(messages, l).start);
}

/** `current` followed by the marked block holding `proposal`. */
export function withProposalBlock(current: string, proposal: string, markers: ProposalMarkers): string {
  return [current.trimEnd(), '', markers.start, proposal.trim(), markers.end].join('\n');
}

/** Whether `text` still holds an unmerged proposal block. */
export function hasProposalBlock(text: string, starts: readonly string[]): boolean {
  return starts.some((start) => text.includes(start));
}
