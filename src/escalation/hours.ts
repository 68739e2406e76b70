import Holidays from 'date-holidays';
import { type HolidayCalendar, toMinutes, WEEKDAYS, type WeeklyHours } from './config.js';
import { zonedTime } from '../clock.js';

/**
 * Opening hours and deadlines counted in opening hours. Local times are Europe/Paris wall-clock
 * times, converted to instants day by day, so that a DST change shortens or lengthens nothing but the
 * night. French public holidays come from `date-holidays` (FR); the Alsace-Moselle calendar is the
 * Moselle department's (FR-57), which adds Good Friday and 26 December.
 */

export interface OpeningSchedule {
  hours: WeeklyHours;
  calendar: HolidayCalendar;
  timeZone?: string;
}

const PARIS = 'Europe/Paris';
const DAY_MS = 24 * 60 * 60 * 1000;
/** Beyond a year without an opening hour, the schedule is considered closed for good. */
const MAX_DAYS = 400;

const holidayDays = new Map<string, Set<string>>();

/** Public holidays (YYYY-MM-DD) of `year` in a calendar. */
export function publicHolidays(calendar: HolidayCalendar, year: number): Set<string> {
  const cacheKey = `${calendar}:${year}`;
  let days = holidayDays.get(cacheKey);
  if (!days) {
    const hd = calendar === 'alsace-moselle' ? new Holidays('FR', '57') : new Holidays('FR');
    days = new Set(
      (hd.getHolidays(year) || []).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)),
    );
    holidayDays.set(cacheKey, days);
  }
  return days;
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

function localDayOf(at: Date, timeZone: string): LocalDay {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

/** The instant of a wall-clock time in `timeZone` (minutes since local midnight, may be 1440). */
export function zonedInstant(day: LocalDay, minutes: number, timeZone = PARIS): Date {
  return zonedTime(day.year, day.month, day.day, minutes, timeZone);
}

function addDays(day: LocalDay, n: number): LocalDay {
  const d = new Date(Date.UTC(day.year, day.month - 1, day.day) + n * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function isoOf(day: LocalDay): string {
  return `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/** The opening intervals of one local day, as instants (empty on a closed day or a holiday). */
export function openingIntervals(schedule: OpeningSchedule, day: LocalDay): Array<[Date, Date]> {
  const tz = schedule.timeZone ?? PARIS;
  if (publicHolidays(schedule.calendar, day.year).has(isoOf(day))) return [];
  const weekday = WEEKDAYS[new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay()]!;
  return schedule.hours[weekday].map((range) => {
    const [from, to] = range.split('-') as [string, string];
    return [zonedInstant(day, toMinutes(from), tz), zonedInstant(day, toMinutes(to), tz)];
  });
}

/** Walks the opening intervals that end after `at`, in order. */
function* intervalsFrom(schedule: OpeningSchedule, at: Date): Generator<[Date, Date]> {
  const start = localDayOf(at, schedule.timeZone ?? PARIS);
  for (let i = 0; i < MAX_DAYS; i++) {
    for (const [from, to] of openingIntervals(schedule, addDays(start, i))) {
      if (to.getTime() > at.getTime()) yield [from, to];
    }
  }
}

/** True when `at` falls inside an opening interval. */
export function isOpen(schedule: OpeningSchedule, at: Date): boolean {
  for (const [from] of intervalsFrom(schedule, at)) return from.getTime() <= at.getTime();
  return false;
}

/** `at` itself when open, else the start of the next opening interval (null: never opens). */
export function nextOpening(schedule: OpeningSchedule, at: Date): Date | null {
  for (const [from] of intervalsFrom(schedule, at)) {
    return from.getTime() <= at.getTime() ? new Date(at) : from;
  }
  return null;
}

/**
 * The instant when `hours` opening hours have elapsed from `start` (time outside opening hours does
 * not count). Null when the schedule has no opening hours within a year.
 */
export function addOpeningHours(schedule: OpeningSchedule, start: Date, hours: number): Date | null {
  let remaining = Math.round(hours * 3_600_000);
  for (const [from, to] of intervalsFrom(schedule, start)) {
    const begin = Math.max(from.getTime(), start.getTime());
    const length = to.getTime() - begin;
    if (remaining <= length) return new Date(begin + remaining);
    remaining -= length;
  }
  return null;
}
