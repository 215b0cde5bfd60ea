import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type {
  CaseDetail,
  CaseOutcome,
  CaseStatus,
  CaseType,
  GrantScope,
  MyCase,
  Urgency,
} from '../../../shared/cases.ts';
import type { Role } from '../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict, notFound } from '../../lib/errors.ts';
import type { Relation } from '../../lib/policy.ts';
import { type AuditEntry, recordAudit } from '../audit/service.ts';
import { people, personRoles } from '../people/db.ts';
import {
  availableActions,
  grantedScopes,
  type LoadedCase,
  loadCase,
  relationsTo,
  requireCaseAccess,
} from './access.ts';
import { type CaseDeps, type Effects, inCaseTransaction, notifyAboutCase } from './context.ts';
import { caseAad } from './crypto.ts';
import { caseAssignments, caseEvents, caseGrants, caseMessages, caseNotes, caseReadMarkers, cases } from './db.ts';
import { enforceRequestLimit } from './limits.ts';
import { newCaseReference } from './reference.ts';
import type { CaseTypeDefinition, StaffProfile, TransitionVia } from './registry.ts';
import { answerClock, pauseClock, resumeClock, retargetClock, type SlaClock, startClock } from './sla.ts';
import type { CaseRow } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

// ---------------------------------------------------------------------------------------------------
// Small helpers shared by the type modules
// ---------------------------------------------------------------------------------------------------

export function iso(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw notFound();
  return ctx.actor;
}

/** Audits an action on a case, about its requester (so it shows in their "who accessed my data"). */
export async function auditCase(
  tx: Tx,
  ctx: ServiceContext,
  row: CaseRow,
  action: string,
  details?: AuditEntry['details'],
): Promise<void> {
  await recordAudit(tx, ctx, {
    action,
    subjectPersonId: row.requesterId,
    recordType: row.type === 'sipa' ? 'sipa_case' : 'support_case',
    recordId: row.id,
    ...(details ? { details } : {}),
  });
}

/** Audits a read, unless the reader is the requester (reading your own case is not "someone else"). */
export async function auditRead(
  tx: Tx,
  ctx: ServiceContext,
  row: CaseRow,
  action: string,
  details?: AuditEntry['details'],
): Promise<void> {
  if (ctx.actor && ctx.actor.personId === row.requesterId) return;
  await auditCase(tx, ctx, row, action, details);
}

