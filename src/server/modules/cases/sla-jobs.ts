import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Urgency } from '../../../shared/cases.ts';
import { type CaseDeps, type Effects, inCaseTransaction, notifyAboutCase } from './context.ts';
import { caseAssignments, cases } from './db.ts';
import { addEvent, peopleWithRoles, queueAudience, scheduleSlaCheck } from './service.ts';

export type SlaCheckResult = { reminded: boolean; escalated: boolean };

/**
 * The first-response watch for one case, idempotent (pg-boss delivers at least once, and the sweep
 * may call it too): a reminder to the assigned staff (or, unassigned, to the queue) when the due time
 * is near, and an escalation to the type's coordinators when it passed. Each happens once per clock
 * (a new urgency resets them); the next check is scheduled from the case's current state, so a pause or
 * an urgency change simply moves it.
 */
export async function runSlaCheck(deps: CaseDeps, caseId: string): Promise<SlaCheckResult> {
  const now = deps.now();
  return inCaseTransaction(deps, async (tx, effects: Effects) => {
    const [row] = await tx.select().from(cases).where(eq(cases.id, caseId)).for('update');
    const result = { reminded: false, escalated: false };
    if (!row || row.erasedAt || !deps.registry.has(row.type)) return result;
    const definition = deps.registry.get(row.type);
    const due = row.firstResponseDueAt;
    if (row.firstResponseAt || !due || row.status === definition.closedStatus) return result;
    const lead = definition.settings.reminderLeadMs[(row.urgency ?? 'normal') as Urgency];
    const assignees = (
      await tx
        .select({ personId: caseAssignments.personId })
        .from(caseAssignments)
        .where(and(eq(caseAssignments.caseId, caseId), isNull(caseAssignments.endedAt)))
    ).map((a) => a.personId);
    let current = row;
    if (!row.reminderSentAt && now.getTime() >= due.getTime() - lead) {
      [current = row] = await tx
        .update(cases)
        .set({ reminderSentAt: now })
        .where(and(eq(cases.id, caseId), isNull(cases.reminderSentAt)))
        .returning();
      await addEvent(tx, caseId, { kind: 'reminder_sent', actorId: null, visibility: 'staff', at: now });
      const audience = assignees.length > 0 ? assignees : await queueAudience(tx, definition, row);
      await notifyAboutCase(deps, tx, effects, audience, 'case_due_soon', caseId);
      result.reminded = true;
    }
    if (!row.escalatedAt && now.getTime() >= due.getTime()) {
      [current = row] = await tx
        .update(cases)
        .set({ escalatedAt: now })
        .where(and(eq(cases.id, caseId), isNull(cases.escalatedAt)))
        .returning();
      await addEvent(tx, caseId, { kind: 'escalated', actorId: null, visibility: 'staff', at: now });
      // No coordinator role (SIPA): every advisor hears about it.
      const roles = definition.coordinatorRoles.length > 0 ? definition.coordinatorRoles : definition.assignableRoles;
      const coordinators = (await peopleWithRoles(tx, roles)).map((p) => p.personId);
      const audience = [...new Set([...coordinators, ...assignees])].filter((id) => id !== row.requesterId);
      await notifyAboutCase(deps, tx, effects, audience, 'case_late', caseId);
      result.escalated = true;
    }
    scheduleSlaCheck(effects, definition, current);
    return result;
  });
}

/**
 * The safety net behind the per-case jobs (a crash between a commit and scheduling its check, a runner
 * that was stopped): every open case whose reminder or escalation is due gets its check now.
 */
export async function sweepSla(deps: CaseDeps): Promise<number> {
  const now = deps.now();
  const maxLead = Math.max(
    0,
    ...deps.registry.all().flatMap((definition) => Object.values(definition.settings.reminderLeadMs)),
  );
  const candidates = await deps.db
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        isNull(cases.firstResponseAt),
        isNull(cases.erasedAt),
        isNull(cases.escalatedAt),
        isNotNull(cases.firstResponseDueAt),
        lte(cases.firstResponseDueAt, new Date(now.getTime() + maxLead)),
      ),
    );
  let acted = 0;
  for (const { id } of candidates) {
    const result = await runSlaCheck(deps, id);
    if (result.reminded || result.escalated) acted++;
  }
  return acted;
}
