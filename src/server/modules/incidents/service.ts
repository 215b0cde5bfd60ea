import { randomUUID } from 'node:crypto';
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type {
  EscalationSignal,
  FollowUp,
  FollowUpInput,
  FollowUpKind,
  Incident,
  IncidentDetails,
  IncidentInput,
  IncidentPatch,
  IncidentSummary,
} from '../../../shared/incidents.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import {
  type IncidentDeps,
  type IncidentRow,
  incidentAad,
  loadIncident,
  readDetails,
  requireActor,
  sealDetails,
} from './access.ts';
import { incidentDrafts, incidentEvidence, incidentFollowUps, incidents } from './db.ts';
import { evaluateEscalation } from './escalation.ts';
import { listEvidence } from './evidence.ts';

function detailsFrom(input: IncidentInput): IncidentDetails {
  return {
    occurredAt: input.occurredAt ?? null,
    whatHappened: input.whatHappened,
    channel: input.channel,
    where: input.where || null,
    forms: [...new Set(input.forms ?? [])],
    targets: [...new Set(input.targets ?? [])],
    perpetratorKind: input.perpetratorKind ?? null,
    perpetratorDescription: input.perpetratorDescription || null,
    perpetratorHandle: input.perpetratorHandle || null,
    severity: input.severity ?? null,
    aimedAt: input.aimedAt ?? null,
    internalReport: input.internalReport ?? null,
  };
}

const today = (now: Date) => now.toISOString().slice(0, 10);

/** Records an incident for the person signed in (office holder or relative); their draft goes. */
export async function createIncident(deps: IncidentDeps, ctx: ServiceContext, input: IncidentInput): Promise<Incident> {
  const actor = requireActor(ctx);
  const id = randomUUID();
  await deps.uow.run(ctx, async (w) => {
    await w.tx.insert(incidents).values({
      id,
      ownerId: actor.personId,
      occurredOn: input.occurredOn,
      detailsEnvelope: sealDetails(deps.keyring, id, detailsFrom(input)),
      createdAt: w.now,
      updatedAt: w.now,
    });
    await w.tx.delete(incidentDrafts).where(eq(incidentDrafts.ownerId, actor.personId));
    await recordAudit(w.tx, w, {
      action: 'incident.created',
      subjectPersonId: actor.personId,
      recordType: 'incident',
      recordId: id,
    });
  });
  return getIncident(deps, ctx, id);
}

/** My incidents, newest first, and what the escalation rules say about them. */
export async function listIncidents(
  deps: IncidentDeps,
  ctx: ServiceContext,
): Promise<{ incidents: IncidentSummary[]; escalation: EscalationSignal[] }> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const rows = await db
    .select()
    .from(incidents)
    .where(eq(incidents.ownerId, actor.personId))
    .orderBy(desc(incidents.occurredOn), desc(incidents.createdAt));
  const ids = rows.map((row) => row.id);
  const evidenceCounts = new Map<string, number>();
  const followUpCounts = new Map<string, number>();
  if (ids.length > 0) {
    for (const row of await db
      .select({ id: incidentEvidence.incidentId, n: count() })
      .from(incidentEvidence)
      .where(inArray(incidentEvidence.incidentId, ids))
      .groupBy(incidentEvidence.incidentId)) {
      evidenceCounts.set(row.id, row.n);
    }
    for (const row of await db
      .select({ id: incidentFollowUps.incidentId, n: count() })
      .from(incidentFollowUps)
      .where(inArray(incidentFollowUps.incidentId, ids))
      .groupBy(incidentFollowUps.incidentId)) {
      followUpCounts.set(row.id, row.n);
    }
  }
  const decoded = rows.map((row) => ({ row, details: readDetails(deps.keyring, row) }));
  return {
    incidents: decoded.map(({ row, details }) => ({
      id: row.id,
      occurredOn: row.occurredOn,
      channel: details.channel,
      whatHappened: details.whatHappened,
      severity: details.severity,
      evidenceCount: evidenceCounts.get(row.id) ?? 0,
      followUpCount: followUpCounts.get(row.id) ?? 0,
      createdAt: row.createdAt.toISOString(),
    })),
    escalation: evaluateEscalation(
      decoded.map(({ row, details }) => ({
        occurredOn: row.occurredOn,
        severity: details.severity,
        perpetratorHandle: details.perpetratorHandle,
        perpetratorDescription: details.perpetratorDescription,
      })),
      today(deps.uow.now()),
    ),
  };
}

export async function getIncident(deps: IncidentDeps, ctx: ServiceContext, id: string): Promise<Incident> {
  const actor = requireActor(ctx);
  const db = deps.uow.db;
  const row = await loadIncident(db, actor, id, 'read');
  return toIncident(deps, row, await listFollowUps(deps, row.id), await listEvidence(deps, row.id));
}

