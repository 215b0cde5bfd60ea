import Holidays from 'date-holidays';
import type { SlaTarget } from './registry.ts';

/**
 * Service-target clocks.
 *
 * - Around the clock (`minutes`): every millisecond counts.
 * - Working days (`working_days`): only time on working days counts: Monday to Friday in the calendar's
 *   time zone (Europe/Amsterdam), except Dutch public holidays (date-holidays, type `public` only:
 *   Nieuwjaar, Pasen, Tweede paasdag, Koningsdag, Hemelvaart, Pinksteren, Tweede pinksterdag, Kerst,
 *   Tweede kerstdag; Goede Vrijdag and Bevrijdingsdag are not general days off). One working day is 24
 *   hours of working time: a request on Monday 14:00 is due Tuesday 14:00; one on Friday 14:00 is due
 *   Monday 14:00; one on Saturday is due at the end of Monday. Daylight-saving changes fall on Sundays in
 *   the Netherlands, so every working day has 24 hours.
 *
 * The clock pauses while the case waits for the requester: the time used so far is kept
 * (`slaConsumedMs`) and, on resuming, the due time becomes "now + what is left".
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface WorkingCalendarOptions {
  timeZone?: string;
  /** ISO 3166 country (and optional state) for public holidays. */
  country?: string;
  /** Extra closed days (YYYY-MM-DD), e.g. a bridge day the team is closed. */
  extraClosedDays?: readonly string[];
}

export class WorkingCalendar {
  readonly timeZone: string;
  readonly #holidays: Holidays;
  readonly #closedByYear = new Map<number, Set<string>>();
  readonly #extra: Set<string>;
  readonly #parts: Intl.DateTimeFormat;

  constructor(options: WorkingCalendarOptions = {}) {
    this.timeZone = options.timeZone ?? 'Europe/Amsterdam';
    this.#holidays = new Holidays(options.country ?? 'NL', { types: ['public'] });
    this.#extra = new Set(options.extraClosedDays ?? []);
    this.#parts = new Intl.DateTimeFormat('en-US', {
      timeZone: this.timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
  }

