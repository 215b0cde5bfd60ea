import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { ProblemCode } from '../../../shared/catalogue/index.ts';
import type { FieldError } from '../../../shared/problem.ts';
import type {
  CoordinatorSession,
  CreateSessionBody,
  OpenSession,
  UpdateSessionBody,
} from '../../../shared/training.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, badRequest, notFound } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { trainingEnrolments, trainingOfferings, trainingSessionParts, trainingSessions } from './db.ts';
import { noticeAboutEnrolment } from './notices.ts';
import { authorizeProgramme, requireActor } from './policy.ts';
import { bundleOf, bundlesOf, lockSession, type SessionRow, type TrainingDeps } from './records.ts';
import { calendarChanged, checkSchedule, type Schedule } from './schedule.ts';
import { coordinatorSessionView, openSessionView } from './views.ts';
import { PROMOTE_JOB } from './waitlist.ts';

/** Sessions: coordinators plan, change and cancel them; office holders see the upcoming ones. */

const sessionConflict = (code: ProblemCode, detail: string, field = 'params/sessionId') =>
  new AppError(409, code, 'Conflict', detail, [{ field, code, message: detail }]);

async function insertParts(w: Work, sessionId: string, schedule: Schedule) {
  await w.tx
    .insert(trainingSessionParts)
    .values(
      schedule.parts.map((part, partIndex) => ({ sessionId, partIndex, startsAt: part.startsAt, endsAt: part.endsAt })),
    );
}

export async function createSession(
  deps: TrainingDeps,
  ctx: ServiceContext,
  body: CreateSessionBody,
): Promise<CoordinatorSession> {
  const actor = requireActor(ctx.actor);
  authorizeProgramme(actor, 'manage', {});
  return deps.uow.run(ctx, async (w) => {
    const [offering] = await w.tx.select().from(trainingOfferings).where(eq(trainingOfferings.id, body.offeringId));
    if (!offering) {
      throw badRequest('unknown_offering', 'There is no such training.', [
        { field: 'body/offeringId', code: 'unknown_offering', message: 'There is no such training.' },
      ]);
    }
    const schedule = checkSchedule(body, { now: w.now });
    const [session] = await w.tx
      .insert(trainingSessions)
      .values({
        offeringId: offering.id,
        city: body.city,
        venue: body.venue,
        capacity: body.capacity,
        enrolmentDeadline: schedule.enrolmentDeadline,
        startsAt: schedule.startsAt,
        endsAt: schedule.endsAt,
        createdBy: actor.personId,
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    if (!session) throw new Error('insert returned nothing');
    await insertParts(w, session.id, schedule);
    return coordinatorSessionView(await bundleOf(w.tx, session), w.now);
  });
}

/**
 * Changes times, place, seats or deadline. Refused for a cancelled or started session, with fewer seats
 * than are taken, or with another number of day parts once people enrolled (their calendars hold one
 * entry per part: cancel the session and plan a new one instead). Every seat holder's calendar follows
 * a change of times or place (SEQUENCE up, a new invitation with the notice); more seats go to the
 * waiting list through the promotion job.
 */
export async function updateSession(
  deps: TrainingDeps,
  ctx: ServiceContext,
  sessionId: string,
  body: UpdateSessionBody,
): Promise<CoordinatorSession> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const session = await lockSession(w.tx, sessionId);
    authorizeProgramme(actor, 'manage', session);
    if (!session) throw notFound();
    if (session.cancelledAt) throw sessionConflict('session_cancelled', 'This session was cancelled.');
    if (w.now.getTime() >= session.startsAt.getTime()) {
      throw sessionConflict('session_started', 'This session has started; it can no longer be changed.');
    }
    const before = await bundleOf(w.tx, session);
    const active = before.counts.confirmed + before.counts.waiting;
    const fieldProblems: FieldError[] = [];
    if (body.capacity < session.confirmedCount) {
      fieldProblems.push({
        field: 'body/capacity',
        code: 'capacity_below_enrolled',
        message: `${session.confirmedCount} seats are taken; the capacity cannot be lower.`,
      });
    }
    if (active > 0 && body.parts.length !== before.parts.length) {
      fieldProblems.push({
        field: 'body/parts',
        code: 'parts_count_fixed',
        message: 'People have enrolled: change the times of the day parts, not their number.',
      });
    }
    let schedule: Schedule;
    try {
      schedule = checkSchedule(body, { now: w.now, currentDeadline: session.enrolmentDeadline });
    } catch (error) {
      // Every problem at once: the schedule's and the seats'.
      if (!(error instanceof AppError)) throw error;
      fieldProblems.push(...(error.fieldErrors ?? []));
      throw badRequest('invalid_session', 'This change does not fit the session.', fieldProblems);
    }
    if (fieldProblems.length > 0) {
      throw badRequest('invalid_session', 'This change does not fit the session.', fieldProblems);
    }

    const [updated] = await w.tx
      .update(trainingSessions)
      .set({
        city: body.city,
        venue: body.venue,
        capacity: body.capacity,
        enrolmentDeadline: schedule.enrolmentDeadline,
        startsAt: schedule.startsAt,
        endsAt: schedule.endsAt,
        updatedAt: w.now,
      })
      .where(eq(trainingSessions.id, sessionId))
      .returning();
    if (!updated) throw notFound();
    await w.tx.delete(trainingSessionParts).where(eq(trainingSessionParts.sessionId, sessionId));
    await insertParts(w, sessionId, schedule);

    const moved = calendarChanged(
      { parts: before.parts, city: session.city, venue: session.venue },
      { parts: schedule.parts, city: body.city, venue: body.venue },
    );
    if (moved) await tellAboutChange(deps, w, updated);
    if (body.capacity > session.capacity) w.sendJob(PROMOTE_JOB, { sessionId });
    return coordinatorSessionView(await bundleOf(w.tx, updated), w.now);
  });
}

