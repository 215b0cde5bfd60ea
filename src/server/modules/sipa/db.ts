import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { caseTypeKey } from '../cases/type-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What only a SIPA advice request has, one row per case (`case_id`): the conflict-of-interest check of
 * the advisor who took it, and the advice (encrypted).
 */
export const sipaCases = pgTable('sipa_cases', {
  caseId: caseTypeKey(),
  /** not_assigned, pending (taken, not confirmed), confirmed. */
  conflictCheck: text('conflict_check').notNull().default('not_assigned'),
  adviceEnvelope: text('advice_envelope'),
  adviceRecordedAt: at('advice_recorded_at'),
});

export type SipaCaseRow = typeof sipaCases.$inferSelect;