export async function addEvent(
  tx: Tx,
  caseId: string,
  event: {
    kind: string;
    actorId: string | null;
    visibility: 'requester' | 'staff';
    fromStatus?: string | null;
    toStatus?: string | null;
    details?: Record<string, string | number | boolean | null> | null;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(caseEvents).values({
    caseId,
    kind: event.kind,
    actorId: event.actorId,
    visibility: event.visibility,
    fromStatus: event.fromStatus ?? null,
    toStatus: event.toStatus ?? null,
    details: event.details ?? null,
    ...(event.at ? { at: event.at } : {}),
  });
}

export function clockOf(row: CaseRow): SlaClock {
  return {
    firstResponseAt: row.firstResponseAt,
    firstResponseDueAt: row.firstResponseDueAt,
    slaConsumedMs: row.slaConsumedMs,
    slaRunningSince: row.slaRunningSince,
    pausedMsTotal: row.pausedMsTotal,
    pausedSince: row.pausedSince,
  };
}

export function targetOf(definition: CaseTypeDefinition, urgency: string | null) {
  return definition.settings.firstResponse[(urgency ?? 'normal') as Urgency];
}

/** Queues the next service-target check of a case (after commit). */
export function scheduleSlaCheck(effects: Effects, definition: CaseTypeDefinition, row: CaseRow): void {
  if (row.firstResponseAt || !row.firstResponseDueAt || row.status === definition.closedStatus) return;
  const lead = definition.settings.reminderLeadMs[(row.urgency ?? 'normal') as Urgency];
  const at = row.reminderSentAt ? row.firstResponseDueAt : new Date(row.firstResponseDueAt.getTime() - lead);
  if (row.escalatedAt) return;
  effects.slaChecks.push({ caseId: row.id, at });
}

async function updateCase(tx: Tx, caseId: string, patch: Partial<CaseRow>): Promise<CaseRow> {
  const [row] = await tx.update(cases).set(patch).where(eq(cases.id, caseId)).returning();
  if (!row) throw notFound();
  return row;
}

/** People holding any of these roles (active), with their association. */
export async function peopleWithRoles(db: DbOrTx, roles: readonly Role[]) {
  if (roles.length === 0) return [];
  return db
    .selectDistinct({ personId: people.id, association: people.association })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(and(inArray(personRoles.role, [...roles]), eq(people.status, 'active')));
}

/** Who should hear about a case waiting in the queue: coordinators and the staff who may take it. */
export async function queueAudience(db: DbOrTx, definition: CaseTypeDefinition, row: CaseRow): Promise<string[]> {
  const roles = [...new Set([...definition.coordinatorRoles, ...definition.assignableRoles])];
  const candidates = await db
    .select({ personId: people.id, association: people.association, role: personRoles.role })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(and(inArray(personRoles.role, roles), eq(people.status, 'active')));
  const byPerson = new Map<string, StaffProfile>();
  for (const candidate of candidates) {
    const profile = byPerson.get(candidate.personId) ?? {
      personId: candidate.personId,
      roles: [],
      association: candidate.association,
    };
    byPerson.set(candidate.personId, { ...profile, roles: [...profile.roles, candidate.role as Role] });
  }
  return [...byPerson.values()]
    .filter(
      (profile) =>
        definition.coordinatorRoles.some((role) => profile.roles.includes(role)) || definition.mayTake(profile, row),
    )
    .map((profile) => profile.personId);
}

async function notifyAndMark(
  tx: Tx,
  deps: CaseDeps,
  effects: Effects,
  personIds: readonly string[],
  kind: string,
  caseId: string,
  except?: string | null,
): Promise<void> {
  const recipients = personIds.filter((id) => id !== except);
  await notifyAboutCase(deps, tx, effects, recipients, kind, caseId);
}

/** The people on the other side of an action: the requester, or the assigned staff (or the queue). */
function otherSide(loaded: LoadedCase, actorId: string): string[] {
  if (actorId === loaded.row.requesterId) return loaded.assignees.map((assignee) => assignee.personId);
  return loaded.row.requesterId ? [loaded.row.requesterId] : [];
}

// ---------------------------------------------------------------------------------------------------
// Transitions
// ---------------------------------------------------------------------------------------------------

export const transitionNotAllowed = () =>
  conflict('transition_not_allowed', 'The case cannot move to that status from its current status.');

/**
 * Moves a case along one of its type's transitions, made `via` a route by someone with one of `by`.
 * Pauses the service-target clock on entering the type's paused status and resumes it on leaving.
 * Throws 409 when the type has no such transition.
 */
export async function applyTransition(
  tx: Tx,
  deps: CaseDeps,
  effects: Effects,
  loaded: LoadedCase,
  options: {
    to: CaseStatus;
    via: TransitionVia;
    by: ReadonlySet<Relation | 'eligible_staff' | 'system'>;
    actorId: string | null;
    now: Date;
    patch?: Partial<CaseRow>;
    event?: { kind: string; visibility: 'requester' | 'staff'; details?: Record<string, string | number | boolean> };
  },
): Promise<CaseRow> {
  const { row, definition } = loaded;
  const from = row.status as CaseStatus;
  const allowed = definition.transitions.some(
    (transition) =>
      transition.via === options.via &&
      transition.to === options.to &&
      transition.from.includes(from) &&
      transition.by.some((b) => options.by.has(b)),
  );
  if (!allowed) throw transitionNotAllowed();
  let clock = clockOf(row);
  const target = targetOf(definition, row.urgency);
  if (options.to === definition.pausedStatus && from !== definition.pausedStatus) {
    clock = pauseClock(deps.calendar, target, clock, options.now);
  } else if (from === definition.pausedStatus && options.to !== definition.pausedStatus) {
    clock = resumeClock(deps.calendar, target, clock, options.now);
  }
  const updated = await updateCase(tx, row.id, {
    ...clock,
    ...options.patch,
    status: options.to,
    updatedAt: options.now,
  });
  await addEvent(tx, row.id, {
    kind: options.event?.kind ?? 'status_changed',
    actorId: options.actorId,
    visibility: options.event?.visibility ?? 'requester',
    fromStatus: from,
    toStatus: options.to,
    details: options.event?.details ?? null,
    at: options.now,
  });
  if (from === definition.pausedStatus && options.to !== definition.pausedStatus) {
    scheduleSlaCheck(effects, definition, updated);
  }
  return updated;
}

/** Records that the requester got a first response (a visible message or advice), once. */
export async function recordFirstResponse(tx: Tx, deps: CaseDeps, loaded: LoadedCase, now: Date): Promise<CaseRow> {
  const { row, definition } = loaded;
  if (row.firstResponseAt) return row;
  const clock = answerClock(deps.calendar, targetOf(definition, row.urgency), clockOf(row), now);
  return updateCase(tx, row.id, { ...clock, updatedAt: now });
}

// ---------------------------------------------------------------------------------------------------
// Creating
// ---------------------------------------------------------------------------------------------------

export interface NewCase {
  type: CaseType;
  requesterId: string;
  urgency: Urgency;
  officeType: string | null;
  region: string | null;
  association: string | null;
  concernForColleague?: boolean;
  intake: unknown;
  personConcerned?: unknown;
  zelfscanResultId?: string | null;
}

/** Creates a case (called by the type modules after validating their intake). */
export async function createCase(
  deps: CaseDeps,
  ctx: ServiceContext,
  input: NewCase,
): Promise<{ id: string; reference: string }> {
  const definition = deps.registry.get(input.type);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    await enforceRequestLimit(tx, definition, input.requesterId, now);
    const id = randomUUID();
    const clock = startClock(deps.calendar, targetOf(definition, input.urgency), now);
    let row: CaseRow | undefined;
    for (let attempt = 0; attempt < 5 && !row; attempt++) {
      const reference = newCaseReference();
      [row] = await tx
        .insert(cases)
        .values({
          id,
          reference,
          type: input.type,
          requesterId: input.requesterId,
          status: definition.initialStatus,
          urgency: input.urgency,
          officeType: input.officeType,
          region: input.region,
          association: input.association,
          concernForColleague: input.concernForColleague ?? false,
          intakeEnvelope: deps.keyring.encrypt(JSON.stringify(input.intake), caseAad.intake(id)),
          personConcernedEnvelope:
            input.personConcerned != null
              ? deps.keyring.encrypt(JSON.stringify(input.personConcerned), caseAad.personConcerned(id))
              : null,
          zelfscanResultId: input.zelfscanResultId ?? null,
          zelfscanSharedAt: input.zelfscanResultId ? now : null,
          createdAt: now,
          updatedAt: now,
          ...clock,
        })
        .onConflictDoNothing({ target: cases.reference })
        .returning();
    }
    if (!row?.reference) throw new Error('Could not draw a unique case reference');
    await addEvent(tx, id, {
      kind: 'created',
      actorId: input.requesterId,
      visibility: 'requester',
      toStatus: definition.initialStatus,
      details: { urgency: input.urgency },
      at: now,
    });
    await auditCase(tx, ctx, row, 'case.created', { type: input.type, urgency: input.urgency });
    await notifyAndMark(tx, deps, effects, await queueAudience(tx, definition, row), 'case_new_in_queue', id);
    scheduleSlaCheck(effects, definition, row);
    return { id, reference: row.reference };
  });
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

