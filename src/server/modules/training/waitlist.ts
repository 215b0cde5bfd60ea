import { and, asc, eq, exists, gt, isNull, lt, sql } from 'drizzle-orm';
import { systemContext } from '../../lib/context.ts';
import { recordAudit } from '../audit/service.ts';
import { trainingEnrolments, trainingSessions } from './db.ts';
import { noticeAboutEnrolment } from './notices.ts';
import { bundleOf, lockSession, type TrainingDeps } from './records.ts';

/** Job: give the free seats of one session to the people waiting, in order. */
export const PROMOTE_JOB = 'training.promote';
/** Cron: the same for every session that has a free seat and someone waiting (a lost job, a restart). */
export const PROMOTE_SWEEP_JOB = 'training.promote-sweep';

/**
 * Fills a session's free seats from its waiting list, first come first served (the lowest waiting-list
 * number first), under the session's lock, so it runs safely beside enrolments, cancellations and a
 * second copy of itself (pg-boss delivers at least once; the sweep may run it too): a seat already
 * given is simply not free any more. Each promoted person gets a notification and the notice mail
 * with their calendar invitation, and finds the system's action in their access log. Nothing happens
 * for a cancelled session or one that has started. Returns how many were promoted.
 */
export async function promoteWaiting(deps: TrainingDeps, sessionId: string): Promise<number> {
  return deps.uow.run(systemContext(), async (w) => {
    const session = await lockSession(w.tx, sessionId);
    if (!session || session.cancelledAt || w.now.getTime() >= session.startsAt.getTime()) return 0;
    const free = session.capacity - session.confirmedCount;
    if (free <= 0) return 0;
    const next = await w.tx
      .select()
      .from(trainingEnrolments)
      .where(and(eq(trainingEnrolments.sessionId, sessionId), eq(trainingEnrolments.status, 'waiting')))
      .orderBy(asc(trainingEnrolments.waitlistNumber))
      .limit(free)
      .for('update');
    if (next.length === 0) return 0;
    const promoted = [];
    for (const enrolment of next) {
      const [row] = await w.tx
        .update(trainingEnrolments)
        .set({
          status: 'confirmed',
          confirmedAt: w.now,
          updatedAt: w.now,
          calendarSequence: sql`${trainingEnrolments.calendarSequence} + 1`,
        })
        .where(and(eq(trainingEnrolments.id, enrolment.id), eq(trainingEnrolments.status, 'waiting')))
        .returning();
      if (row) promoted.push(row);
    }
    const [updated] = await w.tx
      .update(trainingSessions)
      .set({ confirmedCount: sql`${trainingSessions.confirmedCount} + ${promoted.length}` })
      .where(eq(trainingSessions.id, sessionId))
      .returning();
    const bundle = await bundleOf(w.tx, updated ?? session);
    for (const enrolment of promoted) {
      await noticeAboutEnrolment(deps, w, enrolment, bundle, 'training_promoted');
      await recordAudit(w.tx, w, {
        action: 'training.promoted',
        subjectPersonId: enrolment.personId,
        recordType: 'training_enrolment',
        recordId: enrolment.id,
        details: { sessionId },
      });
    }
    return promoted.length;
  });
}

/**
 * The safety net behind the per-cancellation job: every session to come that has a free seat and
 * someone waiting gets its promotion now (the job was lost between a commit and its sending, or the
 * runner was stopped). Returns how many people were promoted.
 */
export async function sweepWaitlists(deps: TrainingDeps): Promise<number> {
  const now = deps.uow.now();
  const candidates = await deps.uow.db
    .select({ id: trainingSessions.id })
    .from(trainingSessions)
    .where(
      and(
        isNull(trainingSessions.cancelledAt),
        gt(trainingSessions.startsAt, now),
        lt(trainingSessions.confirmedCount, trainingSessions.capacity),
        exists(
          deps.uow.db
            .select({ one: sql`1` })
            .from(trainingEnrolments)
            .where(
              and(eq(trainingEnrolments.sessionId, trainingSessions.id), eq(trainingEnrolments.status, 'waiting')),
            ),
        ),
      ),
    );
  let promoted = 0;
  for (const { id } of candidates) promoted += await promoteWaiting(deps, id);
  return promoted;
}
