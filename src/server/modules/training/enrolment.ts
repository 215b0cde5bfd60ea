import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ProblemCode } from '../../../shared/catalogue/index.ts';
import type { MyEnrolment } from '../../../shared/training.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { people } from '../people/db.ts';
import { isUniqueViolation } from '../people/repository.ts';
import { trainingEnrolments, trainingSessions } from './db.ts';
import { authorizeEnrolment, requireActor } from './policy.ts';
import {
  bundleOf,
  bundlesOf,
  type EnrolmentRow,
  lockSession,
  selectSession,
  type TrainingDeps,
  waitlistPositions,
} from './records.ts';
import { canCancel, myEnrolmentView } from './views.ts';
import { PROMOTE_JOB } from './waitlist.ts';

/**
 * Enrolling and cancelling. Every change to a session's seats and waiting list happens under the
 * session row's lock (one after another per session), with the seat counter checked by the database
 * as well; enrolling twice for one training is refused by a unique index even across two sessions.
 */

const refused = (status: number, code: ProblemCode, field: string, message: string) =>
  new AppError(status, code, status === 403 ? 'Forbidden' : 'Conflict', message, [{ field, code, message }]);

const alreadyEnrolled = () =>
  refused(409, 'already_enrolled', 'params/sessionId', 'You are already enrolled for this training (or waiting).');

export async function enrol(deps: TrainingDeps, ctx: ServiceContext, sessionId: string): Promise<MyEnrolment> {
  const actor = requireActor(ctx.actor);
  try {
    return await deps.uow.run(ctx, async (w) => {
      // What does not change while people enrol (the training, its day parts, the person's office) is
      // read before the lock, so the time each enrolment holds the session's lock stays short.
      const unlocked = await selectSession(w.tx, sessionId);
      if (!unlocked) throw notFound();
      const before = await bundleOf(w.tx, unlocked);
      const [person] = await w.tx.select({ office: people.office }).from(people).where(eq(people.id, actor.personId));
      if (!person?.office || !before.offering.audience.includes(person.office)) {
        throw refused(403, 'office_not_eligible', 'office', 'This training is not open to your office.');
      }

      const session = await lockSession(w.tx, sessionId);
      if (!session) throw notFound();
      if (session.cancelledAt) {
        throw refused(409, 'session_cancelled', 'params/sessionId', 'This session was cancelled.');
      }
      if (w.now.getTime() >= session.enrolmentDeadline.getTime()) {
        throw refused(
          409,
          'enrolment_closed',
          'params/sessionId',
          'The enrolment deadline of this session has passed.',
        );
      }
      const [active] = await w.tx
        .select({ id: trainingEnrolments.id })
        .from(trainingEnrolments)
        .where(
          and(
            eq(trainingEnrolments.offeringId, session.offeringId),
            eq(trainingEnrolments.personId, actor.personId),
            inArray(trainingEnrolments.status, ['confirmed', 'waiting']),
          ),
        );
      if (active) throw alreadyEnrolled();
      const [{ waiting } = { waiting: 0 }] = await w.tx
        .select({ waiting: count() })
        .from(trainingEnrolments)
        .where(and(eq(trainingEnrolments.sessionId, sessionId), eq(trainingEnrolments.status, 'waiting')));

      // A freed seat belongs to the first person waiting (the promotion job gives it), not to whoever
      // comes in before the job runs.
      const seat = session.confirmedCount < session.capacity && waiting === 0;
      const [updated] = await w.tx
        .update(trainingSessions)
        .set(
          seat
            ? { confirmedCount: sql`${trainingSessions.confirmedCount} + 1` }
            : { nextWaitlistNumber: sql`${trainingSessions.nextWaitlistNumber} + 1` },
        )
        .where(eq(trainingSessions.id, sessionId))
        .returning();
      if (!updated) throw notFound();
      const [enrolment] = await w.tx
        .insert(trainingEnrolments)
        .values({
          sessionId,
          offeringId: session.offeringId,
          personId: actor.personId,
          status: seat ? 'confirmed' : 'waiting',
          waitlistNumber: seat ? null : session.nextWaitlistNumber,
          enrolledAt: w.now,
          confirmedAt: seat ? w.now : null,
          updatedAt: w.now,
        })
        .returning();
      if (!enrolment) throw new Error('insert returned nothing');
      // A new waiting-list place is the last one.
      const counts = { ...before.counts, confirmed: updated.confirmedCount, waiting: waiting + (seat ? 0 : 1) };
      const after = { ...before, session: updated, counts };
      return myEnrolmentView(enrolment, after, w.now, seat ? null : waiting + 1);
    });
  } catch (error) {
    // The same person enrolling in two sessions of one training at the same moment: the index decides.
    if (isUniqueViolation(error)) throw alreadyEnrolled();
    throw error;
  }
}