function decryptJson(deps: CaseDeps, envelope: string | null, aad: string): unknown | null {
  return envelope ? JSON.parse(deps.keyring.decryptString(envelope, aad)) : null;
}

export function helpersOf(loaded: LoadedCase): MyCase['helpers'] {
  return [
    ...loaded.assignees.map((assignee) => ({
      personId: assignee.personId,
      displayName: assignee.displayName,
      role: 'assigned' as const,
    })),
    ...loaded.grants
      .filter((grant) => grant.consentedAt && !grant.revokedAt)
      .map((grant) => ({
        personId: grant.personId,
        displayName: grant.displayName,
        role: grant.kind === 'peer' ? ('peer' as const) : ('expert' as const),
      })),
  ];
}

export function nextStepOf(definition: CaseTypeDefinition, row: CaseRow, now: Date): string {
  if (row.status === definition.closedStatus) {
    return row.reopenUntil && row.reopenUntil.getTime() > now.getTime() ? 'closed_can_reopen' : 'closed';
  }
  return definition.nextStep[row.status] ?? 'wait';
}

/** Messages by others since the person last read the case. */
export async function unreadCounts(db: DbOrTx, personId: string, caseIds: string[]): Promise<Map<string, number>> {
  const result = new Map<string, number>(caseIds.map((id) => [id, 0]));
  if (caseIds.length === 0) return result;
  const rows = await db
    .select({ caseId: caseMessages.caseId, n: count() })
    .from(caseMessages)
    .leftJoin(
      caseReadMarkers,
      and(eq(caseReadMarkers.caseId, caseMessages.caseId), eq(caseReadMarkers.personId, personId)),
    )
    .where(
      and(
        inArray(caseMessages.caseId, caseIds),
        or(isNull(caseMessages.authorId), ne(caseMessages.authorId, personId)),
        or(isNull(caseReadMarkers.readAt), gt(caseMessages.createdAt, caseReadMarkers.readAt)),
      ),
    )
    .groupBy(caseMessages.caseId);
  for (const row of rows) result.set(row.caseId, row.n);
  return result;
}

function slaOf(definition: CaseTypeDefinition, row: CaseRow, now: Date) {
  const due = row.firstResponseDueAt;
  const lead = definition.settings.reminderLeadMs[(row.urgency ?? 'normal') as Urgency];
  const open = row.status !== definition.closedStatus && !row.firstResponseAt;
  return {
    firstResponseDueAt: iso(due),
    firstResponseAt: iso(row.firstResponseAt),
    paused: Boolean(row.pausedSince),
    dueSoon: Boolean(open && due && due.getTime() - lead <= now.getTime() && due.getTime() > now.getTime()),
    late: Boolean(open && due && due.getTime() <= now.getTime()),
  };
}

export { slaOf };

