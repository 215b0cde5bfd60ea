import { eq } from 'drizzle-orm';
import type { SipaAdvice, SipaRequest } from '../../../shared/sipa.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { loadCase, requireCaseAccess } from '../cases/access.ts';
import { type CaseDeps, inCaseTransaction, notifyAboutCase } from '../cases/context.ts';
import { caseAad } from '../cases/crypto.ts';
import { cases } from '../cases/db.ts';
import {
  applyTransition,
  auditCase,
  auditRead,
  createCase,
  recordFirstResponse,
  releaseCase,
} from '../cases/service.ts';
import { people } from '../people/db.ts';
import { sipaAdvicePdf } from './pdf.ts';
import type { StoredSipaIntake } from './type.ts';

/** Which office each capacity needs; acting for a representative body is open to every officeholder. */
const CAPACITY_OFFICE: Record<SipaRequest['capacity'], string | null> = {
  burgemeester: 'burgemeester',
  commissaris_van_de_koning: 'commissaris_van_de_koning',
  waterschapsvoorzitter: 'waterschapsbestuurder',
  representative_body: null,
};

export async function submitSipaRequest(deps: CaseDeps, ctx: ServiceContext, request: SipaRequest) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const [me] = await deps.db
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
  const created = await createCase(deps, ctx, {
    type: 'sipa',
    requesterId: actor.personId,
    urgency,
    officeType: me.office,
    region: me.region,
    association: null,
    intake,
    personConcerned: request.personConcerned,
  });
  return { caseId: created.id, reference: created.reference, urgency } as const;
}

/**
 * The advisor who took the request either confirms there is no conflict of interest (then works on it)
 * or declares one (then it goes back to the queue). Both are audited.
 */
export async function decideConflict(
  deps: CaseDeps,
  ctx: ServiceContext,
  caseId: string,
  decision: 'no_conflict' | 'conflict',
) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  if (decision === 'conflict') {
    return releaseCase(deps, ctx, caseId, {
      via: 'conflict_check',
      auditAction: 'sipa.conflict_declared',
      eventKind: 'conflict_declared',
    });
  }
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'conflict_check', now);
    const row = await applyTransition(tx, deps, effects, loaded, {
      to: 'in_progress',
      via: 'conflict_check',
      by: new Set(['assigned']),
      actorId: actor.personId,
      now,
      patch: { conflictCheck: 'confirmed' },
      event: { kind: 'conflict_confirmed', visibility: 'requester' },
    });
    await auditCase(tx, ctx, row, 'sipa.conflict_confirmed');
    if (row.requesterId) {
      await notifyAboutCase(deps, tx, effects, [row.requesterId], 'case_update', caseId);
    }
    return { id: row.id, status: row.status };
  });
}

export async function recordSipaAdvice(deps: CaseDeps, ctx: ServiceContext, caseId: string, advice: SipaAdvice) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'record_advice', now);
    if (loaded.row.type !== 'sipa') throw notFound();
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
        event: { kind: 'advice_recorded', visibility: 'requester' },
      },
    );
    await auditCase(tx, ctx, row, 'sipa.advice_recorded');
    if (row.requesterId) {
      await notifyAboutCase(deps, tx, effects, [row.requesterId], 'case_update', caseId);
    }
    return { id: row.id, status: row.status };
  });
}

export async function adviceAsPdf(deps: CaseDeps, ctx: ServiceContext, caseId: string) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const { reference, issuedAt, advice } = await deps.db.transaction(async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId);
    requireCaseAccess(actor, loaded, 'download_advice', deps.now());
    const { row } = loaded;
    if (row.type !== 'sipa' || !row.adviceEnvelope) throw notFound();
    await auditRead(tx, ctx, row, 'sipa.advice_pdf_downloaded');
    return {
      reference: row.reference ?? '',
      issuedAt: row.adviceRecordedAt ?? row.updatedAt,
      advice: JSON.parse(deps.keyring.decryptString(row.adviceEnvelope, caseAad.advice(row.id))) as SipaAdvice,
    };
  });
  return { reference, pdf: await sipaAdvicePdf({ reference, issuedAt, advice }) };
}
