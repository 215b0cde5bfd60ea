import { and, eq } from 'drizzle-orm';
import {
  AFTERCARE_SUBJECT_TYPE,
  type AftercareEndReason,
  type AftercareReferralOption,
  type AftercareStaffPlan,
} from '../../../shared/aftercare.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { authorize } from '../../lib/policy.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { aftercareParticipants, aftercarePlans } from './db.ts';
import {
  type AftercareDeps,
  activeParticipants,
  aftercareAad,
  DAY_MS,
  loadPlan,
  PLAN_RULES,
  type PlanBundle,
  planSubject,
} from './records.ts';
import { cancelScheduled, momentsOf, scheduleCheckIns } from './schedule.ts';
import { staffPlanView } from './views.ts';

const subject = (planId: string) => ({ type: AFTERCARE_SUBJECT_TYPE, id: planId });

async function activePlanFor(w: Work, planId: string, action: 'manage' | 'end'): Promise<PlanBundle> {
  const bundle = await loadPlan(w.tx, planId, { lock: true });
  authorize(w.actor, action, bundle && planSubject(bundle), PLAN_RULES);
  if (!bundle) throw notFound();
  if (bundle.plan.status === 'ended') throw conflict('aftercare_plan_ended', 'This aftercare plan has ended.');
  if (bundle.plan.status !== 'active') {
    throw conflict('aftercare_plan_not_active', 'The aftercare plan has not started yet.');
  }
  return bundle;
}

/**
 * Ends a plan: the check-ins still to come are cancelled and every participant is told. By the
 * confidant or the person (who may stop at any time: consent is theirs to withdraw), and by the sweep
 * (`completed`) after the last check-in. A requested plan the person withdraws ends the same way.
 */
export async function endPlanIn(
  w: Work,
  deps: AftercareDeps,
  bundle: PlanBundle,
  reason: AftercareEndReason,
): Promise<void> {
  const { plan } = bundle;
  await w.tx
    .update(aftercarePlans)
    .set({ status: 'ended', endedAt: w.now, endReason: reason, updatedAt: w.now })
    .where(eq(aftercarePlans.id, plan.id));
  await cancelScheduled(w.tx, plan.id);
  await recordAudit(w.tx, w, {
    action: 'aftercare.plan_ended',
    subjectPersonId: plan.personId,
    recordType: AFTERCARE_SUBJECT_TYPE,
    recordId: plan.id,
    details: { reason },
  });
  const told = activeParticipants(bundle)
    .map((p) => p.personId)
    .filter((id) => id !== w.actor?.personId);
  await deps.notifications.notify(w, told, 'aftercare_plan_ended', subject(plan.id));
}

export async function endPlan(deps: AftercareDeps, ctx: ServiceContext, planId: string, reason: AftercareEndReason) {
  await deps.uow.run(ctx, async (w) => {
    const bundle = await loadPlan(w.tx, planId, { lock: true });
    authorize(w.actor, 'end', bundle && planSubject(bundle), PLAN_RULES);
    if (!bundle) throw notFound();
    if (bundle.plan.status === 'ended') throw conflict('aftercare_plan_ended', 'This aftercare plan has ended.');
    await endPlanIn(w, deps, bundle, reason);
  });
  return { status: 'ended' as const };
}

/** The confidant adds one more check-in moment, `afterDays` from now, for every participant; the end moves. */
export async function extendPlan(
  deps: AftercareDeps,
  ctx: ServiceContext,
  planId: string,
  afterDays: number,
): Promise<AftercareStaffPlan> {
  return deps.uow.run(ctx, async (w) => {
    const bundle = await activePlanFor(w, planId, 'manage');
    const moments = await momentsOf(w.tx, planId, bundle.plan.personId);
    const dueAt = new Date(w.now.getTime() + afterDays * DAY_MS);
    const moment = { sequence: (moments.at(-1)?.sequence ?? 0) + 1, dueAt };
    for (const participant of activeParticipants(bundle)) {
      await scheduleCheckIns(w.tx, planId, participant.personId, [moment], w.now);
    }
    const endsAt = new Date(dueAt.getTime() + deps.settings.endAfterLastDays * DAY_MS);
    await w.tx.update(aftercarePlans).set({ endsAt, updatedAt: w.now }).where(eq(aftercarePlans.id, planId));
    await recordAudit(w.tx, w, {
      action: 'aftercare.plan_extended',
      subjectPersonId: bundle.plan.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
      details: { afterDays },
    });
    const fresh = await loadPlan(w.tx, planId);
    if (!fresh) throw notFound();
    return staffPlanView(w.tx, deps.keyring, fresh);
  });
}

/**
 * The confidant offers a referral to one participant (the options they may take up: their GP,
 * Slachtofferhulp Nederland, the team's expert pool). The participant's open prompt is settled by it,
 * and they are told; the offer shows in their plan.
 */
export async function offerReferral(
  deps: AftercareDeps,
  ctx: ServiceContext,
  planId: string,
  input: { participantId: string; options: readonly AftercareReferralOption[] },
): Promise<AftercareStaffPlan> {
  return deps.uow.run(ctx, async (w) => {
    const bundle = await activePlanFor(w, planId, 'manage');
    const participant = activeParticipants(bundle).find((p) => p.personId === input.participantId);
    if (!participant) {
      throw badRequest('aftercare_unknown_participant', 'This person does not take part in this plan.', [
        { field: 'body/participantId', message: 'not taking part in this plan', code: 'aftercare_unknown_participant' },
      ]);
    }
    await w.tx
      .update(aftercareParticipants)
      .set({
        referralEnvelope: deps.keyring.encrypt(
          JSON.stringify(input.options),
          aftercareAad.referral(planId, participant.personId),
        ),
        referralOfferedAt: w.now,
        promptEnvelope: null,
        promptSince: null,
      })
      .where(and(eq(aftercareParticipants.planId, planId), eq(aftercareParticipants.personId, participant.personId)));
    await recordAudit(w.tx, w, {
      action: 'aftercare.referral_offered',
      subjectPersonId: participant.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
    });
    await deps.notifications.notify(w, [participant.personId], 'aftercare_referral_offered', subject(planId));
    const fresh = await loadPlan(w.tx, planId);
    if (!fresh) throw notFound();
    return staffPlanView(w.tx, deps.keyring, fresh);
  });
}
