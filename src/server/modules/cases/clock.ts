import type { Urgency } from '../../../shared/cases.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { SLA_CHECK_JOB } from './context.ts';
import type { CaseTypeDefinition, SlaTarget } from './registry.ts';
import type { SlaClock } from './sla.ts';
import type { CaseRow } from './types.ts';

/** The first-response clock of a case row. */
export function clockOf(row: CaseRow): SlaClock {
  return {
    firstResponseAt: row.firstResponseAt,
    firstResponseDueAt: row.firstResponseDueAt,
    slaConsumedMs: row.slaConsumedMs,
    slaRunningSince: row.slaRunningSince,
    pausedMsTotal: row.pausedMsTotal,
    pausedSince: row.pausedSince,
  };
}

export function targetOf(definition: CaseTypeDefinition, urgency: string | null): SlaTarget {
  return definition.settings.firstResponse[(urgency ?? 'normal') as Urgency];
}

export function reminderLeadOf(definition: CaseTypeDefinition, urgency: string | null): number {
  return definition.settings.reminderLeadMs[(urgency ?? 'normal') as Urgency];
}

/**
 * Asks for the next service-target check of a case, sent after the commit. A check lost on the way
 * (the runner stopped, a crash after the commit) is found by the sweep job a few minutes later.
 */
export function scheduleSlaCheck(w: Work, definition: CaseTypeDefinition, row: CaseRow): void {
  if (row.firstResponseAt || !row.firstResponseDueAt || row.status === definition.closedStatus) return;
  if (row.escalatedAt) return;
  const lead = reminderLeadOf(definition, row.urgency);
  const at = row.reminderSentAt ? row.firstResponseDueAt : new Date(row.firstResponseDueAt.getTime() - lead);
  w.sendJob(SLA_CHECK_JOB, { caseId: row.id }, { startAfter: at });
}