  /** Public holidays (YYYY-MM-DD) of a year. */
  publicHolidays(year: number): Set<string> {
    let days = this.#closedByYear.get(year);
    if (!days) {
      days = new Set(
        this.#holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      this.#closedByYear.set(year, days);
    }
    return days;
  }

  /** The local calendar date and weekday of an instant. */
  localDay(instant: Date): { date: string; weekday: string; year: number; month: number; day: number } {
    const parts = Object.fromEntries(this.#parts.formatToParts(instant).map((part) => [part.type, part.value]));
    return {
      date: `${parts.year}-${parts.month}-${parts.day}`,
      weekday: parts.weekday ?? '',
      year: Number(parts.year),
      month: Number(parts.month),
      day: Number(parts.day),
    };
  }

  isWorkingDay(instant: Date): boolean {
    const { date, weekday, year } = this.localDay(instant);
    if (weekday === 'Sat' || weekday === 'Sun') return false;
    if (this.#extra.has(date)) return false;
    return !this.publicHolidays(year).has(date);
  }

  /** Offset of local time from UTC at an instant, in ms. */
  #offsetMs(instant: Date): number {
    const parts = Object.fromEntries(this.#parts.formatToParts(instant).map((part) => [part.type, part.value]));
    const asUtc = Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    );
    return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
  }

  /** The instant local midnight starts the day containing `instant`. */
  startOfDay(instant: Date): Date {
    const { year, month, day } = this.localDay(instant);
    return this.#localMidnight(year, month, day);
  }

  /** The instant the next local day starts. */
  startOfNextDay(instant: Date): Date {
    const { year, month, day } = this.localDay(instant);
    const next = new Date(Date.UTC(year, month - 1, day + 1));
    return this.#localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
  }

  #localMidnight(year: number, month: number, day: number): Date {
    const naive = Date.UTC(year, month - 1, day);
    // Two passes settle the offset even when it changes near midnight.
    let guess = naive - this.#offsetMs(new Date(naive));
    guess = naive - this.#offsetMs(new Date(guess));
    return new Date(guess);
  }

  /** Working time (ms) between two instants. */
  workingTimeBetween(start: Date, end: Date): number {
    let total = 0;
    let cursor = start;
    while (cursor.getTime() < end.getTime()) {
      const dayEnd = this.startOfNextDay(cursor);
      const stretchEnd = Math.min(dayEnd.getTime(), end.getTime());
      if (this.isWorkingDay(cursor)) total += stretchEnd - cursor.getTime();
      cursor = dayEnd;
    }
    return total;
  }

  /** The instant at which `ms` of working time has passed after `start`. */
  addWorkingTime(start: Date, ms: number): Date {
    let remaining = ms;
    let cursor = start;
    for (let guard = 0; guard < 3660; guard++) {
      const dayEnd = this.startOfNextDay(cursor);
      if (this.isWorkingDay(cursor)) {
        const available = dayEnd.getTime() - cursor.getTime();
        if (remaining <= available) return new Date(cursor.getTime() + remaining);
        remaining -= available;
      }
      cursor = dayEnd;
    }
    throw new Error('No working days within ten years');
  }
}

/** The length of a target in its own clock's milliseconds. */
export function targetMs(target: SlaTarget): number {
  return target.unit === 'minutes' ? target.amount * 60_000 : target.amount * DAY_MS;
}

/** Clock time used between two instants. */
export function clockTimeBetween(calendar: WorkingCalendar, target: SlaTarget, start: Date, end: Date): number {
  if (end.getTime() <= start.getTime()) return 0;
  return target.unit === 'minutes' ? end.getTime() - start.getTime() : calendar.workingTimeBetween(start, end);
}

/** The instant a clock running from `start` has used `ms`. */
export function addClockTime(calendar: WorkingCalendar, target: SlaTarget, start: Date, ms: number): Date {
  if (ms <= 0) return start;
  return target.unit === 'minutes' ? new Date(start.getTime() + ms) : calendar.addWorkingTime(start, ms);
}

export interface SlaClock {
  firstResponseAt: Date | null;
  firstResponseDueAt: Date | null;
  slaConsumedMs: number;
  slaRunningSince: Date | null;
  pausedMsTotal: number;
  pausedSince: Date | null;
}

/** A new clock, started at `now`. */
export function startClock(calendar: WorkingCalendar, target: SlaTarget, now: Date): SlaClock {
  return {
    firstResponseAt: null,
    firstResponseDueAt: addClockTime(calendar, target, now, targetMs(target)),
    slaConsumedMs: 0,
    slaRunningSince: now,
    pausedMsTotal: 0,
    pausedSince: null,
  };
}

/** Pauses a running clock (waiting for the requester). */
export function pauseClock(calendar: WorkingCalendar, target: SlaTarget, clock: SlaClock, now: Date): SlaClock {
  if (clock.pausedSince) return clock;
  const used = clock.slaRunningSince ? clockTimeBetween(calendar, target, clock.slaRunningSince, now) : 0;
  return {
    ...clock,
    slaConsumedMs: clock.slaConsumedMs + used,
    slaRunningSince: null,
    firstResponseDueAt: null,
    pausedSince: now,
  };
}

/** Resumes a paused clock: due = now + what is left of the target. */
export function resumeClock(calendar: WorkingCalendar, target: SlaTarget, clock: SlaClock, now: Date): SlaClock {
  if (!clock.pausedSince) return clock;
  const pausedMsTotal = clock.pausedMsTotal + Math.max(0, now.getTime() - clock.pausedSince.getTime());
  if (clock.firstResponseAt) return { ...clock, pausedSince: null, pausedMsTotal };
  const left = Math.max(0, targetMs(target) - clock.slaConsumedMs);
  return {
    ...clock,
    pausedSince: null,
    pausedMsTotal,
    slaRunningSince: now,
    firstResponseDueAt: addClockTime(calendar, target, now, left),
  };
}

/** Stops the first-response clock: the response happened. */
export function answerClock(calendar: WorkingCalendar, target: SlaTarget, clock: SlaClock, now: Date): SlaClock {
  if (clock.firstResponseAt) return clock;
  const used = clock.slaRunningSince ? clockTimeBetween(calendar, target, clock.slaRunningSince, now) : 0;
  return {
    ...clock,
    firstResponseAt: now,
    slaConsumedMs: clock.slaConsumedMs + used,
    slaRunningSince: null,
    firstResponseDueAt: null,
  };
}

/**
 * A new target (urgency changed): the share of the old target already used carries over ("half used"
 * stays "half used"), and the due time is recomputed from now. A paused clock stays paused.
 */
export function retargetClock(
  calendar: WorkingCalendar,
  from: SlaTarget,
  to: SlaTarget,
  clock: SlaClock,
  now: Date,
): SlaClock {
  if (clock.firstResponseAt) return clock;
  const used =
    clock.slaConsumedMs + (clock.slaRunningSince ? clockTimeBetween(calendar, from, clock.slaRunningSince, now) : 0);
  const consumed = Math.round(Math.min(1, used / targetMs(from)) * targetMs(to));
  if (!clock.slaRunningSince) return { ...clock, slaConsumedMs: consumed, firstResponseDueAt: null };
  return {
    ...clock,
    slaConsumedMs: consumed,
    slaRunningSince: now,
    firstResponseDueAt: addClockTime(calendar, to, now, targetMs(to) - consumed),
  };
}
