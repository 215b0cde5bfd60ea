import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MailAttachment } from '../mail/transport.ts';

/**
 * The calendar invitation of one seat (RFC 5545 / iTIP RFC 5546), made with ical-generator.
 *
 * - One VEVENT per day part. UIDs are stable per enrolment and part (`<enrolment>-<n>@<host>`), so a
 *   calendar replaces the entries it has instead of adding new ones; SEQUENCE is the enrolment's
 *   calendar_sequence, raised by every change (times, place, cancellation).
 * - Times are written in UTC (`…Z`): the instants were computed from Dutch time with the Europe/Amsterdam
 *   rules, and a calendar shows them in its own zone. No floating or TZID times (stack note 13).
 * - METHOD:REQUEST for a seat, METHOD:CANCEL (STATUS:CANCELLED) when the seat or the session ends.
 * - Nothing sensitive: the training's title, the place, a link, the recipient's own address as ATTENDEE
 *   (RFC 5546 requires one), no names, no other participants.
 */

export interface CalendarInput {
  enrolmentId: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  title: string;
  provider: string;
  city: string;
  venue: string;
  parts: readonly { startsAt: Date; endsAt: Date }[];
  /** The recipient's own address (ATTENDEE). */
  attendeeEmail: string;
  organizer: { name: string; email: string };
  publicUrl: string;
  /** DTSTAMP: when this version was made. */
  stamp: Date;
}

export const CALENDAR_CONTENT_TYPE = 'text/calendar; charset=utf-8';

export function uidOf(enrolmentId: string, partIndex: number, publicUrl: string): string {
  return `${enrolmentId}-${partIndex + 1}@${new URL(publicUrl).hostname}`;
}

/** `Name <address>` (MAIL_FROM) as an organiser; a bare address works too. */
export function organizerFrom(mailFrom: string): { name: string; email: string } {
  const match = /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(mailFrom);
  if (match?.[2]) return { name: match[1]?.trim() || 'Weerbaar', email: match[2].trim() };
  return { name: 'Weerbaar', email: mailFrom.trim() };
}

export function enrolmentCalendar(input: CalendarInput): string {
  const cancel = input.method === 'CANCEL';
  const calendar = ical({
    prodId: { company: 'Weerbaar', product: 'Training', language: 'NL' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const link = `${input.publicUrl}/training`;
  const total = input.parts.length;
  input.parts.forEach((part, index) => {
    calendar.createEvent({
      id: uidOf(input.enrolmentId, index, input.publicUrl),
      sequence: input.sequence,
      stamp: input.stamp,
      start: part.startsAt,
      end: part.endsAt,
      summary: total > 1 ? `${input.title} (${index + 1}/${total})` : input.title,
      location: `${input.venue}, ${input.city}`,
      description: [
        `${input.provider}.`,
        `Uw inschrijving, wijzigingen en afmelden / Your enrolment, changes and cancelling: ${link}`,
      ].join('\n'),
      url: link,
      status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer: input.organizer,
      attendees: [
        {
          email: input.attendeeEmail,
          role: ICalAttendeeRole.REQ,
          status: cancel ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
          rsvp: false,
        },
      ],
    });
  });
  return calendar.toString();
}

export function calendarFileName(method: 'REQUEST' | 'CANCEL'): string {
  return method === 'CANCEL' ? 'training-afgemeld.ics' : 'training.ics';
}

/** The invitation as a mail attachment (the notice mail carries it; its text stays content-free). */
export function calendarAttachment(input: CalendarInput): MailAttachment {
  return {
    filename: calendarFileName(input.method),
    contentType: `${CALENDAR_CONTENT_TYPE}; method=${input.method}`,
    content: enrolmentCalendar(input),
  };
}
