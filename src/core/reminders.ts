import { calendarDay } from '../clock.js';
import type { DocWrite, Store } from '../store/contract.js';
import { CONVERSATION_COLLECTIONS, userPrefix } from './collections.js';

/**
 * The reminder not to send patient-identifying data, shown once per professional per calendar day
 * (the first message of the day).
 */

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

interface ReminderRecord {
  user: string;
  at: string;
  day: string;
}

function reminderId(user: string): string {
  return `${userPrefix(user)}reminder`;
}

/** True when the reminder was not shown to `user` yet on the day of `now`. */
export async function reminderDue(store: Store, user: string, now: Date, timeZone: string): Promise<boolean> {
  const doc = await store.get<ReminderRecord>(CONVERSATION_COLLECTIONS.privacyReminders, reminderId(user));
  return doc?.value.day !== calendarDay(now, timeZone);
}

/** The write that records the reminder as shown today (committed with the turn). */
export function reminderShown(user: string, now: Date, timeZone: string): DocWrite {
  const value: ReminderRecord = { user, at: now.toISOString(), day: calendarDay(now, timeZone) };
  return {
    collection: CONVERSATION_COLLECTIONS.privacyReminders,
    id: reminderId(user),
    value,
    ttlMs: TWO_DAYS_MS,
  };
}
