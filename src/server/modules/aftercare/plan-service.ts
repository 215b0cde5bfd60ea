import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import {
  AFTERCARE_SUBJECT_TYPE,
  type AftercareRequest,
  type AftercareStaffPlan,
  type OpenAftercarePlan,
} from '../../../shared/aftercare.ts';
import type { Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import { authorize } from '../../lib/policy.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { incidents } from '../incidents/db.ts';
import { isUniqueViolation } from '../people/repository.ts';
import { caseIncidentShares } from '../support/db.ts';
import { aftercareParticipants, aftercarePlans } from './db.ts';
import {
  type AftercareDeps,
  type CaseFacts,
  caseFacts,
  loadPlan,
  PLAN_RULES,
  type PlanRow,
  requireActor,
  SUPPORT_TYPE,
} from './records.ts';
import { endOf, momentsFrom, scheduleCheckIns, writeSteps } from './schedule.ts';
import { staffPlanView } from './views.ts';

const subject = (planId: string) => ({ type: AFTERCARE_SUBJECT_TYPE, id: planId });

/** The case as its assigned confidant may work on it, or the 404 of a missing record. */
async function caseOfConfidant(tx: Tx, ctx: ServiceContext, caseId: string): Promise<CaseFacts> {
  const actor = requireActor(ctx);
  const facts = await caseFacts(tx, caseId);
  const usable = facts && !facts.erased && facts.type === SUPPORT_TYPE ? facts : null;
  authorize(
    actor,
    'staffView',
    usable && { ownerIds: [], assignedStaffIds: usable.confidantId ? [usable.confidantId] : [] },
    PLAN_RULES,
  );
  return usable as CaseFacts;
}

async function openPlanOf(tx: Tx, caseId: string, lock: boolean): Promise<PlanRow | null> {
  const query = tx
    .select()
    .from(aftercarePlans)
    .where(and(eq(aftercarePlans.caseId, caseId), ne(aftercarePlans.status, 'ended')));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

async function checkIncidentShared(tx: Tx, caseId: string, incidentId: string | undefined, field: string) {
  if (!incidentId) return;
  const [share] = await tx
    .select({ incidentId: caseIncidentShares.incidentId })
    .from(caseIncidentShares)
    .where(
      and(
        eq(caseIncidentShares.caseId, caseId),
        eq(caseIncidentShares.incidentId, incidentId),
        isNull(caseIncidentShares.revokedAt),
      ),
    );
  if (!share) {
    throw badRequest('aftercare_incident_not_shared', 'This incident has not been shared with this request.', [
      { field, message: 'not shared with this request', code: 'aftercare_incident_not_shared' },
    ]);
  }
}

/**
 * One plan per case that has not ended (a partial unique index): two requests at the same moment, which
 * both found none, meet there; the second is the 409 a plan that exists gives, not a 500.
 */
async function insertPlan(tx: Tx, values: typeof aftercarePlans.$inferInsert): Promise<void> {
  try {
    await tx.insert(aftercarePlans).values(values);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('aftercare_plan_exists', 'There is already an aftercare plan.');
    throw error;
  }
}

/** The person names an incident of their own (theirs to link; nothing of it is shared by this). */
export async function checkIncidentOwned(tx: Tx, personId: string, incidentId: string | undefined) {
  if (!incidentId) return;
  const [own] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.id, incidentId), eq(incidents.ownerId, personId)));
  if (!own) {
    throw badRequest('aftercare_incident_not_shared', 'This incident is not yours.', [
      { field: 'body/incidentId', message: 'not one of your incidents', code: 'aftercare_incident_not_shared' },
    ]);
  }
}

/**
 * The assigned confidant opens the plan on a support case, with the person's consent (how it was given
 * is recorded, with when and by whom): the person's check-ins are scheduled from the settings, the
 * steps written, the person told. A plan the person asked for (`requested`) becomes active; a second
 * plan while one runs is a 409.
 */
