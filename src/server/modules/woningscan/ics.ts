import ical, { ICalCalendarMethod, ICalEventClass, ICalEventStatus } from 'ical-generator';
import { WEB_PATHS } from '../../../shared/web-paths.ts';

/**
 * The appointment as a calendar invitation (RFC 5545 / iTIP): one UID per booking, its SEQUENCE raised
 * by every change, METHOD:CANCEL once it is cancelled. Times are written in UTC (`…Z`): ical-generator
 * without a VTIMEZONE would write Amsterdam times as floating or wrongly labelled local times
 * (docs: stack notes, pitfall 13); every calendar shows UTC in the reader's own zone, Europe/Amsterdam
 * included. Nothing sensitive goes in: no address, no names, no case content — a calendar is synced to
 * phones and shared with others. Only a neutral title and where to look.
 */
export interface IcsInput {
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  cancelled: boolean;
  /** When the file is made (DTSTAMP). */
  now: Date;
  organizerEmail: string;
  publicUrl: string;
}

export const ICS_TEXTS = {
  summary: 'Veiligheidsgesprek CCV / CCV security conversation',
  description:
    'Afspraak met een veiligheidsadviseur van het CCV. Details in Weerbaar (Mijn zaken).\n' +
    'Appointment with a CCV security adviser. Details in Weerbaar (My cases).',
  organizerName: 'Weerbaar',
} as const;

export function appointmentIcs(input: IcsInput): string {
  const calendar = ical({
    prodId: { company: 'Weerbaar', product: 'woningscan', language: 'NL' },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `${input.uid}@weerbaar`,
    sequence: input.sequence,
    stamp: input.now,
    start: input.startsAt,
    end: input.endsAt,
    summary: ICS_TEXTS.summary,
    description: ICS_TEXTS.description,
    url: `${input.publicUrl}${WEB_PATHS.myCases}`,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    class: ICalEventClass.PRIVATE,
    organizer: { name: ICS_TEXTS.organizerName, email: input.organizerEmail },
  });
  return calendar.toString();
}

/** The e-mail address in a From header such as `Weerbaar <no-reply@…>`. */
export function addressOf(from: string): string {
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}
