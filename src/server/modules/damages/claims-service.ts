import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import {
  addDays,
  DAMAGE_LIMITS,
  DAMAGE_REMINDER_LEAD_DAYS,
  type DamageClaim,
  type DamageClaimInput,
  type DamageHead,
  type IncidentDamages,
} from '../../../shared/damages.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { dutchDay } from '../../../shared/woningscan-schemes.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { badRequest, conflict } from '../../lib/errors.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { loadIncident, requireActor } from '../incidents/access.ts';
import { incidentEvidence } from '../incidents/db.ts';
import { type DamageClaimRow, type DamagesDeps, damageAad, loadClaim } from './access.ts';
import { damageClaims, damageDeadlines } from './db.ts';
import { rulesOn } from './rules.ts';

/** What the envelope of a claim holds. */
interface ClaimContent {
  heads: { kind: DamageHead['kind']; description: string; amountCents: number; evidenceId: string | null }[];
  note: string;
}

function readContent(deps: DamagesDeps, row: DamageClaimRow): ClaimContent {
  return JSON.parse(deps.keyring.decryptString(row.contentEnvelope, damageAad.content(row.id))) as ClaimContent;
}

/** A claim as its owner reads it, deadlines in date order. */
export async function presentClaim(deps: DamagesDeps, db: DbOrTx, row: DamageClaimRow): Promise<DamageClaim> {
  const content = readContent(deps, row);
  const deadlines = await db
    .select()
    .from(damageDeadlines)
    .where(eq(damageDeadlines.claimId, row.id))
    .orderBy(asc(damageDeadlines.dueOn), asc(damageDeadlines.createdAt));
  return {
    id: row.id,
    incidentId: row.incidentId,
    route: row.route as DamageClaim['route'],
    status: row.status as DamageClaim['status'],
    heads: content.heads,
    note: content.note,
    totalCents: content.heads.reduce((sum, head) => sum + head.amountCents, 0),
    deadlines: deadlines.map((deadline) => ({
      id: deadline.id,
      dueOn: deadline.dueOn,
      label: deps.keyring.decryptString(deadline.labelEnvelope, damageAad.label(deadline.id)),
      remindOn: deadline.remindOn,
      remindedAt: deadline.remindedAt ? deadline.remindedAt.toISOString() : null,
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** My incident's damages: its claims and the Schadefonds rules on the incident's day and today. */
export async function getIncidentDamages(
  deps: DamagesDeps,
  ctx: ServiceContext,
  incidentId: string,
): Promise<IncidentDamages> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const incident = await loadIncident(db, actor, incidentId, 'read');
  const rows = await db
    .select()
    .from(damageClaims)
    .where(and(eq(damageClaims.incidentId, incident.id), eq(damageClaims.ownerId, actor.personId)))
    .orderBy(asc(damageClaims.createdAt));
  const today = dutchDay(deps.uow.now());
  const claims = [];
  for (const row of rows) claims.push(await presentClaim(deps, db, row));
  return {
    incidentId: incident.id,
    occurredOn: incident.occurredOn,
    today,
    claims,
    rules: { onIncident: await rulesOn(db, incident.occurredOn), today: await rulesOn(db, today) },
    reminderLeadDays: DAMAGE_REMINDER_LEAD_DAYS,
  };
}

/**
 * What is wrong with the input beyond its shape: a receipt that is not live evidence of this incident,
 * a deadline in the past (an existing deadline sent back unchanged may have passed; it stays as it was).
 */
async function inputProblems(
  tx: Tx,
  incidentId: string,
  input: DamageClaimInput,
  today: string,
  existing: Map<string, string>,
): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  const evidenceIds = [...new Set(input.heads.flatMap((head) => (head.evidenceId ? [head.evidenceId] : [])))];
  const live = new Set(
    evidenceIds.length === 0
      ? []
      : (
          await tx
            .select({ id: incidentEvidence.id })
            .from(incidentEvidence)
            .where(
              and(
                inArray(incidentEvidence.id, evidenceIds),
                eq(incidentEvidence.incidentId, incidentId),
                isNull(incidentEvidence.deletedAt),
              ),
            )
        ).map((row) => row.id),
  );
  input.heads.forEach((head, index) => {
    if (head.evidenceId && (head.kind !== 'material' || !live.has(head.evidenceId))) {
      problems.push({
        field: `body/heads/${index}/evidenceId`,
        code: 'damage_receipt_unknown',
        message: 'must be evidence of this incident (for a material head)',
      });
    }
  });
  input.deadlines.forEach((deadline, index) => {
    if (deadline.id !== undefined && !existing.has(deadline.id)) {
      problems.push({
        field: `body/deadlines/${index}/id`,
        code: 'damage_deadline_unknown',
        message: 'no such deadline',
      });
    }
    const unchanged = deadline.id !== undefined && existing.get(deadline.id) === deadline.dueOn;
    if (!unchanged && deadline.dueOn < today) {
      problems.push({
        field: `body/deadlines/${index}/dueOn`,
        code: 'deadline_in_past',
        message: 'must be today or later',
      });
    }
  });
  return problems;
}

function sealContent(deps: DamagesDeps, id: string, input: DamageClaimInput): string {
  const content: ClaimContent = {
    heads: input.heads.map((head) => ({
      kind: head.kind,
      description: head.description,
      amountCents: head.amountCents,
      evidenceId: head.kind === 'material' ? (head.evidenceId ?? null) : null,
    })),
    note: input.note ?? '',
  };
  return deps.keyring.encrypt(JSON.stringify(content), damageAad.content(id));
}

/**
 * Writes a claim's deadlines: one sent back with its id and day keeps its row (and whether it was
 * reminded); a changed day is a new deadline with a reminder of its own; one left out is removed.
 */
async function writeDeadlines(w: Work, deps: DamagesDeps, claim: DamageClaimRow, input: DamageClaimInput) {
  const existing = await w.tx.select().from(damageDeadlines).where(eq(damageDeadlines.claimId, claim.id));
  const kept = new Set<string>();
  for (const deadline of input.deadlines) {
    const same = existing.find((row) => row.id === deadline.id && row.dueOn === deadline.dueOn);
    if (same) {
      kept.add(same.id);
      await w.tx
        .update(damageDeadlines)
        .set({ labelEnvelope: deps.keyring.encrypt(deadline.label, damageAad.label(same.id)) })
        .where(eq(damageDeadlines.id, same.id));
      continue;
    }
    const id = randomUUID();
    await w.tx.insert(damageDeadlines).values({
      id,
      claimId: claim.id,
      ownerId: claim.ownerId,
      dueOn: deadline.dueOn,
      remindOn: addDays(deadline.dueOn, -DAMAGE_REMINDER_LEAD_DAYS),
      labelEnvelope: deps.keyring.encrypt(deadline.label, damageAad.label(id)),
      createdAt: w.now,
    });
  }
  const gone = existing.filter((row) => !kept.has(row.id)).map((row) => row.id);
  if (gone.length > 0) await w.tx.delete(damageDeadlines).where(inArray(damageDeadlines.id, gone));
}

function refuse(problems: FieldError[]) {
  return badRequest('validation_failed', 'One or more fields are not valid.', problems);
}

/** A new claim on my incident. */
export function createClaim(deps: DamagesDeps, ctx: ServiceContext, incidentId: string, input: DamageClaimInput) {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const incident = await loadIncident(w.tx, actor, incidentId, 'update', { lock: true });
    const problems = await inputProblems(w.tx, incident.id, input, dutchDay(w.now), new Map());
    if (problems.length > 0) throw refuse(problems);
    const [held] = await w.tx.select({ n: count() }).from(damageClaims).where(eq(damageClaims.incidentId, incident.id));
    if ((held?.n ?? 0) >= DAMAGE_LIMITS.claimsPerIncident) {
      throw conflict('damage_claims_full', 'This incident holds the most damage claims it can.');
    }
    const id = randomUUID();
    const [row] = await w.tx
      .insert(damageClaims)
      .values({
        id,
        incidentId: incident.id,
        ownerId: incident.ownerId,
        route: input.route,
        status: input.status,
        contentEnvelope: sealContent(deps, id, input),
        createdAt: w.now,
        updatedAt: w.now,
      })
      .returning();
    if (!row) throw new Error('damage claim not inserted');
    await writeDeadlines(w, deps, row, input);
    await recordAudit(w.tx, w, {
      action: 'damages.claim_created',
      subjectPersonId: actor.personId,
      recordType: 'damage_claim',
      recordId: id,
      details: { route: input.route },
    });
    return presentClaim(deps, w.tx, row);
  });
}

/** Replaces my claim's route, status, heads, note and deadlines. */
export function updateClaim(deps: DamagesDeps, ctx: ServiceContext, claimId: string, input: DamageClaimInput) {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const claim = await loadClaim(w.tx, actor, claimId, 'update', { lock: true });
    const existing = await w.tx
      .select({ id: damageDeadlines.id, dueOn: damageDeadlines.dueOn })
      .from(damageDeadlines)
      .where(eq(damageDeadlines.claimId, claim.id));
    const known = new Map(existing.map((row) => [row.id, row.dueOn]));
    const problems = await inputProblems(w.tx, claim.incidentId, input, dutchDay(w.now), known);
    if (problems.length > 0) throw refuse(problems);
    const [row] = await w.tx
      .update(damageClaims)
      .set({
        route: input.route,
        status: input.status,
        contentEnvelope: sealContent(deps, claim.id, input),
        updatedAt: w.now,
      })
      .where(eq(damageClaims.id, claim.id))
      .returning();
    if (!row) throw new Error('damage claim vanished under its lock');
    await writeDeadlines(w, deps, row, input);
    await recordAudit(w.tx, w, {
      action: 'damages.claim_updated',
      subjectPersonId: actor.personId,
      recordType: 'damage_claim',
      recordId: claim.id,
      details: { route: input.route, status: input.status },
    });
    return presentClaim(deps, w.tx, row);
  });
}

/** Deletes my claim and its deadlines. */
export function deleteClaim(deps: DamagesDeps, ctx: ServiceContext, claimId: string) {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const claim = await loadClaim(w.tx, actor, claimId, 'delete', { lock: true });
    await w.tx.delete(damageClaims).where(eq(damageClaims.id, claim.id));
    await recordAudit(w.tx, w, {
      action: 'damages.claim_deleted',
      subjectPersonId: actor.personId,
      recordType: 'damage_claim',
      recordId: claim.id,
    });
  });
}