/** GET /api/cases/:caseId: what the caller may see; audited unless the caller is the requester. */
export async function getCaseDetail(deps: CaseDeps, ctx: ServiceContext, caseId: string): Promise<CaseDetail> {
  const actor = requireActor(ctx);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read', now);
    const { row, definition } = loaded;
    const relations = relationsTo(actor, loaded);
    const actions = availableActions(actor, loaded, now);
    const mayReadIntake = actions.includes('read_intake') || relations.has('owner');
    const isStaff = relations.has('assigned') || relations.has('coordinator');
    const mayReadPersonConcerned = definition.personConcernedRelations.some((relation) => relations.has(relation));
    const intake = mayReadIntake ? decryptJson(deps, row.intakeEnvelope, caseAad.intake(row.id)) : null;
    const personConcerned =
      mayReadIntake && mayReadPersonConcerned
        ? decryptJson(deps, row.personConcernedEnvelope, caseAad.personConcerned(row.id))
        : null;
    await auditRead(tx, ctx, row, 'case.read', {
      intake: mayReadIntake,
      personConcerned: personConcerned !== null,
    });
    // Seeing the person concerned (a SIPA signal's subject, a colleague of concern) is its own entry.
    if (personConcerned !== null) await auditRead(tx, ctx, row, `${row.type}.person_concerned_read`);
    const feedback =
      row.feedbackAt && (relations.has('owner') || isStaff)
        ? {
            rating: row.feedbackRating ?? 0,
            body: row.feedbackEnvelope
              ? deps.keyring.decryptString(row.feedbackEnvelope, caseAad.feedback(row.id))
              : null,
            at: row.feedbackAt.toISOString(),
          }
        : null;
    const statusTargets = definition.transitions
      .filter(
        (transition) =>
          actions.includes('change_status') &&
          transition.via === 'status' &&
          transition.from.includes(row.status as CaseStatus) &&
          transition.by.some((b) => relations.has(b as Relation)),
      )
      .map((transition) => transition.to);
    const unread = (await unreadCounts(tx, actor.personId, [row.id])).get(row.id) ?? 0;
    const parts = definition.present({ row, keyring: deps.keyring, intake, personConcerned, relations });
    return {
      id: row.id,
      reference: row.reference ?? '',
      type: row.type as CaseType,
      status: row.status as CaseStatus,
      nextStep: nextStepOf(definition, row, now),
      urgency: (row.urgency ?? 'normal') as Urgency,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      closedAt: iso(row.closedAt),
      outcome: (row.outcome as CaseOutcome | null) ?? null,
      reopenUntil: row.reopenUntil && row.reopenUntil.getTime() > now.getTime() ? row.reopenUntil.toISOString() : null,
      officeType: row.officeType,
      region: row.region,
      association: row.association,
      helpers: helpersOf(loaded),
      viewer: {
        relations: [...relations],
        scopes: grantedScopes(actor, loaded),
        actions,
        statusTargets: [...new Set(statusTargets)],
      },
      sla: isStaff ? slaOf(definition, row, now) : null,
      grants:
        relations.has('owner') || isStaff
          ? loaded.grants.map((grant) => ({
              id: grant.id,
              personId: grant.personId,
              displayName: grant.displayName,
              kind: grant.kind === 'peer' ? ('peer' as const) : ('expert' as const),
              expertField: null,
              scopes: grant.scopes as GrantScope[],
              state: grant.revokedAt
                ? ('revoked' as const)
                : grant.declinedAt
                  ? ('declined' as const)
                  : grant.consentedAt
                    ? ('active' as const)
                    : ('proposed' as const),
              proposedAt: grant.proposedAt.toISOString(),
              consentedAt: iso(grant.consentedAt),
              revokedAt: iso(grant.revokedAt),
            }))
          : null,
      feedback,
      unread,
      ...(mayReadIntake ? parts : { ...parts, intake: null }),
    };
  });
}

/** GET /api/me/cases: the requester's own cases, newest first, with who is helping. */
export async function listMyCases(deps: CaseDeps, ctx: ServiceContext): Promise<MyCase[]> {
  const actor = requireActor(ctx);
  const now = deps.now();
  const rows = await deps.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.requesterId, actor.personId), isNull(cases.erasedAt)))
    .orderBy(desc(cases.createdAt));
  const unread = await unreadCounts(
    deps.db,
    actor.personId,
    rows.map((row) => row.id),
  );
  const result: MyCase[] = [];
  for (const { id } of rows) {
    const loaded = await loadCase(deps.db, deps.registry, id);
    if (!loaded) continue;
    const { row, definition } = loaded;
    result.push({
      id: row.id,
      reference: row.reference ?? '',
      type: row.type as CaseType,
      status: row.status as CaseStatus,
      nextStep: nextStepOf(definition, row, now),
      urgency: (row.urgency ?? 'normal') as Urgency,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      closedAt: iso(row.closedAt),
      reopenUntil: row.reopenUntil && row.reopenUntil.getTime() > now.getTime() ? row.reopenUntil.toISOString() : null,
      helpers: helpersOf(loaded),
      unread: unread.get(row.id) ?? 0,
    });
  }
  return result;
}

export async function getTimeline(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read', deps.now());
    const relations = relationsTo(actor, loaded);
    const staff = relations.has('assigned') || relations.has('coordinator');
    const rows = await tx
      .select({ event: caseEvents, actorName: people.displayName })
      .from(caseEvents)
      .leftJoin(people, eq(people.id, caseEvents.actorId))
      .where(and(eq(caseEvents.caseId, caseId), staff ? undefined : eq(caseEvents.visibility, 'requester')))
      .orderBy(asc(caseEvents.at));
    await auditRead(tx, ctx, loaded.row, 'case.timeline_read');
    return rows.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at.toISOString(),
      kind: event.kind as never,
      actorName,
      fromStatus: (event.fromStatus as CaseStatus | null) ?? null,
      toStatus: (event.toStatus as CaseStatus | null) ?? null,
      visibility: event.visibility as 'requester' | 'staff',
      details: event.details ?? null,
    }));
  });
}

