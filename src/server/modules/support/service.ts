import { eq, inArray } from 'drizzle-orm';
import type { Association } from '../../../shared/people.ts';
import type { AdviceItem, SupportRequest } from '../../../shared/support.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { recordAudit } from '../audit/service.ts';
import type { CaseTypeHandle } from '../cases/facade.ts';
import { loadStatisticsRegions } from '../handover/statistics-regions.ts';
import { people, personRoles } from '../people/db.ts';
import { checkConsent, type IncidentShareProvider, noIncidents, recordConsent } from './incident-share.ts';
import { insertSupportCase, type SupportCaseData, updateSupportCase } from './repository.ts';
import { routeToAssociation } from './routing.ts';
import { type StoredSupportIntake, supportAdviceAad } from './type.ts';
import type { ZelfscanResultProvider } from './zelfscan.ts';

/** Support requests through the case core's façade: the handle of the `support` type. */
export type SupportCases = CaseTypeHandle<SupportCaseData>;

export const zelfscanResultNotFound = () =>
  badRequest('zelfscan_result_not_found', 'This zelfscan result cannot be shared (it does not exist or is not yours).');

/**
 * An officeholder (or a relative, for themselves) asks the Ondersteuningsteam for support; an
 * officeholder may also raise a concern about a colleague. Acute danger makes the case urgent and the
 * answer tells the person to call 112 first.
 */
export async function submitSupportRequest(
  cases: SupportCases,
  ctx: ServiceContext,
  request: SupportRequest,
  zelfscan: ZelfscanResultProvider,
  incidents: IncidentShareProvider = noIncidents,
) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const [me] = await cases.db
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
  const incident = request.incident;
  if (incident) await checkConsent(cases.db, incidents, incident, actor.personId);
  // A relative's request is routed by the office of the officeholder they belong to.
  let office = me.office;
  let region = me.region;
  if (!isOfficeholder && me.linkedOfficeholderId) {
    const [linked] = await cases.db
      .select({ office: people.office, region: people.region })
      .from(people)
      .where(eq(people.id, me.linkedOfficeholderId));
    office = linked?.office ?? null;
    region = linked?.region ?? region;
  }
  const concern = request.concernFor === 'colleague';
  // Set in the creating transaction, from the routing as it stands then (an admin setting, routing.ts).
  let association = null as Association | null;
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
  const zelfscanResultId = request.zelfscanResultId ?? null;
  const created = await cases.create(
    ctx,
    {
      requesterId: actor.personId,
      urgency,
      officeType: concern ? (request.personConcerned?.office ?? null) : office,
      // The region of the person concerned stays in full only in the encrypted record of that person.
      region: concern
        ? (await loadStatisticsRegions()).ofPersonConcerned(
            request.personConcerned?.office ?? null,
            request.personConcerned?.region ?? null,
          )
        : region,
      intake,
      personConcerned: request.personConcerned ?? null,
    },
    async (tx, caseId, now) => {
      association = concern ? null : await routeToAssociation(tx, office);
      await insertSupportCase(tx, caseId, {
        association,
        concernForColleague: concern,
        zelfscanResultId,
        zelfscanSharedAt: zelfscanResultId ? now : null,
      });
      // Checked again inside the transaction: the incident or a file may have gone since.
      if (incident) {
        await checkConsent(tx, incidents, incident, actor.personId);
        await recordConsent(tx, caseId, actor.personId, incident, now);
        await recordAudit(tx, ctx, {
          action: 'support.incident_shared',
          subjectPersonId: actor.personId,
          recordType: 'support_case',
          recordId: caseId,
          details: {
            incident: incident.incidentId,
            fields: incident.fields.length,
            files: incident.evidenceIds.length,
          },
        });
      }
    },
  );
  return {
    caseId: created.id,
    reference: created.reference,
    urgency,
    call112First: request.acuteDanger,
    association,
  } as const;
}

/** The assigned confidant records structured advice; the first advice counts as a response. */
export function recordSupportAdvice(cases: SupportCases, ctx: ServiceContext, caseId: string, advice: AdviceItem[]) {
  return cases.withCase(ctx, caseId, 'record_advice', async (c) => {
    await updateSupportCase(c.tx, caseId, {
      adviceEnvelope: c.keyring.encrypt(JSON.stringify(advice), supportAdviceAad(caseId)),
      adviceRecordedAt: c.now,
    });
    await c.recordFirstResponse();
    await c.transition({
      to: 'advised',
      via: 'advice',
      event: { kind: 'advice_recorded', visibility: 'requester', details: { items: advice.length } },
    });
    await c.audit('support.advice_recorded', { items: advice.length });
    await c.notifyRequester('case_advice');
    return c.result();
  });
}

/** The requester takes back the shared zelfscan result: nobody on the case sees it from now on. */
export function withdrawZelfscan(cases: SupportCases, ctx: ServiceContext, caseId: string) {
  return cases.withCase(ctx, caseId, 'withdraw_zelfscan', async (c) => {
    await updateSupportCase(c.tx, caseId, { zelfscanResultId: null, zelfscanSharedAt: null });
    await c.touch();
    await c.event('zelfscan_withdrawn', 'requester');
    await c.audit('support.zelfscan_withdrawn');
    return c.result();
  });
}

/** Confidants, peers or experts, for assigning and for proposing whom to let in. */
export async function listSupportStaff(db: DbOrTx, role: 'confidant' | 'peer' | 'expert') {
  const rows = await db
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
