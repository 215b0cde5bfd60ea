import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { incidentFollowUps, incidents } from '../incidents/db.ts';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * The person's choices in the aangifte aid, one row per incident: the privacy variant, whether to ask
 * for the VPT code, and the internal report (to whom, when) — all in one encrypted envelope. In the clear
 * only when the person marked the internal report made (for the incident's path) and the record's dates.
 * Removed with the incident or the person.
 */
export const aangiftePreparations = pgTable('aangifte_preparations', {
  incidentId: uuid('incident_id')
    .primaryKey()
    .references(() => incidents.id, { onDelete: 'cascade' }),
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => people.id, { onDelete: 'cascade' }),
  choicesEnvelope: text('choices_envelope').notNull(),
  internalReportMarkedAt: at('internal_report_marked_at'),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/**
 * What happened at the police, as the person recorded it: a melding or an aangifte, with the police
 * reference, the variant used, the VPT code asked, updates wanted and damages claimed — encrypted as one
 * envelope. In the clear the day it happened (order, the path) and the follow-up it put on the incident's
 * timeline (which never holds the reference).
 */
export const aangiftePoliceReports = pgTable(
  'aangifte_police_reports',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    reportEnvelope: text('report_envelope').notNull(),
    followUpId: uuid('follow_up_id').references(() => incidentFollowUps.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    index('aangifte_police_reports_incident_idx').on(table.incidentId, table.reportedOn),
    index('aangifte_police_reports_owner_idx').on(table.ownerId),
  ],
);
