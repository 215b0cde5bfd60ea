import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors.ts';
import { calendarChanged, checkSchedule } from './schedule.ts';

const now = new Date('2027-01-10T12:00:00Z');
const body = (overrides: object = {}) => ({
  parts: [
    { date: '2027-02-01', start: '09:00', end: '17:00' },
    { date: '2027-02-02', start: '09:00', end: '12:30' },
  ],
  city: 'Utrecht',
  venue: 'Zaal',
  capacity: 12,
  enrolmentDeadline: { date: '2027-01-25', time: '17:00' },
  ...overrides,
});

function problems(input: ReturnType<typeof body>, context = { now }) {
  try {
    checkSchedule(input, context);
    return [];
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (error.fieldErrors ?? []).map((problem) => `${problem.field} ${problem.code}`);
  }
}

describe('a session schedule', () => {
  it('becomes instants in Dutch time', () => {
    const schedule = checkSchedule(body(), { now });
    expect(schedule.startsAt.toISOString()).toBe('2027-02-01T08:00:00.000Z');
    expect(schedule.endsAt.toISOString()).toBe('2027-02-02T11:30:00.000Z');
    expect(schedule.enrolmentDeadline.toISOString()).toBe('2027-01-25T16:00:00.000Z');
  });

  it('names every problem with its field', () => {
    expect(problems(body({ parts: [{ date: '2027-01-01', start: '09:00', end: '08:00' }] }))).toEqual([
      'body/parts/0/end end_before_start',
      'body/parts/0/date in_past',
      'body/enrolmentDeadline/date deadline_after_start',
    ]);
    expect(
      problems(
        body({
          parts: [
            { date: '2027-02-02', start: '09:00', end: '17:00' },
            { date: '2027-02-02', start: '16:00', end: '18:00' },
          ],
        }),
      ),
    ).toEqual(['body/parts/1/start parts_out_of_order']);
    expect(problems(body({ enrolmentDeadline: { date: '2027-01-01', time: '17:00' } }))).toEqual([
      'body/enrolmentDeadline/date in_past',
    ]);
  });

  it('lets a changed session keep a deadline that has passed', () => {
    const deadline = new Date('2027-01-05T16:00:00Z');
    expect(
      problems(body({ enrolmentDeadline: { date: '2027-01-05', time: '17:00' } }), {
        now,
        currentDeadline: deadline,
      } as never),
    ).toEqual([]);
  });

  it('says when a calendar must follow', () => {
    const parts = [{ startsAt: new Date(1), endsAt: new Date(2) }];
    expect(calendarChanged({ parts, city: 'A', venue: 'B' }, { parts, city: 'A', venue: 'B' })).toBe(false);
    expect(calendarChanged({ parts, city: 'A', venue: 'B' }, { parts, city: 'A', venue: 'C' })).toBe(true);
    expect(
      calendarChanged(
        { parts, city: 'A', venue: 'B' },
        { parts: [{ startsAt: new Date(1), endsAt: new Date(3) }], city: 'A', venue: 'B' },
      ),
    ).toBe(true);
  });
});
