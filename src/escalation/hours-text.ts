import type { Locale } from '../model/message.js';
import type { MessageCatalogue } from '../model/messages-port.js';
import type { HolidayCalendar, WeeklyHours } from './config.js';

/** Monday first, as French opening hours are read. */
const WEEK: Array<keyof WeeklyHours> = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * A queue's opening hours in words, e.g. « du lundi au vendredi 08:30–12:30, 13:30–17:00 ;
 * samedi 09:00–12:00 (hors jours fériés) ». Consecutive days with the same hours are grouped.
 */
export function describeOpeningHours(
  hours: WeeklyHours,
  calendar: HolidayCalendar,
  locale: Locale,
  messages: MessageCatalogue,
): string {
  const t = (key: string, params?: Record<string, string>) => messages.t(locale, key, params);
  const groups: Array<{ from: keyof WeeklyHours; to: keyof WeeklyHours; ranges: string }> = [];
  for (const day of WEEK) {
    const ranges = hours[day].map((range) => range.replace('-', '–')).join(', ');
    if (!ranges) continue;
    const last = groups.at(-1);
    const previousDay = WEEK[WEEK.indexOf(day) - 1];
    if (last && last.ranges === ranges && last.to === previousDay) last.to = day;
    else groups.push({ from: day, to: day, ranges });
  }
  const parts = groups.map(({ from, to, ranges }) => {
    const days =
      from === to
        ? t(`escalation.weekday.${from}`)
        : t('escalation.hours.days_span', { from: t(`escalation.weekday.${from}`), to: t(`escalation.weekday.${to}`) });
    return `${days} ${ranges}`;
  });
  return t(calendar === 'alsace-moselle' ? 'escalation.hours.alsace_moselle' : 'escalation.hours.national', {
    hours: parts.join(' ; '),
  });
}
