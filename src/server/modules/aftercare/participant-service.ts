import { and, desc, eq, isNull } from 'drizzle-orm';
import { AFTERCARE_SUBJECT_TYPE, type AftercareStep, type MyAftercarePlan } from '../../../shared/aftercare.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { authorize, may } from '../../lib/policy.ts';
import { recordAudit } from '../audit/service.ts';
import { aftercareParticipants, aftercarePlans, aftercareSteps } from './db.ts';
import {
  type AftercareDeps,
  activeParticipants,
  aftercareAad,
  loadPlan,
  PLAN_RULES,
  type PlanBundle,
  planSubject,
  requireActor,
} from './records.ts';
import { cancelScheduled, momentsOf, relativesOf, scheduleCheckIns } from './schedule.ts';
import { myPlanView } from './views.ts';

/** The plans I take part in (as the person or an included relative), newest first. */
export async function listMyPlans(deps: AftercareDeps, ctx: ServiceContext): Promise<MyAftercarePlan[]> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const rows = await db
    .select({ planId: aftercareParticipants.planId })
    .from(aftercareParticipants)
    .innerJoin(aftercarePlans, eq(aftercarePlans.id, aftercareParticipants.planId))
    .where(and(eq(aftercareParticipants.personId, actor.personId), isNull(aftercareParticipants.leftAt)))
    .orderBy(desc(aftercarePlans.createdAt))
    .limit(20);
  const plans: MyAftercarePlan[] = [];
  for (const row of rows) {
    const bundle = await loadPlan(db, row.planId);
    const me = bundle && activeParticipants(bundle).find((p) => p.personId === actor.personId);
    if (bundle && me) plans.push(await myPlanView(db, deps.keyring, bundle, me));
  }
  return plans;
}

function requireOpen(bundle: PlanBundle) {
  if (bundle.plan.status === 'ended') throw conflict('aftercare_plan_ended', 'This aftercare plan has ended.');
}

/**
 * The person chooses which of their relatives take part: a newly included relative gets the plan's
 * check-ins still to come; one no longer included leaves (their check-ins to come are cancelled; what
 * they answered stays theirs). An id that is not one of the person's relatives is a 400 on the field.
 */
export async function setRelatives(
  deps: AftercareDeps,
  ctx: ServiceContext,
  planId: string,
  relativeIds: readonly string[],
): Promise<MyAftercarePlan[]> {
  await deps.uow.run(ctx, async (w) => {
    const bundle = await loadPlan(w.tx, planId, { lock: true });
    authorize(w.actor, 'chooseRelatives', bundle && planSubject(bundle), PLAN_RULES);
    requireOpen(bundle as PlanBundle);
    const plan = (bundle as PlanBundle).plan;
    const known = new Set((await relativesOf(w.tx, plan.personId, relativeIds)).map((row) => row.id));
    const unknown = relativeIds.findIndex((id) => !known.has(id));
    if (unknown >= 0) {
      throw badRequest('aftercare_unknown_relative', 'This person is not one of your relatives.', [
        {
          field: `body/relativeIds/${unknown}`,
          message: 'not one of your relatives',
          code: 'aftercare_unknown_relative',
        },
      ]);
    }
    const current = (bundle as PlanBundle).participants.filter((p) => p.role === 'relative');
    const moments = await momentsOf(w.tx, planId, plan.personId);
    for (const id of relativeIds) {
      const existing = current.find((p) => p.personId === id);
      if (existing && !existing.leftAt) continue;
      if (existing) {
        await w.tx
          .update(aftercareParticipants)
          .set({ leftAt: null, joinedAt: w.now })
          .where(and(eq(aftercareParticipants.planId, planId), eq(aftercareParticipants.personId, id)));
      } else {
        await w.tx.insert(aftercareParticipants).values({ planId, personId: id, role: 'relative', joinedAt: w.now });
      }
      if (plan.status === 'active') await scheduleCheckIns(w.tx, planId, id, moments, w.now);
    }
    for (const leaving of current.filter((p) => !p.leftAt && !relativeIds.includes(p.personId))) {
      await w.tx
        .update(aftercareParticipants)
        .set({ leftAt: w.now, sharesWithPerson: false })
        .where(and(eq(aftercareParticipants.planId, planId), eq(aftercareParticipants.personId, leaving.personId)));
      await cancelScheduled(w.tx, planId, leaving.personId);
    }
    await recordAudit(w.tx, w, {
      action: 'aftercare.relatives_changed',
      subjectPersonId: plan.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
      details: { included: relativeIds.length },
    });
  });
  return listMyPlans(deps, ctx);
}

/** An included relative shares (or stops sharing) their answers with the person. */
export async function setSharing(
  deps: AftercareDeps,
  ctx: ServiceContext,
  planId: string,
  share: boolean,
): Promise<MyAftercarePlan[]> {
  const actor = requireActor(ctx);
  await deps.uow.run(ctx, async (w) => {
    const bundle = await loadPlan(w.tx, planId, { lock: true });
    const me = bundle && activeParticipants(bundle).find((p) => p.personId === actor.personId && p.role === 'relative');
    if (!bundle || !me) throw notFound();
    await w.tx
      .update(aftercareParticipants)
      .set({ sharesWithPerson: share })
      .where(and(eq(aftercareParticipants.planId, planId), eq(aftercareParticipants.personId, actor.personId)));
    await recordAudit(w.tx, w, {
      action: 'aftercare.sharing_changed',
      subjectPersonId: actor.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
      details: { shared: share },
    });
  });
  return listMyPlans(deps, ctx);
}

/**
 * Ticks a step (or unticks it): the person, the confidant, and a relative for a step they own. Anyone
 * else, including a relative for another's step, gets the 404 of a missing record.
 */
export async function updateStep(
  deps: AftercareDeps,
  ctx: ServiceContext,
  planId: string,
  stepId: string,
  done: boolean,
): Promise<AftercareStep> {
  return deps.uow.run(ctx, async (w) => {
    const bundle = await loadPlan(w.tx, planId, { lock: true });
    const [step] = bundle
      ? await w.tx
          .select()
          .from(aftercareSteps)
          .where(and(eq(aftercareSteps.id, stepId), eq(aftercareSteps.planId, planId)))
      : [];
    if (!bundle || !step) throw notFound();
    const relativeOwner =
      step.ownerRelativeId && activeParticipants(bundle).some((p) => p.personId === step.ownerRelativeId)
        ? [step.ownerRelativeId]
        : [];
    const subject = { ...planSubject(bundle), ownerIds: [bundle.plan.personId, ...relativeOwner] };
    if (!may(w.actor, 'tickStep', subject, PLAN_RULES)) throw notFound();
    requireOpen(bundle);
    const [row] = await w.tx
      .update(aftercareSteps)
      .set({ doneAt: done ? (step.doneAt ?? w.now) : null })
      .where(eq(aftercareSteps.id, stepId))
      .returning();
    if (!row) throw notFound();
    await recordAudit(w.tx, w, {
      action: 'aftercare.step_updated',
      subjectPersonId: bundle.plan.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
      details: { stepId, done },
    });
    return {
      id: row.id,
      topic: row.topic as AftercareStep['topic'],
      note: row.noteEnvelope ? deps.keyring.decryptString(row.noteEnvelope, aftercareAad.note(row.id)) : null,
      owner: row.owner as AftercareStep['owner'],
      ownerRelativeId: row.ownerRelativeId,
      dueOn: row.dueOn,
      doneAt: row.doneAt ? row.doneAt.toISOString() : null,
    };
  });
}