/** Every seat holder's calendar follows (SEQUENCE up, a new invitation); everyone enrolled is told. */
async function tellAboutChange(deps: TrainingDeps, w: Work, session: SessionRow) {
  await w.tx
    .update(trainingEnrolments)
    .set({ calendarSequence: sql`${trainingEnrolments.calendarSequence} + 1`, updatedAt: w.now })
    .where(and(eq(trainingEnrolments.sessionId, session.id), eq(trainingEnrolments.status, 'confirmed')));
  const enrolments = await w.tx
    .select()
    .from(trainingEnrolments)
    .where(
      and(eq(trainingEnrolments.sessionId, session.id), inArray(trainingEnrolments.status, ['confirmed', 'waiting'])),
    );
  const bundle = await bundleOf(w.tx, session);
  for (const enrolment of enrolments) await noticeAboutEnrolment(deps, w, enrolment, bundle, 'training_changed');
}

/**
 * Cancels a session that has not started: every seat and waiting-list place ends (`session_cancelled`),
 * each seat holder gets a cancellation for their calendar with the notice, everyone enrolled is told,
 * and each of them finds the coordinator's action in their access log.
 */
export async function cancelSession(
  deps: TrainingDeps,
  ctx: ServiceContext,
  sessionId: string,
): Promise<CoordinatorSession> {
  const actor = requireActor(ctx.actor);
  return deps.uow.run(ctx, async (w) => {
    const session = await lockSession(w.tx, sessionId);
    authorizeProgramme(actor, 'manage', session);
    if (!session) throw notFound();
    if (session.cancelledAt) throw sessionConflict('session_cancelled', 'This session was already cancelled.');
    if (w.now.getTime() >= session.startsAt.getTime()) {
      throw sessionConflict('session_started', 'This session has started; it can no longer be cancelled.');
    }
    // A seat's calendar entry is cancelled with a higher SEQUENCE than the invitation it replaces.
    const ended = await w.tx
      .update(trainingEnrolments)
      .set({
        status: 'session_cancelled',
        endedAt: w.now,
        updatedAt: w.now,
        calendarSequence: sql`${trainingEnrolments.calendarSequence} + 1`,
      })
      .where(
        and(eq(trainingEnrolments.sessionId, sessionId), inArray(trainingEnrolments.status, ['confirmed', 'waiting'])),
      )
      .returning();
    const [cancelled] = await w.tx
      .update(trainingSessions)
      .set({ cancelledAt: w.now, confirmedCount: 0, updatedAt: w.now })
      .where(eq(trainingSessions.id, sessionId))
      .returning();
    if (!cancelled) throw notFound();
    const bundle = await bundleOf(w.tx, cancelled);
    for (const enrolment of ended) {
      await noticeAboutEnrolment(deps, w, enrolment, bundle, 'training_cancelled');
      await recordAudit(w.tx, w, {
        action: 'training.session_cancelled',
        subjectPersonId: enrolment.personId,
        recordType: 'training_enrolment',
        recordId: enrolment.id,
        details: { sessionId },
      });
    }
    return coordinatorSessionView(await bundleOf(w.tx, cancelled), w.now);
  });
}

export async function listCoordinatorSessions(deps: TrainingDeps, ctx: ServiceContext): Promise<CoordinatorSession[]> {
  const actor = requireActor(ctx.actor);
  authorizeProgramme(actor, 'manage', {});
  const db = deps.uow.db;
  const rows = await db.select().from(trainingSessions).orderBy(asc(trainingSessions.startsAt));
  const now = deps.uow.now();
  return (await bundlesOf(db, rows)).map((bundle) => coordinatorSessionView(bundle, now));
}

export async function getCoordinatorSession(
  deps: TrainingDeps,
  ctx: ServiceContext,
  sessionId: string,
): Promise<CoordinatorSession> {
  const actor = requireActor(ctx.actor);
  const db = deps.uow.db;
  const [session] = await db.select().from(trainingSessions).where(eq(trainingSessions.id, sessionId));
  authorizeProgramme(actor, 'manage', session ?? null);
  if (!session) throw notFound();
  return coordinatorSessionView(await bundleOf(db, session), deps.uow.now());
}

/**
 * The sessions still to come that are not cancelled, for an office holder: what, when, where, seats
 * left, and whether their office may enrol. Not personal data, but only for signed-in office holders:
 * where and when a group of mayors meets is nobody else's business.
 */
export async function listOpenSessions(deps: TrainingDeps, ctx: ServiceContext): Promise<OpenSession[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.uow.db;
  const now = deps.uow.now();
  const [person] = await db.select({ office: people.office }).from(people).where(eq(people.id, actor.personId));
  const rows = await db
    .select()
    .from(trainingSessions)
    .where(and(isNull(trainingSessions.cancelledAt), gt(trainingSessions.startsAt, now)))
    .orderBy(asc(trainingSessions.startsAt));
  return (await bundlesOf(db, rows)).map((bundle) => openSessionView(bundle, now, person?.office ?? null));
}
