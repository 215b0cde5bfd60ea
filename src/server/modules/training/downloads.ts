import { eq } from 'drizzle-orm';
import type { ProblemCode } from '../../../shared/catalogue/index.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { people } from '../people/db.ts';
import { calendarFileName, enrolmentCalendar } from './calendar.ts';
import { certificateFileName, certificatePdf } from './certificate.ts';
import { loadOwnEnrolment } from './enrolment.ts';
import { calendarInputOf, emailOf } from './notices.ts';
import type { TrainingDeps } from './records.ts';
import { hasCalendar } from './views.ts';

/** The files of one's own enrolment: the calendar invitation and the certificate. Owner only. */

const noFile = (code: ProblemCode, detail: string) =>
  new AppError(409, code, 'Conflict', detail, [{ field: 'params/enrolmentId', code, message: detail }]);

/**
 * The calendar file as it stands: an invitation (METHOD:REQUEST) while the seat lasts, a cancellation
 * (METHOD:CANCEL) once it ended; a waiting-list place has none yet.
 */
export async function calendarFile(
  deps: TrainingDeps,
  ctx: ServiceContext,
  enrolmentId: string,
): Promise<{ content: string; fileName: string }> {
  const { enrolment, bundle } = await loadOwnEnrolment(deps, ctx, enrolmentId, 'calendar');
  if (!hasCalendar(enrolment)) throw noFile('no_seat_yet', 'A calendar invitation comes with a seat.');
  const email = await emailOf(deps.uow.db, enrolment.personId);
  if (!email) throw notFound();
  const input = calendarInputOf(deps, enrolment, bundle, email, deps.uow.now());
  return { content: enrolmentCalendar(input), fileName: calendarFileName(input.method) };
}

export async function certificateFile(
  deps: TrainingDeps,
  ctx: ServiceContext,
  enrolmentId: string,
  lang: Locale,
): Promise<{ pdf: Buffer; fileName: string }> {
  const { enrolment, bundle } = await loadOwnEnrolment(deps, ctx, enrolmentId, 'certificate');
  const [person] = await deps.uow.db
    .select({ name: people.displayName })
    .from(people)
    .where(eq(people.id, enrolment.personId));
  if (enrolment.attended !== true || !enrolment.attendanceRecordedAt) {
    throw noFile('not_attended', 'A certificate comes once the coordinator has recorded your attendance.');
  }
  const pdf = await certificatePdf({
    lang,
    name: person?.name ?? '',
    title: lang === 'nl' ? bundle.offering.titleNl : bundle.offering.titleEn,
    provider: bundle.offering.provider,
    durationDays: bundle.offering.durationHalfDays / 2,
    city: bundle.session.city,
    parts: bundle.parts,
    recordedAt: enrolment.attendanceRecordedAt,
    reference: enrolment.id,
  });
  return { pdf, fileName: certificateFileName(lang) };
}
