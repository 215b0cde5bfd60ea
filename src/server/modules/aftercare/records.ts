import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { notFound, unauthorized } from '../../lib/errors.ts';
import type { AccessRules, AccessSubject } from '../../lib/policy.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { caseAssignments, cases } from '../cases/db.ts';
import type { NotificationService } from '../notifications/service.ts';
import { aftercareCheckIns, aftercareParticipants, aftercarePlans } from './db.ts';
import type { AftercareSettings } from './settings.ts';

/** What the aftercare services need: the one unit of work, the keys, notifications and the settings. */
export interface AftercareDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  notifications: NotificationService;
  settings: AftercareSettings;
}

export type PlanRow = typeof aftercarePlans.$inferSelect;
export type ParticipantRow = typeof aftercareParticipants.$inferSelect;
export type CheckInRow = typeof aftercareCheckIns.$inferSelect;

export const SUPPORT_TYPE = 'support';
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** Where each encrypted value belongs: a ciphertext moved to another row or column does not decrypt. */
export const aftercareAad = {
  answers: (checkInId: string) => contextAad('aftercare_check_in', 'answers', checkInId),
  note: (stepId: string) => contextAad('aftercare_step', 'note', stepId),
  prompt: (planId: string, personId: string) => contextAad('aftercare_participant', `prompt:${planId}`, personId),
  referral: (planId: string, personId: string) => contextAad('aftercare_participant', `referral:${planId}`, personId),
};

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

/** The support case a plan is on, as far as aftercare needs it, with its current assignee (the confidant). */
export interface CaseFacts {
  id: string;
  reference: string | null;
  type: string;
  requesterId: string | null;
  erased: boolean;
  confidantId: string | null;
}

export async function caseFacts(db: DbOrTx, caseId: string): Promise<CaseFacts | null> {
  const [row] = await db
    .select({
      id: cases.id,
      reference: cases.reference,
      type: cases.type,
      requesterId: cases.requesterId,
      erasedAt: cases.erasedAt,
      confidantId: caseAssignments.personId,
    })
    .from(cases)
    .leftJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .where(eq(cases.id, caseId))
    .limit(1);
  if (!row) return null;
  return {
    id: row.id,
    reference: row.reference,
    type: row.type,
    requesterId: row.requesterId,
    erased: row.erasedAt !== null,
    confidantId: row.confidantId,
  };
}

/** A plan with its case and participants: everything an access decision needs. */
export interface PlanBundle {
  plan: PlanRow;
  caseFacts: CaseFacts;
  participants: ParticipantRow[];
}

export async function loadPlan(
  db: DbOrTx,
  planId: string,
  options: { lock?: boolean } = {},
): Promise<PlanBundle | null> {
  const query = db.select().from(aftercarePlans).where(eq(aftercarePlans.id, planId));
  const [plan] = options.lock ? await query.for('update') : await query;
  if (!plan) return null;
  const facts = await caseFacts(db, plan.caseId);
  if (!facts || facts.erased) return null;
  const participants = await db
    .select()
    .from(aftercareParticipants)
    .where(eq(aftercareParticipants.planId, planId))
    .orderBy(asc(aftercareParticipants.joinedAt));
  return { plan, caseFacts: facts, participants };
}

export const activeParticipants = (bundle: PlanBundle) => bundle.participants.filter((p) => !p.leftAt);

/**
 * Who stands where to a plan: the person is its `owner`, the case's current assignee is `assigned`.
 * Included relatives are handled per record (their own check-ins and steps): a plan's relatives are not
 * owners of the plan.
 */
export function planSubject(bundle: PlanBundle): AccessSubject {
  return {
    ownerIds: [bundle.plan.personId],
    assignedStaffIds: bundle.caseFacts.confidantId ? [bundle.caseFacts.confidantId] : [],
  };
}

type PlanAction = 'staffView' | 'manage' | 'end' | 'chooseRelatives' | 'request' | 'tickStep';
export const PLAN_RULES: AccessRules<PlanAction> = {
  staffView: { relations: ['assigned'] },
  manage: { relations: ['assigned'] },
  end: { relations: ['owner', 'assigned'] },
  chooseRelatives: { relations: ['owner'] },
  request: { relations: ['owner'] },
  /** With the step's relative among the owners (participant-service.ts). */
  tickStep: { relations: ['owner', 'assigned'] },
};

/**
 * A check-in belongs to the participant who got it (`owner`); the confidant reads its answers (audited);
 * the person reads a relative's answers only while that relative shares them (a grant with scope
 * `answers`). Nobody else, admins included.
 */
export function checkInSubject(bundle: PlanBundle, checkIn: CheckInRow): AccessSubject {
  const participant = bundle.participants.find((p) => p.personId === checkIn.personId);
  const shared = participant?.role === 'relative' && participant.sharesWithPerson && !participant.leftAt;
  return {
    ownerIds: [checkIn.personId],
    assignedStaffIds: bundle.caseFacts.confidantId ? [bundle.caseFacts.confidantId] : [],
    grants: shared ? [{ personId: bundle.plan.personId, scopes: ['answers'] }] : [],
  };
}

type CheckInAction = 'answer' | 'readAnswers';
export const CHECK_IN_RULES: AccessRules<CheckInAction> = {
  answer: { relations: ['owner'] },
  readAnswers: { relations: ['owner', 'assigned', 'grantee'], scope: 'answers' },
};

export async function loadCheckIn(db: DbOrTx, checkInId: string, options: { lock?: boolean } = {}) {
  const query = db.select().from(aftercareCheckIns).where(eq(aftercareCheckIns.id, checkInId));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) throw notFound();
  const bundle = await loadPlan(db, row.planId, options);
  if (!bundle) throw notFound();
  return { checkIn: row, bundle };
}

export function decryptJson<T>(
  keyring: Keyring,
  envelope: string | null,
  aad: ReturnType<typeof contextAad>,
): T | null {
  return envelope ? (JSON.parse(keyring.decryptString(envelope, aad)) as T) : null;
}
