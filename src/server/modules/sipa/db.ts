import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { caseTypeKey } from '../cases/type-table.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What only a SIPA advice request has, one row per case (`case_id`): when the requester can be called,
 * the phone intake and what was agreed there, when the details were shared, the conflict-of-interest
 * check of the advisor who took it, and the advice (encrypted).
 */
export const sipaCases = pgTable('sipa_cases', {
  caseId: caseTypeKey(),
  /** not_assigned, awaiting_details (taken, no person concerned yet), pending (not confirmed), confirmed. */
  conflictCheck: text('conflict_check').notNull().default('not_assigned'),
  /** Parts of the day to call (morning, afternoon, evening), comma-separated: a routing fact for the queue. */
  callTimes: text('call_times').notNull().default(''),
  /** What the phone intake agreed (share_details, guidance_only); null until it was held. */
  intakeAgreement: text('intake_agreement'),
  /** When the phone intake was held; null before, and for requests from before this process. */
  intakeHeldAt: at('intake_held_at'),
  /** What was agreed, in the advisor's words for the requester (encrypted). */
  intakeMessageEnvelope: text('intake_message_envelope'),
  /** When the requester shared the signal, the person concerned and the question. */
  detailsSharedAt: at('details_shared_at'),
  adviceEnvelope: text('advice_envelope'),
  adviceRecordedAt: at('advice_recorded_at'),
});

export type SipaCaseRow = typeof sipaCases.$inferSelect;
