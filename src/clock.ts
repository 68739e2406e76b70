/**
 * Time source injected wherever time matters (deadlines, validity dates, scheduled versions,
 * retention). Services never call `Date.now()`: tests pin the clock, multi-process tests set it.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can pin and move. */
export class FixedClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Calendar day (YYYY-MM-DD) of an instant in a time zone (default Europe/Paris). */
export function calendarDay(at: Date, timeZone = 'Europe/Paris'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
  return parts;
}

/** A calendar day (YYYY-MM-DD) as people read it: `16/11/2026` in French, the ISO day in English. */
export function dayLabel(day: string, locale: 'fr' | 'en'): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match && locale === 'fr' ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

/** Offset (ms) of `timeZone` from UTC at the instant `at` (+1 h or +2 h for Paris). */
export function timeZoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `timeZone`: `minutes` after local midnight of the calendar
 * day `year-month-day` (month 1-12; minutes may be 1440, the next midnight). DST-correct.
 */
export function zonedTime(year: number, month: number, day: number, minutes: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day) + minutes * 60_000;
  let utc = guess - timeZoneOffsetMs(new Date(guess), timeZone);
  // Re-check once: the guess may sit on the other side of a DST change.
  utc = guess - timeZoneOffsetMs(new Date(utc), timeZone);
  return new Date(utc);
}