// ---------------------------------------------------------------------------------------------------
// Messages and notes
// ---------------------------------------------------------------------------------------------------

export async function listMessages(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read_messages', now);
    const rows = await tx
      .select({ message: caseMessages, authorName: people.displayName })
      .from(caseMessages)
      .leftJoin(people, eq(people.id, caseMessages.authorId))
      .where(eq(caseMessages.caseId, caseId))
      .orderBy(asc(caseMessages.createdAt));
    await tx
      .insert(caseReadMarkers)
      .values({ caseId, personId: actor.personId, readAt: now })
      .onConflictDoUpdate({ target: [caseReadMarkers.caseId, caseReadMarkers.personId], set: { readAt: now } });
    await auditRead(tx, ctx, loaded.row, 'case.messages_read', { count: rows.length });
    return rows.map(({ message, authorName }) => ({
      id: message.id,
      at: message.createdAt.toISOString(),
      authorId: message.authorId,
      authorName,
      fromRequester: message.fromRequester,
      body: deps.keyring.decryptString(message.bodyEnvelope, caseAad.message(message.id)),
    }));
  });
}

export async function postMessage(deps: CaseDeps, ctx: ServiceContext, caseId: string, body: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    let loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'post_message', now);
    const relations = relationsTo(actor, loaded);
    const fromRequester = relations.has('owner');
    const id = randomUUID();
    await tx.insert(caseMessages).values({
      id,
      caseId,
      authorId: actor.personId,
      fromRequester,
      bodyEnvelope: deps.keyring.encrypt(body, caseAad.message(id)),
      createdAt: now,
    });
    // Writing is reading up to here.
    await tx
      .insert(caseReadMarkers)
      .values({ caseId, personId: actor.personId, readAt: now })
      .onConflictDoUpdate({ target: [caseReadMarkers.caseId, caseReadMarkers.personId], set: { readAt: now } });
    let row = loaded.row;
    if (relations.has('assigned') && !row.firstResponseAt) {
      row = await recordFirstResponse(tx, deps, loaded, now);
    }
    loaded = { ...loaded, row };
    // The requester answering ends "waiting for you": the clock runs again.
    if (fromRequester && row.status === loaded.definition.pausedStatus) {
      const to = loaded.definition.transitions.find(
        (t) => t.via === 'requester_message' && t.from.includes(row.status as CaseStatus),
      )?.to;
      if (to) {
        row = await applyTransition(tx, deps, effects, loaded, {
          to,
          via: 'requester_message',
          by: new Set(['system']),
          actorId: actor.personId,
          now,
        });
      }
    } else {
      row = await updateCase(tx, caseId, { updatedAt: now });
    }
    await auditCase(tx, ctx, row, 'case.message_posted');
    const audience = fromRequester
      ? loaded.assignees.map((a) => a.personId)
      : [
          ...(row.requesterId ? [row.requesterId] : []),
          ...loaded.assignees.map((a) => a.personId),
          ...loaded.grants
            .filter((g) => g.consentedAt && !g.revokedAt && (g.scopes as string[]).includes('messages'))
            .map((g) => g.personId),
        ];
    await notifyAndMark(tx, deps, effects, audience, 'case_message', caseId, actor.personId);
    return { id, at: now.toISOString() };
  });
}

export async function listNotes(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = requireActor(ctx);
  return deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'read_notes', deps.now());
    const rows = await tx
      .select({ note: caseNotes, authorName: people.displayName })
      .from(caseNotes)
      .leftJoin(people, eq(people.id, caseNotes.authorId))
      .where(eq(caseNotes.caseId, caseId))
      .orderBy(asc(caseNotes.createdAt));
    await auditRead(tx, ctx, loaded.row, 'case.notes_read', { count: rows.length });
    return rows.map(({ note, authorName }) => ({
      id: note.id,
      at: note.createdAt.toISOString(),
      authorId: note.authorId,
      authorName,
      body: deps.keyring.decryptString(note.bodyEnvelope, caseAad.note(note.id)),
    }));
  });
}

/** Internal notes never count as a response and never reach the requester. */
export async function postNote(deps: CaseDeps, ctx: ServiceContext, caseId: string, body: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'post_note', now);
    const id = randomUUID();
    await tx.insert(caseNotes).values({
      id,
      caseId,
      authorId: actor.personId,
      bodyEnvelope: deps.keyring.encrypt(body, caseAad.note(id)),
      createdAt: now,
    });
    await auditCase(tx, ctx, loaded.row, 'case.note_posted');
    return { id, at: now.toISOString() };
  });
}

// ---------------------------------------------------------------------------------------------------
// Status, urgency, assignment
// ---------------------------------------------------------------------------------------------------

