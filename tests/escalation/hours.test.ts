import { describe, expect, it } from 'vitest';
import type { WeeklyHours } from '../../src/escalation/config.js';
import { addOpeningHours, isOpen, nextOpening, type OpeningSchedule } from '../../src/escalation/hours.js';
import { describeOpeningHours } from '../../src/escalation/hours-text.js';
import { messages } from './helpers.js';

const office: WeeklyHours = {
  sun: [],
  mon: ['08:30-12:30', '13:30-17:30'],
  tue: ['08:30-12:30', '13:30-17:30'],
  wed: ['08:30-12:30', '13:30-17:30'],
  thu: ['08:30-12:30', '13:30-17:30'],
  fri: ['08:30-12:30', '13:30-17:30'],
  sat: [],
};
const national: OpeningSchedule = { hours: office, calendar: 'national' };
const alsace: OpeningSchedule = { hours: office, calendar: 'alsace-moselle' };
const iso = (d: Date | null) => d?.toISOString();

describe('opening hours (Europe/Paris)', () => {
  it('skips the weekend: Friday 16:00 + 4 opening hours is Monday 11:00 (1.5 h + 2.5 h)', () => {
    expect(iso(addOpeningHours(national, new Date('2026-11-27T16:00:00+01:00'), 4))).toBe(
      '2026-11-30T10:00:00.000Z',
    );
  });

  it('skips the lunch break', () => {
    expect(iso(addOpeningHours(national, new Date('2026-11-25T12:00:00+01:00'), 1))).toBe(
      '2026-11-25T13:00:00.000Z',
    );
  });

  it('skips a public holiday: Tuesday 10 November 17:00 + 2 h lands on Thursday 12 (11 November is closed)', () => {
    expect(iso(addOpeningHours(national, new Date('2026-11-10T17:00:00+01:00'), 2))).toBe(
      '2026-11-12T09:00:00.000Z',
    );
    expect(isOpen(national, new Date('2026-11-11T10:00:00+01:00'))).toBe(false);
  });

  it('closes Alsace-Moselle queues on Good Friday and 26 December, not national ones', () => {
    const goodFriday = new Date('2026-04-03T10:00:00+02:00');
    expect(isOpen(national, goodFriday)).toBe(true);
    expect(isOpen(alsace, goodFriday)).toBe(false);
    // Thursday 2 April 17:00 + 1 h: national → Friday 09:00; Alsace-Moselle → Tuesday 7 April
    // (Good Friday, the weekend and Easter Monday are closed).
    const thursday = new Date('2026-04-02T17:00:00+02:00');
    expect(iso(addOpeningHours(national, thursday, 1))).toBe('2026-04-03T07:00:00.000Z');
    expect(iso(addOpeningHours(alsace, thursday, 1))).toBe('2026-04-07T07:00:00.000Z');
    const boxingDay = new Date('2025-12-26T10:00:00+01:00');
    expect(isOpen(national, boxingDay)).toBe(true);
    expect(isOpen(alsace, boxingDay)).toBe(false);
  });

  it('stays on local wall-clock time across the spring DST change', () => {
    // Friday 27 March 2026 17:00 CET; clocks go forward on Sunday 29; Monday opens 08:30 CEST (06:30 UTC).
    expect(iso(addOpeningHours(national, new Date('2026-03-27T17:00:00+01:00'), 1))).toBe(
      '2026-03-30T07:00:00.000Z',
    );
    expect(iso(nextOpening(national, new Date('2026-03-28T12:00:00+01:00')))).toBe(
      '2026-03-30T06:30:00.000Z',
    );
  });

  it('stays on local wall-clock time across the autumn DST change', () => {
    // Friday 23 October 2026 17:00 CEST; clocks go back on Sunday 25; Monday opens 08:30 CET (07:30 UTC).
    expect(iso(addOpeningHours(national, new Date('2026-10-23T17:00:00+02:00'), 1))).toBe(
      '2026-10-26T08:00:00.000Z',
    );
  });

  it('gives the next opening time, or the instant itself when open', () => {
    const saturday = new Date('2026-11-28T11:00:00+01:00');
    expect(iso(nextOpening(national, saturday))).toBe('2026-11-30T07:30:00.000Z');
    const open = new Date('2026-11-25T09:00:00+01:00');
    expect(iso(nextOpening(national, open))).toBe(open.toISOString());
  });

  it('returns null for a schedule that never opens', () => {
    const never: OpeningSchedule = {
      hours: { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] },
      calendar: 'national',
    };
    expect(addOpeningHours(never, new Date('2026-11-25T09:00:00+01:00'), 1)).toBeNull();
    expect(nextOpening(never, new Date('2026-11-25T09:00:00+01:00'))).toBeNull();
  });
});

describe('opening hours in words', () => {
  const closed = { sun: [], mon: [], tue: [], wed: [], thu: [], fri: [], sat: [] };

  it('groups consecutive days with the same hours, Monday first', () => {
    const text = describeOpeningHours(
      { ...closed, mon: ['08:30-12:30', '13:30-17:00'], tue: ['08:30-12:30', '13:30-17:00'], wed: ['08:30-12:30'], sat: ['09:00-12:00'] },
      'national',
      'fr',
      messages,
    );
    expect(text).toBe('Horaires : du lundi au mardi 08:30–12:30, 13:30–17:00 ; mercredi 08:30–12:30 ; samedi 09:00–12:00 (hors jours fériés).');
  });

  it('names the Alsace-Moselle holidays, and speaks English too', () => {
    const week = { ...closed, mon: ['09:00-17:00'], tue: ['09:00-17:00'] };
    expect(describeOpeningHours(week, 'alsace-moselle', 'fr', messages)).toMatch(/Vendredi saint et 26 décembre/);
    expect(describeOpeningHours(week, 'national', 'en', messages)).toBe(
      'Opening hours: Monday to Tuesday 09:00–17:00 (except public holidays).',
    );
  });
});
