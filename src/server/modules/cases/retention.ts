import { type ServiceContext, systemContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import { loadStatisticsRegions } from '../handover/statistics-regions.ts';
import type { CaseDeps } from './context.ts';
import type { CaseCore } from './facade.ts';
import { CASE_SUBJECT } from './notification-subject.ts';
import { casesPastRetention, deleteCaseChildren, loadCase, writeTombstone } from './repository.ts';
import type { CaseWork } from './work.ts';

/**
 * Destroying a case's content, leaving a tombstone for statistics: type, dates (created, first
 * response, closed), office type, region (the province instead of the municipality for an office with
 * one holder there) and outcome category, plus what the type's `tombstoneKeeps`
 * names. Everything else goes in the same transaction: intake, person concerned, feedback, messages,
 * notes, attachments (contents and names), grants, assignments, timeline, read markers, notifications,
 * the requester link and the reference; the type empties its own tables (its onErase hook).
 *
 * The audit trail keeps its entries (append-only, and they hold no content: ids, codes, counts).
 * Deleted rows disappear from every query at once; on disk, PostgreSQL reclaims them at the next
 * (auto)vacuum, and they were ciphertext whose keys live outside the database.
 */
export async function eraseCaseContent(deps: CaseDeps, c: CaseWork, reason: 'retention' | 'requester') {
  const { row, definition } = c.state;
  const caseId = row.id;
  await c.audit('case.erased', { reason });
  await deleteCaseChildren(c.tx, caseId);
  await deps.notifications.forget(c.tx, { type: CASE_SUBJECT, id: caseId });
  await definition.hooks?.onErase?.({ ...c.hookInput(), reason });
  const keeps = new Set(definition.tombstoneKeeps);
  const region = (await loadStatisticsRegions()).afterErasure(row.officeType, row.region);
  await writeTombstone(c.tx, caseId, {
    urgency: keeps.has('urgency') ? row.urgency : null,
    region,
    reason,
    at: c.now,
  });
}

/** The retention job: every closed case past its type's retention period becomes a tombstone. */
export async function runRetention(core: CaseCore): Promise<number> {
  const { uow, registry } = core.deps;
  let erased = 0;
  for (const id of await casesPastRetention(uow.db, uow.now())) {
    await uow.run(systemContext(), async (w) => {
      const state = await loadCase(w.tx, registry, id, { forUpdate: true });
      // Reopened or erased meanwhile (or of a type no module registers any more): leave it.
      const row = state?.row;
      if (!state || !row?.closedAt || !row.retainUntil || row.retainUntil.getTime() > w.now.getTime()) return;
      await eraseCaseContent(core.deps, core.workOn(w, state), 'retention');
      erased++;
    });
  }
  return erased;
}

/**
 * The requester asks for early deletion of their own closed case (route: step-up and the reference
 * typed back). Irreversible; the tombstone is the same as after the retention period.
 */
export function eraseOnRequest(core: CaseCore, ctx: ServiceContext, caseId: string, reference: string) {
  return core.withCase(ctx, caseId, 'erase', async (c) => {
    if (c.row.reference !== reference.trim().toUpperCase()) {
      throw badRequest('reference_mismatch', 'Type the case reference to confirm.');
    }
    await eraseCaseContent(core.deps, c, 'requester');
    return { id: caseId, erased: true as const };
  });
}
