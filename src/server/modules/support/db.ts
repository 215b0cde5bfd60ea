import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseTypeKey } from '../cases/type-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What only a support request has, one row per case (`case_id`): where it was routed, whether a
 * colleague raised it, the confidant's advice (encrypted) and the reference to a shared zelfscan result.
 * A tombstone keeps the row with everything but the plain routing facts emptied.
 */
export const supportCases = pgTable('support_cases', {
  caseId: caseTypeKey(),
  /** The association whose confidants see it in their queue (null: the coordinator only). */
  association: text('association'),
  concernForColleague: boolean('concern_for_colleague').notNull().default(false),
  adviceEnvelope: text('advice_envelope'),
  adviceRecordedAt: at('advice_recorded_at'),
  /** A reference to the requester's saved zelfscan result, withdrawable; never a copy. */
  zelfscanResultId: uuid('zelfscan_result_id'),
  zelfscanSharedAt: at('zelfscan_shared_at'),
});

export type SupportCaseRow = typeof supportCases.$inferSelect;
