import { systemContext } from '../../lib/context.ts';
import { reminderLeadOf } from './clock.ts';
import type { CaseCore } from './facade.ts';
import { casesDueForCheck, loadCase, staffHolding, updateCase } from './repository.ts';

export type SlaCheckResult = { reminded: boolean; escalated: boolean };

/**
 * The first-response watch for one case, idempotent (pg-boss delivers at least once, and the sweep
 * may call it too): a reminder to the assigned staff (or, unassigned, to the queue) when the due time
 * is near, and an escalation to the type's coordinators when it passed. Each happens once per clock
 * (a new urgency resets them); the next check is scheduled from the case's current state, so a pause or
 * an urgency change simply moves it.
 */
export async function runSlaCheck(core: CaseCore, caseId: string): Promise<SlaCheckResult> {
  return core.deps.uow.run(systemContext(), async (w) => {
    const result = { reminded: false, escalated: false };
    const state = await loadCase(w.tx, core.registry, caseId, { forUpdate: true });
    if (!state) return result;
    const c = core.workOn(w, state);
    const { row, definition } = state;
    const due = row.firstResponseDueAt;
    if (row.firstResponseAt || !due || row.status === definition.closedStatus) return result;
    const lead = reminderLeadOf(definition, row.urgency);
    const assignees = state.assignees.map((a) => a.personId);
    if (!row.reminderSentAt && w.now.getTime() >= due.getTime() - lead) {
      c.setRow(await updateCase(w.tx, caseId, { reminderSentAt: w.now }));
      await c.event('reminder_sent', 'staff');
      await c.notify(assignees.length > 0 ? assignees : await c.queueAudience(), 'case_due_soon');
      result.reminded = true;
    }
    if (!row.escalatedAt && w.now.getTime() >= due.getTime()) {
      c.setRow(await updateCase(w.tx, caseId, { escalatedAt: w.now }));
      await c.event('escalated', 'staff');
      // No coordinator role (SIPA): every advisor hears about it.
      const roles = definition.coordinatorRoles.length > 0 ? definition.coordinatorRoles : definition.assignableRoles;
      const coordinators = (await staffHolding(w.tx, roles)).map((p) => p.personId);
      const audience = [...new Set([...coordinators, ...assignees])].filter((id) => id !== row.requesterId);
      await c.notify(audience, 'case_late');
      result.escalated = true;
    }
    c.scheduleSlaCheck();
    return result;
  });
}

/**
 * The safety net behind the per-case jobs (a crash between a commit and scheduling its check, a runner
 * that was stopped): every open case whose reminder or escalation is due gets its check now.
 */
export async function sweepSla(core: CaseCore): Promise<number> {
  const { uow } = core.deps;
  const now = uow.now();
  const maxLead = Math.max(
    0,
    ...core.registry.all().flatMap((definition) => Object.values(definition.settings.reminderLeadMs)),
  );
  const candidates = await casesDueForCheck(uow.db, new Date(now.getTime() + maxLead));
  let acted = 0;
  for (const id of candidates) {
    const result = await runSlaCheck(core, id);
    if (result.reminded || result.escalated) acted++;
  }
  return acted;
}
