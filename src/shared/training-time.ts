/**
 * Training times are Dutch times: a coordinator enters "1 December, 09:00–17:00" as the participants
 * read it, the server stores instants (UTC), and everything shown or put in a calendar is converted
 * back through the Europe/Amsterdam rules (CET/CEST and the two changeover nights). No library: the
 * platform's Intl data carries the time-zone rules, in Node and in the browser alike.
 */

export const TRAINING_TIME_ZONE = 'Europe/Amsterdam';

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TRAINING_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** The Dutch calendar date (YYYY-MM-DD) and clock time (HH:MM) of an instant. */
export function dutchLocal(instant: Date): { date: string; time: string } {
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.formatToParts(instant).find((part) => part.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const { date, time } = dutchLocal(instant);
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  return Math.round((asUtc - Math.floor(instant.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a Dutch date and time, or null when there is no such moment: an impossible date, or
 * a time the clocks skip (02:00–02:59 on the last Sunday of March). On the last Sunday of October,
 * 02:00–02:59 happens twice; the first (summer time) is taken.
 */
export function fromDutchLocal(date: string, time: string): Date | null {
  if (!DATE_PATTERN.test(date) || !TIME_PATTERN.test(time)) return null;
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive) || new Date(naive).toISOString().slice(0, 10) !== date) return null;
  // The offset is one of two values; try the summer one first, so an ambiguous time is the earlier moment.
  for (const guess of [120, 60]) {
    const candidate = new Date(naive - guess * 60_000);
    if (offsetMinutes(candidate) === guess) {
      const back = dutchLocal(candidate);
      if (back.date === date && back.time === time) return candidate;
    }
  }
  return null;
}
