import type { Office } from '../../../shared/people.ts';
import type {
  CoordinatorSession,
  DayPart,
  MyEnrolment,
  Offering,
  OpenSession,
  SessionStatus,
} from '../../../shared/training.ts';
import { dutchLocal } from '../../../shared/training-time.ts';
import type { EnrolmentRow, OfferingRow, PartRow, SessionBundle } from './records.ts';

/** Presenters: rows in, the shared API shapes out (allow-listed fields only). */

export function offeringView(row: OfferingRow): Offering {
  return {
    id: row.id,
    titleNl: row.titleNl,
    titleEn: row.titleEn,
    provider: row.provider,
    durationDays: row.durationHalfDays / 2,
    audience: row.audience as Office[],
    descriptionNl: row.descriptionNl,
    descriptionEn: row.descriptionEn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function partView(part: Pick<PartRow, 'startsAt' | 'endsAt'>): DayPart {
  const start = dutchLocal(part.startsAt);
  return {
    startsAt: part.startsAt.toISOString(),
    endsAt: part.endsAt.toISOString(),
    date: start.date,
    start: start.time,
    end: dutchLocal(part.endsAt).time,
  };
}

export function sessionStatus(bundle: SessionBundle): SessionStatus {
  if (bundle.session.cancelledAt) return 'cancelled';
  return bundle.session.confirmedCount >= bundle.session.capacity ? 'full' : 'open';
}

export function enrolmentOpen(bundle: SessionBundle, now: Date): boolean {
  return !bundle.session.cancelledAt && now.getTime() < bundle.session.enrolmentDeadline.getTime();
}

function sessionBase(bundle: SessionBundle, now: Date) {
  const { session, offering } = bundle;
  return {
    id: session.id,
    offering: {
      id: offering.id,
      titleNl: offering.titleNl,
      titleEn: offering.titleEn,
      provider: offering.provider,
      durationDays: offering.durationHalfDays / 2,
      descriptionNl: offering.descriptionNl,
      descriptionEn: offering.descriptionEn,
      audience: offering.audience as Office[],
    },
    parts: bundle.parts.map(partView),
    city: session.city,
    venue: session.venue,
    capacity: session.capacity,
    seatsLeft: Math.max(0, session.capacity - session.confirmedCount),
    waiting: bundle.counts.waiting,
    status: sessionStatus(bundle),
    enrolmentDeadline: session.enrolmentDeadline.toISOString(),
    enrolmentOpen: enrolmentOpen(bundle, now),
  };
}

export function openSessionView(bundle: SessionBundle, now: Date, office: string | null): OpenSession {
  return { ...sessionBase(bundle, now), eligible: office !== null && bundle.offering.audience.includes(office) };
}

export function coordinatorSessionView(bundle: SessionBundle, now: Date): CoordinatorSession {
  return {
    ...sessionBase(bundle, now),
    deadline: dutchLocal(bundle.session.enrolmentDeadline),
    counts: bundle.counts,
    started: now.getTime() >= bundle.session.startsAt.getTime(),
    ended: now.getTime() >= bundle.session.endsAt.getTime(),
    cancelledAt: bundle.session.cancelledAt?.toISOString() ?? null,
  };
}

/** May the person still cancel? A seat until the deadline; a waiting-list place until the session starts. */
export function canCancel(enrolment: EnrolmentRow, bundle: SessionBundle, now: Date): boolean {
  if (bundle.session.cancelledAt) return false;
  if (enrolment.status === 'confirmed') return now.getTime() < bundle.session.enrolmentDeadline.getTime();
  if (enrolment.status === 'waiting') return now.getTime() < bundle.session.startsAt.getTime();
  return false;
}

/** A calendar file exists for a seat, and (as a cancellation) for a seat that ended. */
export function hasCalendar(enrolment: EnrolmentRow): boolean {
  return enrolment.confirmedAt !== null;
}

export function myEnrolmentView(
  enrolment: EnrolmentRow,
  bundle: SessionBundle,
  now: Date,
  position: number | null,
): MyEnrolment {
  return {
    id: enrolment.id,
    status: enrolment.status,
    waitlistPosition: enrolment.status === 'waiting' ? position : null,
    attended: enrolment.attended,
    enrolledAt: enrolment.enrolledAt.toISOString(),
    session: sessionBase(bundle, now),
    canCancel: canCancel(enrolment, bundle, now),
    hasCalendar: hasCalendar(enrolment),
    hasCertificate: enrolment.attended === true,
  };
}
