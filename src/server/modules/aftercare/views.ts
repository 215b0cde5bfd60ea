import { asc, eq, inArray } from 'drizzle-orm';
import {
  AFTERCARE_REFERRAL_OPTIONS,
  type AftercareCheckIn,
  type AftercareConsentVia,
  type AftercareEndReason,
  type AftercarePlanStatus,
  type AftercareReferralOption,
  type AftercareSignal,
  type AftercareStaffPlan,
  type AftercareStep,
  type AftercareStepOwner,
  type AftercareStepTopic,
  type MyAftercarePlan,
} from '../../../shared/aftercare.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { people } from '../people/db.ts';
import { aftercareCheckIns, aftercareSteps } from './db.ts';
import {
  activeParticipants,
  aftercareAad,
  type CheckInRow,
  decryptJson,
  type ParticipantRow,
  type PlanBundle,
} from './records.ts';
import { relativesOf } from './schedule.ts';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function checkInView(row: CheckInRow): AftercareCheckIn {
  return {
    id: row.id,
    sequence: row.sequence,
    dueAt: row.dueAt.toISOString(),
    state: row.state as AftercareCheckIn['state'],
    answeredAt: iso(row.answeredAt),
  };
}

async function stepsOf(db: DbOrTx, keyring: Keyring, planId: string): Promise<AftercareStep[]> {
  const rows = await db
    .select()
    .from(aftercareSteps)
    .where(eq(aftercareSteps.planId, planId))
    .orderBy(asc(aftercareSteps.position));
  return rows.map((row) => ({
    id: row.id,
    topic: row.topic as AftercareStepTopic,
    note: row.noteEnvelope ? keyring.decryptString(row.noteEnvelope, aftercareAad.note(row.id)) : null,
    owner: row.owner as AftercareStepOwner,
    ownerRelativeId: row.ownerRelativeId,
    dueOn: row.dueOn,
    doneAt: iso(row.doneAt),
  }));
}

async function checkInsOf(db: DbOrTx, planId: string): Promise<CheckInRow[]> {
  return db
    .select()
    .from(aftercareCheckIns)
    .where(eq(aftercareCheckIns.planId, planId))
    .orderBy(asc(aftercareCheckIns.sequence));
}

function promptOf(keyring: Keyring, planId: string, participant: ParticipantRow) {
  const signals = decryptJson<AftercareSignal[]>(
    keyring,
    participant.promptEnvelope,
    aftercareAad.prompt(planId, participant.personId),
  );
  return signals?.length && participant.promptSince ? { signals, since: participant.promptSince.toISOString() } : null;
}

function referralOf(keyring: Keyring, planId: string, participant: ParticipantRow) {
  const options = decryptJson<AftercareReferralOption[]>(
    keyring,
    participant.referralEnvelope,
    aftercareAad.referral(planId, participant.personId),
  );
  return options && participant.referralOfferedAt
    ? { options, offeredAt: participant.referralOfferedAt.toISOString() }
    : null;
}

function planFields(bundle: PlanBundle) {
  const { plan } = bundle;
  return {
    id: plan.id,
    caseId: plan.caseId,
    caseReference: bundle.caseFacts.reference ?? '',
    incidentId: plan.incidentId,
    status: plan.status as AftercarePlanStatus,
    startedAt: iso(plan.startedAt),
    endsAt: iso(plan.endsAt),
    endedAt: iso(plan.endedAt),
  };
}

/** The confidant's view: states, prompts and referrals; never answers (fetched one by one, audited). */
export async function staffPlanView(db: DbOrTx, keyring: Keyring, bundle: PlanBundle): Promise<AftercareStaffPlan> {
  const { plan } = bundle;
  const participants = activeParticipants(bundle);
  const names = participants.length
    ? await db
        .select({ id: people.id, displayName: people.displayName })
        .from(people)
        .where(
          inArray(
            people.id,
            participants.map((p) => p.personId),
          ),
        )
    : [];
  const checkIns = await checkInsOf(db, plan.id);
  return {
    ...planFields(bundle),
    requestedAt: iso(plan.requestedAt),
    endReason: plan.endReason as AftercareEndReason | null,
    consent:
      plan.consentVia && plan.consentRecordedAt
        ? { via: plan.consentVia as AftercareConsentVia, recordedAt: plan.consentRecordedAt.toISOString() }
        : null,
    steps: await stepsOf(db, keyring, plan.id),
    participants: participants.map((participant) => ({
      personId: participant.personId,
      role: participant.role as 'person' | 'relative',
      displayName: names.find((row) => row.id === participant.personId)?.displayName ?? '',
      checkIns: checkIns.filter((row) => row.personId === participant.personId).map(checkInView),
      prompt: promptOf(keyring, plan.id, participant),
      referral: referralOf(keyring, plan.id, participant),
    })),
    referralOptions: [...AFTERCARE_REFERRAL_OPTIONS],
  };
}

/**
 * One participant's view of a plan. The person sees every step, their relatives (included or not) and
 * the check-ins of relatives who share; a relative sees their own steps and check-ins only. Nobody sees
 * another participant's prompt or referral.
 */
export async function myPlanView(
  db: DbOrTx,
  keyring: Keyring,
  bundle: PlanBundle,
  participant: ParticipantRow,
): Promise<MyAftercarePlan> {
  const { plan } = bundle;
  const isPerson = participant.role === 'person';
  const steps = await stepsOf(db, keyring, plan.id);
  const checkIns = await checkInsOf(db, plan.id);
  const prompt = promptOf(keyring, plan.id, participant);
  const relatives = isPerson ? await relativesOf(db, plan.personId) : [];
  const included = new Map(activeParticipants(bundle).map((p) => [p.personId, p]));
  return {
    ...planFields(bundle),
    // A relative does not learn the reference of the person's support case.
    caseReference: isPerson ? (bundle.caseFacts.reference ?? '') : '',
    role: participant.role as 'person' | 'relative',
    steps: isPerson ? steps : steps.filter((step) => step.ownerRelativeId === participant.personId),
    checkIns: checkIns.filter((row) => row.personId === participant.personId).map(checkInView),
    referralSuggested: prompt ? { options: [...AFTERCARE_REFERRAL_OPTIONS] } : null,
    referral: referralOf(keyring, plan.id, participant),
    relatives: relatives.map((relative) => {
      const part = included.get(relative.id);
      return {
        personId: relative.id,
        displayName: relative.displayName ?? '',
        included: Boolean(part),
        sharedCheckIns: part?.sharesWithPerson
          ? checkIns.filter((row) => row.personId === relative.id && row.answeredAt).map(checkInView)
          : [],
      };
    }),
    sharesAnswersWithPerson: isPerson ? null : participant.sharesWithPerson,
  };
}
