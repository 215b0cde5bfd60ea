import { eq } from 'drizzle-orm';
import type { SipaAdvice, SipaDetails, SipaRecordIntake, SipaRequestParsed } from '../../../shared/sipa.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { CaseTypeHandle } from '../cases/facade.ts';
import { people } from '../people/db.ts';
import { sipaAdvicePdf } from './pdf.ts';
import { insertSipaCase, type SipaCaseData, updateSipaCase } from './repository.ts';
import { type StoredSipaIntake, sipaAdviceAad, sipaIntakeMessageAad } from './type.ts';

/** SIPA advice requests through the case core's façade: the handle of the `sipa` type. */
export type SipaCases = CaseTypeHandle<SipaCaseData>;

/** Which office each capacity needs; acting for a representative body is open to every officeholder. */
const CAPACITY_OFFICE: Record<SipaRequestParsed['capacity'], string | null> = {
  burgemeester: 'burgemeester',
  commissaris_van_de_koning: 'commissaris_van_de_koning',
  waterschapsvoorzitter: 'waterschapsbestuurder',
  representative_body: null,
};

/**
 * The request: who asks, about what, and how to reach them (nothing confidential: SIPA asks for nothing
 * of the kind before its phone intake). The phone number and the organisation are stored encrypted in
 * the case's intake; the times to call also plainly, for the queue.
 */
export async function submitSipaRequest(cases: SipaCases, ctx: ServiceContext, request: SipaRequestParsed) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const [me] = await cases.db
    .select({ office: people.office, region: people.region })
    .from(people)
    .where(eq(people.id, actor.personId));
  if (!me) throw notFound();
  const needed = CAPACITY_OFFICE[request.capacity];
  if (needed && me.office !== needed) {
    throw badRequest('capacity_not_held', 'Your profile does not show the office you ask in. Choose another capacity.');
  }
  const intake: StoredSipaIntake = {
    capacity: request.capacity,
    representativeBody: request.representativeBody ?? null,
    organisation: request.organisation,
    topic: request.topic,
    phone: request.phone,
    callTimes: request.callTimes,
    signal: null,
    answers: null,
  };
  const urgency = request.urgent ? 'urgent' : 'normal';
  const created = await cases.create(
    ctx,
    {
      requesterId: actor.personId,
      urgency,
      officeType: me.office,
      region: me.region,
      intake,
    },
    (tx, caseId) => insertSipaCase(tx, caseId, request.callTimes),
  );
  return { caseId: created.id, reference: created.reference, urgency } as const;
}

/**
 * The advisor held the phone intake: when, what was agreed and, in words for the requester, what follows.
 * The call is the first response. Sharing the details opens the secure channel; guidance only does not.
 */
export function recordPhoneIntake(cases: SipaCases, ctx: ServiceContext, caseId: string, input: SipaRecordIntake) {
  return cases.withCase(ctx, caseId, 'record_intake', async (c) => {
    const heldAt = new Date(input.heldAt);
    // Forms give the time to the minute: a call in the minute of the request is after it. A few minutes
    // ahead of the server's clock are allowed for the advisor's.
    const earliest = Math.floor(c.row.createdAt.getTime() / 60_000) * 60_000;
    if (heldAt.getTime() > c.now.getTime() + 5 * 60_000 || heldAt.getTime() < earliest) {
      throw badRequest('sipa_intake_time', 'The intake was held between the request and now.', [
        { field: 'heldAt', message: 'between the request and now', code: 'sipa_intake_time' },
      ]);
    }
    await updateSipaCase(c.tx, caseId, {
      intakeAgreement: input.agreement,
      intakeHeldAt: heldAt,
      intakeMessageEnvelope: input.message ? c.keyring.encrypt(input.message, sipaIntakeMessageAad(caseId)) : null,
    });
    await c.reloadData();
    await c.recordFirstResponse();
    await c.transition({
      to: input.agreement === 'share_details' ? 'details_requested' : 'in_progress',
      via: 'intake',
      event: { kind: 'intake_held', visibility: 'requester', details: { agreement: input.agreement } },
    });
    await c.audit('sipa.intake_recorded', { agreement: input.agreement });
    await c.notifyRequester('case_update');
    return c.result();
  });
}

/**
 * After the phone intake agreed on it, the requester shares the signal, the person concerned and the
 * question over this channel. Before that the type's guard answers 409 with the reason on the form
 * (nothing stored). The assigned advisor then sees the name and first checks for a conflict of interest.
 */
export function shareSipaDetails(cases: SipaCases, ctx: ServiceContext, caseId: string, details: SipaDetails) {
  return cases.withCase(ctx, caseId, 'share_details', async (c) => {
    const stored = c.readIntake() as StoredSipaIntake;
    await c.writeIntake({ ...stored, signal: details.signal, answers: details.answers }, details.personConcerned);
    await updateSipaCase(c.tx, caseId, { detailsSharedAt: c.now, conflictCheck: 'pending' });
    await c.reloadData();
    await c.transition({
      to: 'conflict_check',
      via: 'details',
      event: { kind: 'details_shared', visibility: 'requester' },
    });
    await c.audit('sipa.details_shared');
    await c.notify(c.otherSide(), 'case_update');
    return c.result();
  });
}

/**
 * The advisor who took the request either confirms there is no conflict of interest (then works on it)
 * or declares one (then it goes back to the queue). Both are audited.
 */
export function decideConflict(
  cases: SipaCases,
  ctx: ServiceContext,
  caseId: string,
  decision: 'no_conflict' | 'conflict',
) {
  return cases.withCase(ctx, caseId, 'conflict_check', async (c) => {
    if (decision === 'conflict') {
      await c.release({ via: 'conflict_check', eventKind: 'conflict_declared' });
      await c.audit('sipa.conflict_declared');
      return c.result();
    }
    await updateSipaCase(c.tx, caseId, { conflictCheck: 'confirmed' });
    await c.transition({
      to: 'in_progress',
      via: 'conflict_check',
      event: { kind: 'conflict_confirmed', visibility: 'requester' },
    });
    await c.audit('sipa.conflict_confirmed');
    await c.notifyRequester('case_update');
    return c.result();
  });
}

export function recordSipaAdvice(cases: SipaCases, ctx: ServiceContext, caseId: string, advice: SipaAdvice) {
  return cases.withCase(ctx, caseId, 'record_advice', async (c) => {
    await updateSipaCase(c.tx, caseId, {
      adviceEnvelope: c.keyring.encrypt(JSON.stringify(advice), sipaAdviceAad(caseId)),
      adviceRecordedAt: c.now,
    });
    await c.recordFirstResponse();
    await c.transition({ to: 'advised', via: 'advice', event: { kind: 'advice_recorded', visibility: 'requester' } });
    await c.audit('sipa.advice_recorded');
    await c.notifyRequester('case_update');
    return c.result();
  });
}

export async function adviceAsPdf(cases: SipaCases, ctx: ServiceContext, caseId: string) {
  const { reference, issuedAt, advice } = await cases.readCase(ctx, caseId, 'download_advice', async (c) => {
    const { row, data } = c.state;
    if (!data.adviceEnvelope) throw notFound();
    await c.auditRead('sipa.advice_pdf_downloaded');
    return {
      reference: row.reference ?? '',
      issuedAt: data.adviceRecordedAt ?? row.updatedAt,
      advice: JSON.parse(c.keyring.decryptString(data.adviceEnvelope, sipaAdviceAad(row.id))) as SipaAdvice,
    };
  });
  return { reference, pdf: await sipaAdvicePdf({ reference, issuedAt, advice }) };
}
