import { eq } from 'drizzle-orm';
import type { SipaAdvice, SipaRequest } from '../../../shared/sipa.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import type { CaseTypeHandle } from '../cases/facade.ts';
import { people } from '../people/db.ts';
import { sipaAdvicePdf } from './pdf.ts';
import { insertSipaCase, type SipaCaseData, updateSipaCase } from './repository.ts';
import { type StoredSipaIntake, sipaAdviceAad } from './type.ts';

/** SIPA advice requests through the case core's façade: the handle of the `sipa` type. */
export type SipaCases = CaseTypeHandle<SipaCaseData>;

/** Which office each capacity needs; acting for a representative body is open to every officeholder. */
const CAPACITY_OFFICE: Record<SipaRequest['capacity'], string | null> = {
  burgemeester: 'burgemeester',
  commissaris_van_de_koning: 'commissaris_van_de_koning',
  waterschapsvoorzitter: 'waterschapsbestuurder',
  representative_body: null,
};

export async function submitSipaRequest(cases: SipaCases, ctx: ServiceContext, request: SipaRequest) {
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
    topic: request.topic,
    signal: request.signal,
    answers: request.answers,
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
      personConcerned: request.personConcerned,
    },
    (tx, caseId) => insertSipaCase(tx, caseId),
  );
  return { caseId: created.id, reference: created.reference, urgency } as const;
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
