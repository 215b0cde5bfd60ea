import { eq } from 'drizzle-orm';
import { TRAINING_SUBJECT, type TrainingNotificationKind } from '../../../shared/training.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { people } from '../people/db.ts';
import { type CalendarInput, calendarAttachment, organizerFrom } from './calendar.ts';
import type { EnrolmentRow, SessionBundle, TrainingDeps } from './records.ts';

/** The calendar invitation of an enrolment as it stands (REQUEST for a seat, CANCEL once it ended). */
export function calendarInputOf(
  deps: TrainingDeps,
  enrolment: EnrolmentRow,
  bundle: SessionBundle,
  attendeeEmail: string,
  stamp: Date,
): CalendarInput {
  return {
    enrolmentId: enrolment.id,
    sequence: enrolment.calendarSequence,
    method: enrolment.status === 'confirmed' ? 'REQUEST' : 'CANCEL',
    title: bundle.offering.titleNl,
    provider: bundle.offering.provider,
    city: bundle.session.city,
    venue: bundle.session.venue,
    parts: bundle.parts,
    attendeeEmail,
    organizer: organizerFrom(deps.mailFrom),
    publicUrl: deps.publicUrl,
    stamp,
  };
}

export async function emailOf(db: DbOrTx, personId: string): Promise<string | null> {
  const [row] = await db.select({ email: people.email }).from(people).where(eq(people.id, personId));
  return row?.email ?? null;
}

/**
 * Tells a participant about a change to their enrolment: a notification (no content) and the notice
 * mail, with the calendar invitation attached when they hold or held a seat. In the caller's unit of
 * work: nothing is said about a change that does not commit.
 */
export async function noticeAboutEnrolment(
  deps: TrainingDeps,
  w: Pick<Work, 'tx' | 'deliverMail' | 'now'>,
  enrolment: EnrolmentRow,
  bundle: SessionBundle,
  kind: TrainingNotificationKind,
): Promise<void> {
  const subject = { type: TRAINING_SUBJECT, id: enrolment.id };
  const email = enrolment.confirmedAt ? await emailOf(w.tx, enrolment.personId) : null;
  const attachments = email ? [calendarAttachment(calendarInputOf(deps, enrolment, bundle, email, w.now))] : [];
  await deps.notifications.notify(w, [enrolment.personId], kind, subject, { attachments });
}