export async function changeStatus(deps: CaseDeps, ctx: ServiceContext, caseId: string, to: CaseStatus) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'change_status', now);
    const from = loaded.row.status;
    const row = await applyTransition(tx, deps, effects, loaded, {
      to,
      via: 'status',
      by: relationsTo(actor, loaded),
      actorId: actor.personId,
      now,
    });
    await auditCase(tx, ctx, row, 'case.status_changed', { from, to });
    await notifyAndMark(tx, deps, effects, otherSide(loaded, actor.personId), 'case_update', caseId);
    return { id: row.id, status: row.status as CaseStatus };
  });
}

export async function changeUrgency(deps: CaseDeps, ctx: ServiceContext, caseId: string, urgency: Urgency) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'change_urgency', now);
    const { row, definition } = loaded;
    if (row.urgency === urgency) return { id: row.id, status: row.status as CaseStatus };
    const clock = retargetClock(
      deps.calendar,
      targetOf(definition, row.urgency),
      targetOf(definition, urgency),
      clockOf(row),
      now,
    );
    const updated = await updateCase(tx, caseId, {
      ...clock,
      urgency,
      updatedAt: now,
      reminderSentAt: null,
      escalatedAt: null,
    });
    await addEvent(tx, caseId, {
      kind: 'urgency_changed',
      actorId: actor.personId,
      visibility: 'staff',
      details: { from: row.urgency, to: urgency },
      at: now,
    });
    await auditCase(tx, ctx, updated, 'case.urgency_changed', { from: row.urgency, to: urgency });
    scheduleSlaCheck(effects, definition, updated);
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

async function staffProfile(db: DbOrTx, actor: Actor): Promise<StaffProfile> {
  const [person] = await db
    .select({ association: people.association })
    .from(people)
    .where(eq(people.id, actor.personId));
  return { personId: actor.personId, roles: actor.roles, association: person?.association ?? null };
}

async function endAssignments(tx: Tx, caseId: string, now: Date): Promise<void> {
  await tx
    .update(caseAssignments)
    .set({ endedAt: now })
    .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)));
}

/** The next status for an assignment made `via` from the current one (or the same, for a reassignment). */
function assignmentTarget(definition: CaseTypeDefinition, from: CaseStatus, via: TransitionVia): CaseStatus | null {
  const transition = definition.transitions.find((t) => t.via === via && t.from.includes(from));
  return transition?.to ?? null;
}

/** The coordinator assigns (or reassigns) a case to a staff member holding one of the type's assignable roles. */
export async function assignCase(deps: CaseDeps, ctx: ServiceContext, caseId: string, personId: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'assign', now);
    const { row, definition } = loaded;
    const [assignee] = await tx
      .select({ id: people.id })
      .from(personRoles)
      .innerJoin(people, eq(people.id, personRoles.personId))
      .where(
        and(
          eq(people.id, personId),
          eq(people.status, 'active'),
          inArray(personRoles.role, [...definition.assignableRoles]),
        ),
      );
    if (!assignee || personId === row.requesterId) {
      throw badRequest('assignee_not_eligible', 'This person cannot be assigned to this case.');
    }
    const to = assignmentTarget(definition, row.status as CaseStatus, 'assign');
    if (!to) throw transitionNotAllowed();
    await endAssignments(tx, caseId, now);
    await tx.insert(caseAssignments).values({ caseId, personId, assignedBy: actor.personId, assignedAt: now });
    const updated = await applyTransition(tx, deps, effects, loaded, {
      to,
      via: 'assign',
      by: relationsTo(actor, loaded),
      actorId: actor.personId,
      now,
      event: { kind: 'assigned', visibility: 'requester' },
    });
    await auditCase(tx, ctx, updated, 'case.assigned', { assignee: personId });
    await notifyAndMark(tx, deps, effects, [personId], 'case_assigned', caseId, actor.personId);
    if (row.status === definition.initialStatus && row.requesterId) {
      await notifyAndMark(tx, deps, effects, [row.requesterId], 'case_update', caseId);
    }
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

/**
 * A staff member takes an unassigned case from their queue. Who may is the type's `mayTake` (support:
 * confidants of the routed association and the coordinator; SIPA: any SIPA advisor). Anyone else gets
 * the 404 of a case that does not exist.
 */
