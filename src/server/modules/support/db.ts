import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseTypeKey } from '../cases/type-table.ts';
import { people } from '../people/db.ts';

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

/**
 * Incidents the requester shared with this case, by consent (src/shared/incident-share.ts): a reference
 * to the incident and the parts and files they chose, never a copy. Withdrawing sets `revoked_at`; from
 * then on nobody on the case sees it. One row per case and incident (sharing again renews the consent).
 * Holds ids, field keys and dates only; the content stays encrypted in the incidents module's tables.
 * Removed with the case (and emptied when its content is destroyed).
 */
export const caseIncidentShares = pgTable(
  'case_incident_shares',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => supportCases.caseId, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').notNull(),
    /** The requester, who owns the incident (checked when sharing, and again on every read). */
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    fields: jsonb('fields').$type<string[]>().notNull(),
    evidenceIds: jsonb('evidence_ids').$type<string[]>().notNull(),
    consentedAt: at('consented_at').notNull(),
    revokedAt: at('revoked_at'),
  },
  (table) => [
    primaryKey({ columns: [table.caseId, table.incidentId] }),
    index('case_incident_shares_owner_idx').on(table.ownerId, table.incidentId),
  ],
);

export type CaseIncidentShareRow = typeof caseIncidentShares.$inferSelect;

/**
 * Which association receives a support request, by office: a setting admins change (routing.ts). An
 * office without a row routes as the default in code. Holds no personal data; who changed it and when is
 * in the audit trail.
 */
export const supportAssociationRouting = pgTable('support_association_routing', {
  office: text('office').primaryKey(),
  association: text('association').notNull(),
  updatedAt: at('updated_at').notNull(),
});
