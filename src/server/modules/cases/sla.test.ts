import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SlaTarget } from './registry.ts';
import {
  addClockTime,
  answerClock,
  DAY_MS,
  pauseClock,
  resumeClock,
  retargetClock,
  startClock,
  WorkingCalendar,
} from './sla.ts';

const calendar = new WorkingCalendar();
const oneWorkingDay: SlaTarget = { amount: 1, unit: 'working_days' };
const urgent: SlaTarget = { amount: 60, unit: 'minutes' };

/** An Amsterdam wall-clock time as an instant (the offset given explicitly, so the test states it). */
const at = (local: string, offset: '+01:00' | '+02:00') => new Date(`${local}${offset}`);

function dueAfterOneWorkingDay(start: Date): Date {
  return addClockTime(calendar, oneWorkingDay, start, DAY_MS);
}

describe('working days (Europe/Amsterdam, Dutch public holidays)', () => {
  it('knows which days are public holidays, and which well-known days are not days off', () => {
    const holidays = calendar.publicHolidays(2026);
    expect([...holidays].sort()).toEqual([
      '2026-01-01',
      '2026-04-05',
      '2026-04-06',
      '2026-04-27',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ]);
    // Goede Vrijdag and Bevrijdingsdag (not every year a day off) are working days.
    expect(calendar.isWorkingDay(at('2026-04-03T12:00:00', '+02:00'))).toBe(true);
    expect(calendar.isWorkingDay(at('2026-05-05T12:00:00', '+02:00'))).toBe(true);
    expect(calendar.isWorkingDay(at('2026-04-27T12:00:00', '+02:00'))).toBe(false); // Koningsdag
  });

  it('uses the local day, not the UTC day: 23:30 on a Friday in Amsterdam is still Friday', () => {
    expect(calendar.isWorkingDay(new Date('2026-11-27T22:30:00Z'))).toBe(true); // Fri 23:30 CET
    expect(calendar.isWorkingDay(new Date('2026-11-27T23:30:00Z'))).toBe(false); // Sat 00:30 CET
  });

  it.each([
    ['Monday afternoon → Tuesday afternoon', at('2026-11-30T14:00:00', '+01:00'), at('2026-12-01T14:00:00', '+01:00')],
    ['Friday afternoon → Monday afternoon', at('2026-11-27T14:00:00', '+01:00'), at('2026-11-30T14:00:00', '+01:00')],
    ['Saturday → the end of Monday', at('2026-11-28T10:00:00', '+01:00'), at('2026-12-01T00:00:00', '+01:00')],
    [
      'Sunday night 23:59 → the end of Monday',
      at('2026-11-29T23:59:00', '+01:00'),
      at('2026-12-01T00:00:00', '+01:00'),
    ],
    ['over Koningsdag (Tue 27 April 2027)', at('2027-04-26T14:00:00', '+02:00'), at('2027-04-28T14:00:00', '+02:00')],
    [
      'Koningsdag on a Monday (2026): Friday → Tuesday',
      at('2026-04-24T10:00:00', '+02:00'),
      at('2026-04-28T10:00:00', '+02:00'),
    ],
    [
      'over Christmas: Thursday 24 December → Monday 28',
      at('2026-12-24T14:00:00', '+01:00'),
      at('2026-12-28T14:00:00', '+01:00'),
    ],
    [
      'submitted on Christmas Day → the end of the next working day',
      at('2026-12-25T09:00:00', '+01:00'),
      at('2026-12-29T00:00:00', '+01:00'),
    ],
    ['over Hemelvaart (Thu 14 May 2026)', at('2026-05-13T09:00:00', '+02:00'), at('2026-05-15T09:00:00', '+02:00')],
    ['over Easter Monday', at('2026-04-03T16:00:00', '+02:00'), at('2026-04-07T16:00:00', '+02:00')],
    [
      'across the switch to summer time (Sunday 29 March 2026)',
      at('2026-03-27T14:00:00', '+01:00'),
      at('2026-03-30T14:00:00', '+02:00'),
    ],
    [
      'across the switch to winter time (Sunday 25 October 2026)',
      at('2026-10-23T14:00:00', '+02:00'),
      at('2026-10-26T14:00:00', '+01:00'),
    ],
    [
      'New Year: Thursday 31 December → Monday 4 January',
      at('2026-12-31T11:00:00', '+01:00'),
      at('2027-01-04T11:00:00', '+01:00'),
    ],
  ])('one working day: %s', (_name, start, due) => {
    expect(dueAfterOneWorkingDay(start).toISOString()).toBe(due.toISOString());
  });

  it('counts working time between two instants, skipping the weekend', () => {
    const friday = at('2026-11-27T18:00:00', '+01:00');
    const monday = at('2026-11-30T06:00:00', '+01:00');
    expect(calendar.workingTimeBetween(friday, monday)).toBe(12 * 60 * 60_000);
  });

  it('honours extra closed days of the team', () => {
    const closedBridgeDay = new WorkingCalendar({ extraClosedDays: ['2026-05-15'] });
    const due = addClockTime(closedBridgeDay, oneWorkingDay, at('2026-05-13T09:00:00', '+02:00'), DAY_MS);
    expect(due.toISOString()).toBe(at('2026-05-18T09:00:00', '+02:00').toISOString());
  });

  it('round-trips: the working time up to "start + x" is x (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 10 * DAY_MS }),
        (start, ms) => {
          const end = calendar.addWorkingTime(start, ms);
          expect(calendar.workingTimeBetween(start, end)).toBe(ms);
          expect(calendar.isWorkingDay(new Date(end.getTime() - 1))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the first-response clock', () => {
  it('pauses while waiting for the requester and resumes with what was left', () => {
    const monday10 = at('2026-11-30T10:00:00', '+01:00');
    let clock = startClock(calendar, oneWorkingDay, monday10);
    expect(clock.firstResponseDueAt?.toISOString()).toBe(at('2026-12-01T10:00:00', '+01:00').toISOString());
    // Two hours used, then waiting for the requester until Wednesday 09:00.
    clock = pauseClock(calendar, oneWorkingDay, clock, at('2026-11-30T12:00:00', '+01:00'));
    expect(clock.firstResponseDueAt).toBeNull();
    expect(clock.slaConsumedMs).toBe(2 * 60 * 60_000);
    clock = resumeClock(calendar, oneWorkingDay, clock, at('2026-12-02T09:00:00', '+01:00'));
    // 22 working hours left: Thursday 07:00.
    expect(clock.firstResponseDueAt?.toISOString()).toBe(at('2026-12-03T07:00:00', '+01:00').toISOString());
    expect(clock.pausedMsTotal).toBe((24 + 21) * 60 * 60_000);
  });

  it('does not count a weekend spent waiting, and picks up after a holiday', () => {
    const thursday = at('2026-12-24T09:00:00', '+01:00');
    let clock = startClock(calendar, oneWorkingDay, thursday);
    clock = pauseClock(calendar, oneWorkingDay, clock, at('2026-12-24T15:00:00', '+01:00')); // 6 h used
    clock = resumeClock(calendar, oneWorkingDay, clock, at('2026-12-26T12:00:00', '+01:00')); // Tweede kerstdag
    // The clock only runs again on Monday 28 December: 18 h left → Monday 18:00.
    expect(clock.firstResponseDueAt?.toISOString()).toBe(at('2026-12-28T18:00:00', '+01:00').toISOString());
  });

  it('runs around the clock for urgent requests, weekends and nights included', () => {
    const saturdayNight = at('2026-11-28T23:30:00', '+01:00');
    let clock = startClock(calendar, urgent, saturdayNight);
    expect(clock.firstResponseDueAt?.toISOString()).toBe(at('2026-11-29T00:30:00', '+01:00').toISOString());
    clock = pauseClock(calendar, urgent, clock, at('2026-11-28T23:50:00', '+01:00'));
    clock = resumeClock(calendar, urgent, clock, at('2026-11-29T08:00:00', '+01:00'));
    expect(clock.firstResponseDueAt?.toISOString()).toBe(at('2026-11-29T08:40:00', '+01:00').toISOString());
  });

  it('stops once answered; pausing or resuming later changes nothing', () => {
    const start = at('2026-11-30T10:00:00', '+01:00');
    let clock = startClock(calendar, oneWorkingDay, start);
    clock = answerClock(calendar, oneWorkingDay, clock, at('2026-11-30T11:30:00', '+01:00'));
    expect(clock.firstResponseAt?.toISOString()).toBe(at('2026-11-30T11:30:00', '+01:00').toISOString());
    expect(clock.firstResponseDueAt).toBeNull();
    expect(clock.slaConsumedMs).toBe(90 * 60_000);
    clock = pauseClock(calendar, oneWorkingDay, clock, at('2026-11-30T12:00:00', '+01:00'));
    clock = resumeClock(calendar, oneWorkingDay, clock, at('2026-11-30T13:00:00', '+01:00'));
    expect(clock.firstResponseDueAt).toBeNull();
  });

  it('carries the share already used over to a new urgency', () => {
    const start = at('2026-11-30T10:00:00', '+01:00');
    const clock = startClock(calendar, oneWorkingDay, start);
    // A quarter of the working day used (6 h), then it turns out to be urgent: a quarter of 60 min is used.
    const raised = retargetClock(calendar, oneWorkingDay, urgent, clock, at('2026-11-30T16:00:00', '+01:00'));
    expect(raised.firstResponseDueAt?.toISOString()).toBe(at('2026-11-30T16:45:00', '+01:00').toISOString());
  });
});