export async function takeCase(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    if (!loaded) throw notFound();
    const { row, definition } = loaded;
    const profile = await staffProfile(tx, actor);
    const relations = relationsTo(actor, loaded);
    const eligible =
      (definition.mayTake(profile, row) || relations.has('coordinator')) &&
      definition.assignableRoles.some((role) => actor.roles.includes(role)) &&
      row.requesterId !== actor.personId;
    if (!eligible) throw notFound();
    if (loaded.assignees.length > 0) throw conflict('already_assigned', 'Someone else has already taken this case.');
    const to = assignmentTarget(definition, row.status as CaseStatus, 'take');
    if (!to) throw transitionNotAllowed();
    await tx
      .insert(caseAssignments)
      .values({ caseId, personId: actor.personId, assignedBy: actor.personId, assignedAt: now });
    const patch: Partial<CaseRow> = definition.type === 'sipa' ? { conflictCheck: 'pending' } : {};
    const updated = await applyTransition(tx, deps, effects, loaded, {
      to,
      via: 'take',
      by: new Set([...relations, 'eligible_staff' as const]),
      actorId: actor.personId,
      now,
      patch,
      event: { kind: 'assigned', visibility: definition.type === 'sipa' ? 'staff' : 'requester' },
    });
    await auditCase(tx, ctx, updated, 'case.taken');
    if (definition.type !== 'sipa' && row.requesterId) {
      await notifyAndMark(tx, deps, effects, [row.requesterId], 'case_update', caseId);
    }
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

/** The assigned staff member (or the coordinator) hands a case back to the queue. */
export async function releaseCase(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  options: { via?: TransitionVia; auditAction?: string; eventKind?: string } = {},
) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, options.via === 'conflict_check' ? 'conflict_check' : 'release', now);
    const { definition } = loaded;
    const via = options.via ?? 'release';
    const to = definition.transitions.find(
      (t) => t.via === via && t.from.includes(loaded.row.status as CaseStatus) && t.to === definition.initialStatus,
    )?.to;
    if (!to) throw transitionNotAllowed();
    await endAssignments(tx, caseId, now);
    const updated = await applyTransition(tx, deps, effects, loaded, {
      to,
      via,
      by: relationsTo(actor, loaded),
      actorId: actor.personId,
      now,
      patch: definition.type === 'sipa' ? { conflictCheck: 'not_assigned' } : {},
      event: { kind: options.eventKind ?? 'released', visibility: 'staff' },
    });
    await auditCase(tx, ctx, updated, options.auditAction ?? 'case.released');
    await notifyAndMark(
      tx,
      deps,
      effects,
      await queueAudience(tx, definition, updated),
      'case_new_in_queue',
      caseId,
      actor.personId,
    );
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

// ---------------------------------------------------------------------------------------------------
// Closing, reopening, feedback
// ---------------------------------------------------------------------------------------------------

export async function closeCase(deps: CaseDeps, ctx: ServiceContext, caseId: string, outcome: CaseOutcome) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'close', now);
    const { row, definition } = loaded;
    const relations = relationsTo(actor, loaded);
    const asStaff = relations.has('assigned') || relations.has('coordinator');
    if (!definition.outcomes.includes(outcome) || (!asStaff && outcome !== definition.requesterOutcome)) {
      throw badRequest('outcome_not_allowed', 'This outcome is not available for this case.');
    }
    const { settings } = definition;
    const extra = definition.onClose?.(row) ?? {};
    if (extra.endAssignments) await endAssignments(tx, caseId, now);
    let clock = clockOf(row);
    if (clock.pausedSince) clock = resumeClock(deps.calendar, targetOf(definition, row.urgency), clock, now);
    const updated = await applyTransition(tx, deps, effects, loaded, {
      to: definition.closedStatus,
      via: 'close',
      by: relations,
      actorId: actor.personId,
      now,
      patch: {
        ...clock,
        slaRunningSince: null,
        firstResponseDueAt: null,
        closedAt: now,
        firstClosedAt: row.firstClosedAt ?? now,
        outcome,
        reopenUntil: new Date(now.getTime() + settings.reopenDays * DAY_MS),
        retainUntil: new Date(now.getTime() + settings.retentionDays * DAY_MS),
        ...extra.patch,
      },
      event: { kind: 'closed', visibility: 'requester', details: { outcome } },
    });
    await auditCase(tx, ctx, updated, 'case.closed', { outcome });
    await notifyAndMark(tx, deps, effects, otherSide(loaded, actor.personId), 'case_update', caseId);
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

export async function reopenCase(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'reopen', now);
    const { definition } = loaded;
    const candidates = definition.transitions.filter(
      (t) => t.via === 'reopen' && t.from.includes(loaded.row.status as CaseStatus),
    );
    const withStaff = loaded.assignees.length > 0;
    const to = (
      candidates.find((t) => (withStaff ? t.to !== definition.initialStatus : t.to === definition.initialStatus)) ??
      candidates[0]
    )?.to;
    if (!to) throw transitionNotAllowed();
    const updated = await applyTransition(tx, deps, effects, loaded, {
      to,
      via: 'reopen',
      by: relationsTo(actor, loaded),
      actorId: actor.personId,
      now,
      patch: { closedAt: null, outcome: null, reopenUntil: null, retainUntil: null },
      event: { kind: 'reopened', visibility: 'requester' },
    });
    await auditCase(tx, ctx, updated, 'case.reopened');
    const audience = withStaff ? loaded.assignees.map((a) => a.personId) : await queueAudience(tx, definition, updated);
    await notifyAndMark(tx, deps, effects, audience, withStaff ? 'case_update' : 'case_new_in_queue', caseId);
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

export async function giveFeedback(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  feedback: { rating: number; body?: string | undefined },
) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'give_feedback', now);
    const body = feedback.body?.trim();
    const updated = await updateCase(tx, caseId, {
      feedbackRating: feedback.rating,
      feedbackEnvelope: body ? deps.keyring.encrypt(body, caseAad.feedback(caseId)) : null,
      feedbackAt: now,
      updatedAt: now,
    });
    await addEvent(tx, caseId, {
      kind: 'feedback_given',
      actorId: actor.personId,
      visibility: 'staff',
      details: { rating: feedback.rating },
      at: now,
    });
    await auditCase(tx, ctx, updated, 'case.feedback_given');
    return { id: updated.id, status: updated.status as CaseStatus };
  });
}