export function toIncident(
  deps: IncidentDeps,
  row: IncidentRow,
  followUps: FollowUp[],
  evidence: Incident['evidence'],
): Incident {
  const details = readDetails(deps.keyring, row);
  return {
    id: row.id,
    occurredOn: row.occurredOn,
    ...details,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    followUps,
    evidence,
  };
}

export async function listFollowUps(deps: IncidentDeps, incidentId: string): Promise<FollowUp[]> {
  const rows = await deps.uow.db
    .select()
    .from(incidentFollowUps)
    .where(eq(incidentFollowUps.incidentId, incidentId))
    .orderBy(asc(incidentFollowUps.occurredOn), asc(incidentFollowUps.createdAt));
  return rows.map((row) => {
    const body = JSON.parse(deps.keyring.decryptString(row.bodyEnvelope, incidentAad.followUp(row.id))) as {
      kind: FollowUpKind;
      text: string;
    };
    return {
      id: row.id,
      occurredOn: row.occurredOn,
      kind: body.kind,
      text: body.text,
      createdAt: row.createdAt.toISOString(),
    };
  });
}

/** Fills in or corrects the incident later (the quick entry's "the rest later"). */
export async function updateIncident(
  deps: IncidentDeps,
  ctx: ServiceContext,
  id: string,
  patch: IncidentPatch,
): Promise<Incident> {
  const actor = requireActor(ctx);
  await deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, id, 'update', { lock: true });
    const current = readDetails(deps.keyring, row);
    const merged = detailsFrom({ occurredOn: row.occurredOn, ...current, ...stripUndefined(patch) } as IncidentInput);
    await w.tx
      .update(incidents)
      .set({
        occurredOn: patch.occurredOn ?? row.occurredOn,
        detailsEnvelope: sealDetails(deps.keyring, id, merged),
        updatedAt: w.now,
      })
      .where(eq(incidents.id, id));
    await recordAudit(w.tx, w, {
      action: 'incident.updated',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: id,
      details: { fields: Object.keys(patch).length },
    });
  });
  return getIncident(deps, ctx, id);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Adds a step to the incident's timeline. */
export async function addFollowUp(
  deps: IncidentDeps,
  ctx: ServiceContext,
  incidentId: string,
  input: FollowUpInput,
): Promise<FollowUp> {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, incidentId, 'update', { lock: true });
    return appendFollowUp(w, deps, row, input);
  });
}

/**
 * A step in the caller's unit of work: puts a follow-up on an incident the caller has already loaded
 * (and so authorized) — for a module whose own record belongs on the timeline (the aangifte aid's
 * "what happened at the police"), committed together with that record.
 */
export async function appendFollowUp(
  w: Work,
  deps: IncidentDeps,
  row: IncidentRow,
  input: FollowUpInput,
): Promise<FollowUp> {
  const id = randomUUID();
  await w.tx.insert(incidentFollowUps).values({
    id,
    incidentId: row.id,
    occurredOn: input.occurredOn,
    bodyEnvelope: deps.keyring.encrypt(
      JSON.stringify({ kind: input.kind, text: input.text }),
      incidentAad.followUp(id),
    ),
    createdBy: w.actor?.personId ?? null,
    createdAt: w.now,
  });
  await w.tx.update(incidents).set({ updatedAt: w.now }).where(eq(incidents.id, row.id));
  await recordAudit(w.tx, w, {
    action: 'incident.follow_up_added',
    subjectPersonId: row.ownerId,
    recordType: 'incident',
    recordId: row.id,
    details: { kind: input.kind },
  });
  return { id, occurredOn: input.occurredOn, kind: input.kind, text: input.text, createdAt: w.now.toISOString() };
}

/**
 * Deletes the incident with everything in it (follow-ups, evidence rows and files): the owner's early
 * deletion. The files go after the commit; a crash in between leaves files without a row, which the
 * sweep removes.
 */
export async function deleteIncident(deps: IncidentDeps, ctx: ServiceContext, id: string): Promise<void> {
  const actor = requireActor(ctx);
  await deps.uow.run(ctx, async (w) => {
    const row = await loadIncident(w.tx, actor, id, 'delete', { lock: true });
    const files = await w.tx
      .select({ id: incidentEvidence.id })
      .from(incidentEvidence)
      .where(eq(incidentEvidence.incidentId, id));
    await w.tx.delete(incidents).where(eq(incidents.id, id));
    await recordAudit(w.tx, w, {
      action: 'incident.deleted',
      subjectPersonId: row.ownerId,
      recordType: 'incident',
      recordId: id,
      details: { evidence: files.length },
    });
    w.afterCommit('remove evidence files of a deleted incident', async () => {
      for (const file of files) await deps.store.remove(file.id);
    });
  });
}
