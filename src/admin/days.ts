import { calendarDay, dayLabel, zonedTime } from '../clock.js';

/** Europe/Paris unless the configuration says otherwise (RELAIS_TIMEZONE). */
export const DEFAULT_TIME_ZONE = 'Europe/Paris';

/** The instant a calendar day (YYYY-MM-DD) starts in `timeZone` (midnight local time). */
export function startOfDay(day: string, timeZone = DEFAULT_TIME_ZONE): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedTime(y, m, d, 0, timeZone);
}

/** The calendar day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Local hour (0-23) of `at` in `timeZone`. */
export function localHour(at: Date, timeZone = DEFAULT_TIME_ZONE): number {
  return Number(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(at),
  );
}

/** ISO weekday of `day`: 1 Monday … 7 Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

/** The Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

export { calendarDay, dayLabel };