// ---------------------------------------------------------------------------------------------------
// Grants: peers and experts let in by the requester
// ---------------------------------------------------------------------------------------------------

export async function proposeGrant(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  input: { personId: string; scopes: GrantScope[] },
) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'propose_grant', now);
    const { row, definition } = loaded;
    if (definition.grantableRoles.length === 0) throw conflict('case_state', 'This kind of case cannot be shared.');
    const roles = await tx
      .select({ role: personRoles.role })
      .from(personRoles)
      .innerJoin(people, eq(people.id, personRoles.personId))
      .where(and(eq(people.id, input.personId), eq(people.status, 'active')));
    const kind = (['peer', 'expert'] as const).find(
      (role) => definition.grantableRoles.includes(role) && roles.some((r) => r.role === role),
    );
    const isInvolved =
      input.personId === row.requesterId || loaded.assignees.some((a) => a.personId === input.personId);
    if (!kind || isInvolved) throw badRequest('grantee_not_eligible', 'This person cannot be brought in.');
    const open = loaded.grants.find((g) => g.personId === input.personId && !g.revokedAt && !g.declinedAt);
    if (open) throw conflict('grant_exists', 'This person has already been proposed or let in.');
    const scopes = normaliseScopes(definition, input.scopes);
    const [grant] = await tx
      .insert(caseGrants)
      .values({ caseId, personId: input.personId, kind, scopes, proposedBy: actor.personId, proposedAt: now })
      .returning({ id: caseGrants.id });
    await addEvent(tx, caseId, {
      kind: 'grant_proposed',
      actorId: actor.personId,
      visibility: 'requester',
      details: { kind, scopes: scopes.join(',') },
      at: now,
    });
    await auditCase(tx, ctx, row, 'case.grant_proposed', { grantee: input.personId, scopes: scopes.join(',') });
    if (row.requesterId) await notifyAndMark(tx, deps, effects, [row.requesterId], 'grant_proposed', caseId);
    return { id: grant?.id ?? '', status: row.status as CaseStatus };
  });
}

/** `summary` is always part of a grant; only scopes the type offers. */
function normaliseScopes(definition: CaseTypeDefinition, scopes: readonly GrantScope[]): GrantScope[] {
  const wanted = new Set<GrantScope>(['summary', ...scopes]);
  return definition.grantScopes.filter((scope) => wanted.has(scope));
}

type GrantDecision = 'consent' | 'decline' | 'revoke';

/**
 * The requester consents (to the proposed scopes or fewer), declines, or revokes; assigned staff may
 * revoke too. Access follows the grant row on the very next request: nothing is cached.
 */
export async function decideGrant(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  grantId: string,
  decision: GrantDecision,
  scopes?: GrantScope[],
) {
  const actor = requireActor(ctx);
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'manage_grants', now);
    const relations = relationsTo(actor, loaded);
    const grant = loaded.grants.find((g) => g.id === grantId);
    if (!grant) throw notFound();
    if (decision !== 'revoke' && !relations.has('owner')) throw notFound();
    const proposed = !grant.consentedAt && !grant.declinedAt && !grant.revokedAt;
    const active = Boolean(grant.consentedAt) && !grant.revokedAt;
    if ((decision === 'revoke' && !(proposed || active)) || (decision !== 'revoke' && !proposed)) {
      throw conflict('grant_state', 'This permission cannot be changed like that any more.');
    }
    let patch: Partial<typeof caseGrants.$inferInsert>;
    if (decision === 'consent') {
      const offered = new Set(grant.scopes);
      const chosen = normaliseScopes(loaded.definition, scopes ?? (grant.scopes as GrantScope[]));
      if (chosen.some((scope) => !offered.has(scope))) {
        throw badRequest('scope_not_proposed', 'You can only share what was asked for, or less.');
      }
      patch = { consentedAt: now, scopes: chosen };
    } else if (decision === 'decline') {
      patch = { declinedAt: now };
    } else {
      patch = { revokedAt: now, revokedBy: actor.personId };
    }
    await tx.update(caseGrants).set(patch).where(eq(caseGrants.id, grantId));
    const kind =
      decision === 'consent' ? 'grant_consented' : decision === 'decline' ? 'grant_declined' : 'grant_revoked';
    await addEvent(tx, caseId, { kind, actorId: actor.personId, visibility: 'requester', at: now });
    await auditCase(tx, ctx, loaded.row, `case.${kind}`, { grantee: grant.personId });
    await notifyAndMark(
      tx,
      deps,
      effects,
      [grant.personId, ...loaded.assignees.map((a) => a.personId)],
      'grant_changed',
      caseId,
      actor.personId,
    );
    return { id: grantId, status: loaded.row.status as CaseStatus };
  });
}

// ---------------------------------------------------------------------------------------------------
// Counting (tests, statistics)
// ---------------------------------------------------------------------------------------------------

export async function countCases(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(cases);
  return row?.n ?? 0;
}