/**
 * Gives up a seat (until the deadline) or a waiting-list place (until the session starts). A freed seat
 * goes to the first person waiting through the promotion job, sent after the commit; the sweep catches
 * up should the job be lost.
 */
export async function cancelEnrolment(
  deps: TrainingDeps,
  ctx: ServiceContext,
  enrolmentId: string,
): Promise<MyEnrolment> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const [found] = await w.tx.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, enrolmentId));
    authorizeEnrolment(actor, 'cancel', found ?? null);
    if (!found) throw notFound();
    // The session first, then the enrolment again: the same lock order as enrolling and promoting.
    const session = await lockSession(w.tx, found.sessionId);
    const [enrolment] = await w.tx
      .select()
      .from(trainingEnrolments)
      .where(eq(trainingEnrolments.id, enrolmentId))
      .for('update');
    if (!session || !enrolment) throw notFound();
    const bundle = await bundleOf(w.tx, session);
    if (!canCancel(enrolment, bundle, w.now)) {
      const ended = enrolment.status !== 'confirmed' && enrolment.status !== 'waiting';
      throw refused(
        409,
        ended ? 'enrolment_ended' : 'cancellation_closed',
        'params/enrolmentId',
        ended
          ? 'This enrolment has already ended.'
          : 'The deadline has passed; to cancel now, contact the training coordinator.',
      );
    }
    const hadSeat = enrolment.status === 'confirmed';
    const [cancelled] = await w.tx
      .update(trainingEnrolments)
      .set({
        status: 'cancelled',
        endedAt: w.now,
        updatedAt: w.now,
        calendarSequence: hadSeat ? sql`${trainingEnrolments.calendarSequence} + 1` : enrolment.calendarSequence,
      })
      .where(eq(trainingEnrolments.id, enrolmentId))
      .returning();
    if (!cancelled) throw notFound();
    let current = session;
    if (hadSeat) {
      const [updated] = await w.tx
        .update(trainingSessions)
        .set({ confirmedCount: sql`${trainingSessions.confirmedCount} - 1` })
        .where(eq(trainingSessions.id, session.id))
        .returning();
      current = updated ?? session;
      w.sendJob(PROMOTE_JOB, { sessionId: session.id });
    }
    return myEnrolmentView(cancelled, await bundleOf(w.tx, current), w.now, null);
  });
}

/** My enrolments, newest first: active ones, ended ones and attended ones (for the certificate). */
export async function listMyEnrolments(deps: TrainingDeps, ctx: ServiceContext): Promise<MyEnrolment[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.uow.db;
  const rows = await db
    .select()
    .from(trainingEnrolments)
    .where(eq(trainingEnrolments.personId, actor.personId))
    .orderBy(desc(trainingEnrolments.enrolledAt));
  for (const row of rows) authorizeEnrolment(actor, 'read', row);
  const sessionIds = [...new Set(rows.map((row) => row.sessionId))];
  const sessions = sessionIds.length
    ? await db.select().from(trainingSessions).where(inArray(trainingSessions.id, sessionIds))
    : [];
  const bundles = await bundlesOf(db, sessions);
  const positions = await waitlistPositions(db, rows);
  const now = deps.uow.now();
  return rows.flatMap((row) => {
    const bundle = bundles.find((candidate) => candidate.session.id === row.sessionId);
    return bundle ? [myEnrolmentView(row, bundle, now, positions.get(row.id) ?? null)] : [];
  });
}

/** One of my enrolments with its session, for its calendar file or certificate (owner only: 404 otherwise). */
export async function loadOwnEnrolment(
  deps: TrainingDeps,
  ctx: ServiceContext,
  enrolmentId: string,
  action: 'calendar' | 'certificate',
): Promise<{ enrolment: EnrolmentRow; bundle: Awaited<ReturnType<typeof bundleOf>> }> {
  const actor = requireActor(ctx.actor);
  const db = deps.uow.db;
  const [enrolment] = await db.select().from(trainingEnrolments).where(eq(trainingEnrolments.id, enrolmentId));
  authorizeEnrolment(actor, action, enrolment ?? null);
  if (!enrolment) throw notFound();
  const [session] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, enrolment.sessionId));
  if (!session) throw notFound();
  return { enrolment, bundle: await bundleOf(db, session) };
}
