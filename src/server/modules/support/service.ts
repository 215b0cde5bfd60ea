import { eq, inArray } from 'drizzle-orm';
import type { AdviceItem, SupportRequest } from '../../../shared/support.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { loadCase, requireCaseAccess } from '../cases/access.ts';
import { type CaseDeps, inCaseTransaction, notifyAboutCase } from '../cases/context.ts';
import { caseAad } from '../cases/crypto.ts';
import { cases } from '../cases/db.ts';
import { addEvent, applyTransition, auditCase, createCase, recordFirstResponse } from '../cases/service.ts';
import { people, personRoles } from '../people/db.ts';
import { routeToAssociation, type StoredSupportIntake } from './type.ts';
import type { ZelfscanResultProvider } from './zelfscan.ts';

export const zelfscanResultNotFound = () =>
  badRequest('zelfscan_result_not_found', 'This zelfscan result cannot be shared (it does not exist or is not yours).');

/**
 * An officeholder (or a relative, for themselves) asks the Ondersteuningsteam for support; an
 * officeholder may also raise a concern about a colleague. Acute danger makes the case urgent and the
 * answer tells the person to call 112 first.
 */
export async function submitSupportRequest(
  deps: CaseDeps,
  ctx: ServiceContext,
  request: SupportRequest,
  zelfscan: ZelfscanResultProvider,
) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const [me] = await deps.db
    .select({ office: people.office, region: people.region, linkedOfficeholderId: people.linkedOfficeholderId })
    .from(people)
    .where(eq(people.id, actor.personId));
  if (!me) throw notFound();
  const isOfficeholder = actor.roles.includes('officeholder');
  if (request.concernFor === 'colleague' && !isOfficeholder) {
    throw badRequest(
      'colleague_concern_officeholders_only',
      'Only office holders can raise a concern about a colleague.',
    );
  }
  if (request.zelfscanResultId && !(await zelfscan.ownedBy(request.zelfscanResultId, actor.personId))) {
    throw zelfscanResultNotFound();
  }
  // A relative's request is routed by the office of the officeholder they belong to.
  let office = me.office;
  let region = me.region;
  if (!isOfficeholder && me.linkedOfficeholderId) {
    const [linked] = await deps.db
      .select({ office: people.office, region: people.region })
      .from(people)
      .where(eq(people.id, me.linkedOfficeholderId));
    office = linked?.office ?? null;
    region = linked?.region ?? region;
  }
  const concern = request.concernFor === 'colleague';
  const association = concern ? null : routeToAssociation(office);
  const urgency = request.acuteDanger ? 'urgent' : 'normal';
  const intake: StoredSupportIntake = {
    concernFor: request.concernFor,
    situation: [...new Set(request.situation)],
    since: request.since,
    acuteDanger: request.acuteDanger,
    affected: [...new Set(request.affected)],
    contact: {
      channel: request.contact.channel,
      phone: request.contact.phone ?? null,
      when: request.contact.when,
    },
    body: request.body?.trim() || null,
  };
  const created = await createCase(deps, ctx, {
    type: 'support',
    requesterId: actor.personId,
    urgency,
    officeType: concern ? (request.personConcerned?.office ?? null) : office,
    region: concern ? (request.personConcerned?.region ?? null) : region,
    association,
    concernForColleague: concern,
    intake,
    personConcerned: request.personConcerned ?? null,
    zelfscanResultId: request.zelfscanResultId ?? null,
  });
  return {
    caseId: created.id,
    reference: created.reference,
    urgency,
    call112First: request.acuteDanger,
    association,
  } as const;
}

/** The assigned confidant records structured advice; the first advice counts as a response. */
export async function recordSupportAdvice(deps: CaseDeps, ctx: ServiceContext, caseId: string, advice: AdviceItem[]) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'record_advice', now);
    if (loaded.row.type !== 'support') throw notFound();
    await tx
      .update(cases)
      .set({
        adviceEnvelope: deps.keyring.encrypt(JSON.stringify(advice), caseAad.advice(caseId)),
        adviceRecordedAt: now,
      })
      .where(eq(cases.id, caseId));
    const answered = await recordFirstResponse(tx, deps, loaded, now);
    const row = await applyTransition(
      tx,
      deps,
      effects,
      { ...loaded, row: answered },
      {
        to: 'advised',
        via: 'advice',
        by: new Set(['assigned']),
        actorId: actor.personId,
        now,
        event: { kind: 'advice_recorded', visibility: 'requester', details: { items: advice.length } },
      },
    );
    await auditCase(tx, ctx, row, 'support.advice_recorded', { items: advice.length });
    if (row.requesterId) {
      await notifyAboutCase(deps, tx, effects, [row.requesterId], 'case_update', caseId);
    }
    return { id: row.id, status: row.status as 'advised' };
  });
}

/** The requester takes back the shared zelfscan result: nobody on the case sees it from now on. */
export async function withdrawZelfscan(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  return inCaseTransaction(deps, async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'withdraw_zelfscan', now);
    await tx
      .update(cases)
      .set({ zelfscanResultId: null, zelfscanSharedAt: null, updatedAt: now })
      .where(eq(cases.id, caseId));
    await addEvent(tx, caseId, {
      kind: 'zelfscan_withdrawn',
      actorId: actor.personId,
      visibility: 'requester',
      at: now,
    });
    await auditCase(tx, ctx, loaded.row, 'support.zelfscan_withdrawn');
    return { id: caseId, status: loaded.row.status };
  });
}

/** Confidants, peers or experts, for assigning and for proposing whom to let in. */
export async function listSupportStaff(deps: CaseDeps, role: 'confidant' | 'peer' | 'expert') {
  const rows = await deps.db
    .select({
      personId: people.id,
      displayName: people.displayName,
      association: people.association,
      expertField: people.expertField,
      region: people.region,
      status: people.status,
    })
    .from(personRoles)
    .innerJoin(people, eq(people.id, personRoles.personId))
    .where(inArray(personRoles.role, [role]));
  return rows
    .filter((row) => row.status === 'active')
    .map(({ status: _status, ...row }) => ({ ...row, role }))
    .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '', 'nl'));
}
