import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Tx } from '../../db/index.ts';
import { type ServiceContext, systemContext } from '../../lib/context.ts';
import { badRequest, notFound } from '../../lib/errors.ts';
import { loadCase, requireCaseAccess } from './access.ts';
import { type CaseDeps, inCaseTransaction } from './context.ts';
import {
  caseAssignments,
  caseAttachments,
  caseEvents,
  caseGrants,
  caseMessages,
  caseNotes,
  caseReadMarkers,
  cases,
} from './db.ts';
import { CASE_SUBJECT } from './notification-subject.ts';
import type { CaseTypeDefinition } from './registry.ts';
import { auditCase } from './service.ts';
import type { CaseRow } from './types.ts';

/**
 * Destroying a case's content, leaving a tombstone for statistics: type, dates (created, first
 * response, closed), office type, region and outcome category, plus what the type's `tombstoneKeeps`
 * names. Everything else goes in the same transaction: intake, person concerned, advice, feedback,
 * the zelfscan reference, messages, notes, attachments (contents and names), grants, assignments,
 * timeline, read markers, notifications, the requester link and the reference.
 *
 * The audit trail keeps its entries (append-only, and they hold no content: ids, codes, counts).
 * Deleted rows disappear from every query at once; on disk, PostgreSQL reclaims them at the next
 * (auto)vacuum, and they were ciphertext whose keys live outside the database.
 */
export async function eraseCaseContent(
  deps: CaseDeps,
  tx: Tx,
  row: CaseRow,
  definition: CaseTypeDefinition,
  reason: 'retention' | 'requester',
  now: Date,
): Promise<void> {
  const caseId = row.id;
  for (const table of [
    caseMessages,
    caseNotes,
    caseAttachments,
    caseGrants,
    caseAssignments,
    caseEvents,
    caseReadMarkers,
  ] as const) {
    await tx.delete(table).where(eq(table.caseId, caseId));
  }
  await deps.notifications.forget(tx, { type: CASE_SUBJECT, id: caseId });
  const keeps = new Set(definition.tombstoneKeeps);
  await tx
    .update(cases)
    .set({
      reference: null,
      requesterId: null,
      urgency: keeps.has('urgency') ? row.urgency : null,
      association: keeps.has('association') ? row.association : null,
      concernForColleague: false,
      intakeEnvelope: null,
      personConcernedEnvelope: null,
      adviceEnvelope: null,
      adviceRecordedAt: null,
      zelfscanResultId: null,
      zelfscanSharedAt: null,
      conflictCheck: 'not_assigned',
      firstResponseDueAt: null,
      slaRunningSince: null,
      pausedSince: null,
      reopenUntil: null,
      retainUntil: null,
      feedbackRating: null,
      feedbackEnvelope: null,
      feedbackAt: null,
      erasedAt: now,
      erasedReason: reason,
      updatedAt: now,
    })
    .where(eq(cases.id, caseId));
}

/** The retention job: every closed case past its type's retention period becomes a tombstone. */
export async function runRetention(deps: CaseDeps): Promise<number> {
  const now = deps.now();
  const due = await deps.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(isNull(cases.erasedAt), isNotNull(cases.closedAt), lte(cases.retainUntil, now)));
  let erased = 0;
  for (const { id } of due) {
    await inCaseTransaction(deps, async (tx) => {
      const [row] = await tx.select().from(cases).where(eq(cases.id, id)).for('update');
      // Reopened or erased meanwhile: leave it.
      if (!row || row.erasedAt || !row.closedAt || !row.retainUntil || row.retainUntil.getTime() > now.getTime())
        return;
      if (!deps.registry.has(row.type)) return;
      await auditCase(tx, systemContext(), row, 'case.erased', { reason: 'retention' });
      await eraseCaseContent(deps, tx, row, deps.registry.get(row.type), 'retention', now);
      erased++;
    });
  }
  return erased;
}

/**
 * The requester asks for early deletion of their own closed case (route: step-up and the reference
 * typed back). Irreversible; the tombstone is the same as after the retention period.
 */
export async function eraseOnRequest(deps: CaseDeps, ctx: ServiceContext, caseId: string, reference: string) {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  const now = deps.now();
  return inCaseTransaction(deps, async (tx) => {
    const loaded = await loadCase(tx, deps.registry, caseId, { forUpdate: true });
    requireCaseAccess(actor, loaded, 'erase', now);
    if (loaded.row.reference !== reference.trim().toUpperCase()) {
      throw badRequest('reference_mismatch', 'Type the case reference to confirm.');
    }
    await auditCase(tx, ctx, loaded.row, 'case.erased', { reason: 'requester' });
    await eraseCaseContent(deps, tx, loaded.row, loaded.definition, 'requester', now);
    return { id: caseId, erased: true as const };
  });
}