export async function openPlan(
  deps: AftercareDeps,
  ctx: ServiceContext,
  caseId: string,
  body: OpenAftercarePlan,
): Promise<AftercareStaffPlan> {
  return deps.uow.run(ctx, async (w) => {
    const facts = await caseOfConfidant(w.tx, w, caseId);
    const personId = facts.requesterId;
    if (!personId) {
      throw conflict(
        'aftercare_case_without_requester',
        'This request no longer has a person; aftercare is not possible.',
      );
    }
    const existing = await openPlanOf(w.tx, caseId, true);
    if (existing?.status === 'active') throw conflict('aftercare_plan_exists', 'There is already an aftercare plan.');
    await checkIncidentShared(w.tx, caseId, body.incidentId, 'body/incidentId');
    const moments = momentsFrom(w.now, deps.settings);
    const values = {
      status: 'active',
      startedAt: w.now,
      endsAt: endOf(moments, deps.settings),
      consentVia: body.consent.via,
      consentRecordedAt: w.now,
      consentRecordedBy: w.actor?.personId ?? null,
      incidentId: body.incidentId ?? existing?.incidentId ?? null,
      updatedAt: w.now,
    };
    const planId = existing?.id ?? randomUUID();
    if (existing) await w.tx.update(aftercarePlans).set(values).where(eq(aftercarePlans.id, planId));
    else await insertPlan(w.tx, { id: planId, caseId, personId, ...values });
    await w.tx
      .insert(aftercareParticipants)
      .values({ planId, personId, role: 'person', joinedAt: w.now })
      .onConflictDoNothing();
    // Relatives the person included while the plan was only asked for get their check-ins now too.
    const included = await w.tx
      .select({ personId: aftercareParticipants.personId })
      .from(aftercareParticipants)
      .where(and(eq(aftercareParticipants.planId, planId), isNull(aftercareParticipants.leftAt)));
    for (const participant of included) {
      await scheduleCheckIns(w.tx, planId, participant.personId, moments, w.now);
    }
    await writeSteps(w.tx, deps.keyring, planId, personId, body.steps);
    await recordAudit(w.tx, w, {
      action: 'aftercare.plan_opened',
      subjectPersonId: personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: planId,
      details: { consentVia: body.consent.via, checkIns: moments.length, steps: body.steps.length },
    });
    await deps.notifications.notify(w, [personId], 'aftercare_plan_opened', subject(planId));
    const bundle = await loadPlan(w.tx, planId);
    if (!bundle) throw notFound();
    return staffPlanView(w.tx, deps.keyring, bundle);
  });
}

/**
 * The confidant's view of the case's plan (null when there is none). It names the prompts the rules
 * raised, which come from answers (health data): each view is audited, in the same transaction, and
 * shows in the person's access log.
 */
export async function readStaffPlan(
  deps: AftercareDeps,
  ctx: ServiceContext,
  caseId: string,
): Promise<AftercareStaffPlan | null> {
  return deps.uow.run(ctx, async (w) => {
    await caseOfConfidant(w.tx, w, caseId);
    const row = await openPlanOf(w.tx, caseId, false);
    const latest =
      row ??
      (
        await w.tx
          .select()
          .from(aftercarePlans)
          .where(eq(aftercarePlans.caseId, caseId))
          .orderBy(aftercarePlans.createdAt)
      ).at(-1);
    if (!latest) return null;
    const bundle = await loadPlan(w.tx, latest.id);
    if (!bundle) return null;
    await recordAudit(w.tx, w, {
      action: 'aftercare.plan_viewed',
      subjectPersonId: bundle.plan.personId,
      recordType: AFTERCARE_SUBJECT_TYPE,
      recordId: bundle.plan.id,
    });
    return staffPlanView(w.tx, deps.keyring, bundle);
  });
}

/**
 * The person asks for aftercare on a support case of their own (`caseId`): the plan waits as
 * `requested` until the assigned confidant opens it, and that confidant is told (with no confidant
 * yet, the case is in the team's queue, where it is picked up as any request). The case's own
 * conversation stays as it is. A request without `caseId` is handled by the routes: they open a
 * support request first (support's own service), then call this.
 */
export async function requestPlanIn(
  w: Work,
  deps: AftercareDeps,
  input: Pick<AftercareRequest, 'incidentId'> & { caseId: string },
): Promise<{ planId: string; caseId: string; reference: string; status: 'requested' | 'active' }> {
  const actor = requireActor(w);
  const facts = await caseFacts(w.tx, input.caseId);
  const usable = facts && !facts.erased && facts.type === SUPPORT_TYPE ? facts : null;
  authorize(actor, 'request', usable && { ownerIds: usable.requesterId ? [usable.requesterId] : [] }, PLAN_RULES);
  const mine = usable as CaseFacts;
  const existing = await openPlanOf(w.tx, input.caseId, true);
  if (existing) {
    return {
      planId: existing.id,
      caseId: input.caseId,
      reference: mine.reference ?? '',
      status: existing.status as 'requested' | 'active',
    };
  }
  await checkIncidentOwned(w.tx, actor.personId, input.incidentId);
  const planId = randomUUID();
  await insertPlan(w.tx, {
    id: planId,
    caseId: input.caseId,
    personId: actor.personId,
    incidentId: input.incidentId ?? null,
    status: 'requested',
    requestedAt: w.now,
  });
  await w.tx
    .insert(aftercareParticipants)
    .values({ planId, personId: actor.personId, role: 'person', joinedAt: w.now });
  await recordAudit(w.tx, w, {
    action: 'aftercare.plan_requested',
    subjectPersonId: actor.personId,
    recordType: AFTERCARE_SUBJECT_TYPE,
    recordId: planId,
  });
  if (mine.confidantId) {
    await deps.notifications.notify(w, [mine.confidantId], 'aftercare_requested', subject(planId));
  }
  return { planId, caseId: input.caseId, reference: mine.reference ?? '', status: 'requested' };
}

export function requestPlan(deps: AftercareDeps, ctx: ServiceContext, input: { caseId: string; incidentId?: string }) {
  return deps.uow.run(ctx, (w) => requestPlanIn(w, deps, input));
}
