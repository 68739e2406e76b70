/** Why an admin operation was refused; channels map each code to a UI string (`admin.error.<code>`). */
export const AdminErrorCode = {
  /** The caller is not declared as an admin in the configuration. */
  NotAllowed: 'not_allowed',
  UnknownIntent: 'unknown_intent',
  UnknownVersion: 'unknown_version',
  NoDraft: 'no_draft',
  /** The input does not pass the same validation as the curated files / the YAML configuration. */
  InvalidInput: 'invalid_input',
  /** Another admin changed the same thing at the same time, repeatedly: try again. */
  Busy: 'busy',
  NotScheduled: 'not_scheduled',
  UnknownSuggestion: 'unknown_suggestion',
  UnknownQueue: 'unknown_queue',
  NoConflict: 'no_conflict',
  /** Versions scheduled for a later date would replace the one being published: cancel or keep them. */
  ScheduledConflict: 'scheduled_conflict',
  /** The answer already has a draft: publish or discard it before starting another one. */
  DraftExists: 'draft_exists',
  /** The suggestion carries no proposed answer text. */
  NoProposedAnswer: 'no_proposed_answer',
  /** The draft still holds a delegate's proposal block (markers included): merge it, then delete it. */
  ProposalUnmerged: 'proposal_unmerged',
  /**
   * A queue edit names someone the configuration does not know (a mistyped member, supervisor or
   * absent delegate): `details` lists the unknown identities.
   */
  UnknownPerson: 'unknown_person',
} as const;
export type AdminErrorCode = (typeof AdminErrorCode)[keyof typeof AdminErrorCode];

/**
 * A coded admin error; `details` lists validation problems (`path: message`), or the unknown ids;
 * `params` fill the placeholders of its UI string (`admin.error.<code>`).
 */
export class AdminError extends Error {
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly details: string[] = [],
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

/** Problems of a zod error as `path: message` lines. */
export function issueLines(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string[] {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}
