import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { AFTERCARE_SUBJECT_TYPE } from '../../../shared/aftercare.ts';
import { systemContext } from '../../lib/context.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { aftercareCheckIns, aftercarePlans } from './db.ts';
import { type AftercareDeps, caseFacts, HOUR_MS, loadPlan } from './records.ts';
import { endPlanIn } from './staff-service.ts';

/** Cron (every minute): moves check-ins along and ends plans, on the unit of work's clock. */
export const AFTERCARE_SWEEP_JOB = 'aftercare.sweep';

const BATCH = 100;

export interface AftercareSweepReport {
  delivered: number;
  reminded: number;
  missed: number;
  ended: number;
}

type CheckInState = 'scheduled' | 'due' | 'reminded';

/**
 * Claims up to BATCH check-ins in `from` whose moment (`since`) has passed, and moves them to the next
 * state in the same statement: `UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) AND state = from
 * RETURNING`. Whatever follows (the notification, its notice mail, the audit row) is written in the same
 * transaction, so a crash, a restart or a database that goes away rolls the claim back with it: the
 * next sweep finds the row again (nothing lost), and a row once moved is never claimed again (nothing
 * twice), whichever instance sweeps.
 */
async function claim(
  w: Work,
  from: CheckInState,
  to: string,
  sinceColumn: 'dueAt' | 'deliveredAt' | 'remindedAt',
  before: Date,
) {
  const since = aftercareCheckIns[sinceColumn];
  const due = w.tx
    .select({ id: aftercareCheckIns.id })
    .from(aftercareCheckIns)
    .innerJoin(aftercarePlans, eq(aftercarePlans.id, aftercareCheckIns.planId))
    .where(and(eq(aftercareCheckIns.state, from), lte(since, before), eq(aftercarePlans.status, 'active')))
    .orderBy(asc(since))
    .limit(BATCH)
    .for('update', { of: aftercareCheckIns, skipLocked: true });
  const moment =
    to === 'due' ? { deliveredAt: w.now } : to === 'reminded' ? { remindedAt: w.now } : { missedAt: w.now };
  return w.tx
    .update(aftercareCheckIns)
    .set({ state: to, ...moment })
    .where(and(inArray(aftercareCheckIns.id, due), eq(aftercareCheckIns.state, from)))
    .returning({ id: aftercareCheckIns.id, planId: aftercareCheckIns.planId, personId: aftercareCheckIns.personId });
}

const subject = (planId: string) => ({ type: AFTERCARE_SUBJECT_TYPE, id: planId });

/** Check-ins whose moment came: each participant gets theirs in the app, with a content-free notice mail. */
function deliver(deps: AftercareDeps) {
  return deps.uow.run(systemContext(), async (w) => {
    const rows = await claim(w, 'scheduled', 'due', 'dueAt', w.now);
    for (const row of rows) {
      await deps.notifications.notify(w, [row.personId], 'aftercare_check_in_due', subject(row.planId));
    }
    return rows.length;
  });
}

/** The one reminder, after the settings' hours without an answer. */
function remind(deps: AftercareDeps) {
  return deps.uow.run(systemContext(), async (w) => {
    const before = new Date(w.now.getTime() - deps.settings.reminderAfterHours * HOUR_MS);
    const rows = await claim(w, 'due', 'reminded', 'deliveredAt', before);
    for (const row of rows) {
      await deps.notifications.notify(w, [row.personId], 'aftercare_check_in_reminder', subject(row.planId));
    }
    return rows.length;
  });
}

/**
 * Still no answer after the reminder: the confidant is told, once — and nobody is reminded again. The
 * participant can still answer while the plan runs.
 */
function markMissed(deps: AftercareDeps) {
  return deps.uow.run(systemContext(), async (w) => {
    const before = new Date(w.now.getTime() - deps.settings.missedAfterHours * HOUR_MS);
    const rows = await claim(w, 'reminded', 'missed', 'remindedAt', before);
    for (const row of rows) {
      const [plan] = await w.tx
        .select({ caseId: aftercarePlans.caseId })
        .from(aftercarePlans)
        .where(eq(aftercarePlans.id, row.planId));
      const facts = plan ? await caseFacts(w.tx, plan.caseId) : null;
      if (facts?.confidantId) {
        await deps.notifications.notify(w, [facts.confidantId], 'aftercare_check_in_missed', subject(row.planId));
      }
      await recordAudit(w.tx, w, {
        action: 'aftercare.check_in_missed',
        subjectPersonId: row.personId,
        recordType: 'aftercare_check_in',
        recordId: row.id,
      });
    }
    return rows.length;
  });
}

/** Plans past their end (the last check-in plus the grace): ended as `completed`. */
function endDuePlans(deps: AftercareDeps) {
  return deps.uow.run(systemContext(), async (w) => {
    const due = await w.tx
      .select({ id: aftercarePlans.id })
      .from(aftercarePlans)
      .where(and(eq(aftercarePlans.status, 'active'), lte(aftercarePlans.endsAt, w.now)))
      .limit(BATCH)
      .for('update', { skipLocked: true });
    let ended = 0;
    for (const { id } of due) {
      const bundle = await loadPlan(w.tx, id);
      if (!bundle) continue;
      if (bundle.plan.status !== 'active') continue;
      await endPlanIn(w, deps, bundle, 'completed');
      ended++;
    }
    return ended;
  });
}

async function drain(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await step();
    total += done;
    if (done < BATCH) return total;
  }
}

/**
 * One pass: deliver, remind, tell the confidant, end — in that order, so a check-in that fell due long
 * ago (the app was down for a week) is delivered in this pass and reminded only in a later one, after
 * the settings' hours counted from its delivery, never at once.
 */
export async function sweepAftercare(deps: AftercareDeps): Promise<AftercareSweepReport> {
  const delivered = await drain(() => deliver(deps));
  const reminded = await drain(() => remind(deps));
  const missed = await drain(() => markMissed(deps));
  const ended = await drain(() => endDuePlans(deps));
  return { delivered, reminded, missed, ended };
}
