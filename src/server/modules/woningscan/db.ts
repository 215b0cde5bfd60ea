import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { SchemeContent } from '../../../shared/woningscan-schemes.ts';
import { caseTypeKey } from '../cases/type-table.ts';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });

/**
 * What only a woningscan request has, one row per case (`case_id`). The home address is the one piece
 * of content kept here (encrypted, removed when the visit is done); the advice and the measures'
 * descriptions are encrypted too. Dates and codes are plain: they drive the service targets.
 */
export const woningscanCases = pgTable(
  'woningscan_cases',
  {
    caseId: caseTypeKey(),
    /** One open request per person, kept by the unique index below (the request's "open" flag). */
    requesterId: uuid('requester_id').notNull(),
    open: boolean('open').notNull().default(true),
    /** The request's day in the Netherlands (which schemes applied). */
    requestedOn: day('requested_on').notNull(),
    addressEnvelope: text('address_envelope'),
    addressRemovedAt: at('address_removed_at'),
    /** The appointment: a stable UID per booking, its SEQUENCE bumped on every change (RFC 5545). */
    appointmentUid: uuid('appointment_uid'),
    appointmentSequence: integer('appointment_sequence').notNull().default(0),
    appointmentState: text('appointment_state').notNull().default('none'),
    appointmentStartsAt: at('appointment_starts_at'),
    appointmentEndsAt: at('appointment_ends_at'),
    rescheduleRequestedAt: at('reschedule_requested_at'),
    visitedOn: day('visited_on'),
    adviceEnvelope: text('advice_envelope'),
    adviceRecordedAt: at('advice_recorded_at'),
    /** Whether the scheme of the advice's day routes through the BVA (then its advice is awaited). */
    bvaAdviceExpected: boolean('bva_advice_expected').notNull().default(false),
    bvaAdviceDueOn: day('bva_advice_due_on'),
    bvaAdviceReceivedOn: day('bva_advice_received_on'),
    pkvwStatus: text('pkvw_status').notNull().default('unknown'),
    pkvwCertifiedOn: day('pkvw_certified_on'),
  },
  (table) => [uniqueIndex('woningscan_cases_one_open_per_requester').on(table.requesterId).where(sql`${table.open}`)],
);
export type WoningscanCaseRow = typeof woningscanCases.$inferSelect;

/** Times the adviser proposed; the requester picks one. */
export const woningscanSlots = pgTable(
  'woningscan_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => woningscanCases.caseId, { onDelete: 'cascade' }),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    /** open, picked, withdrawn. */
    state: text('state').notNull().default('open'),
    proposedAt: at('proposed_at').notNull(),
  },
  (table) => [index('woningscan_slots_case_idx').on(table.caseId)],
);
export type WoningscanSlotRow = typeof woningscanSlots.$inferSelect;

/** The measures the advice names, and where each stands. */
export const woningscanMeasures = pgTable(
  'woningscan_measures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => woningscanCases.caseId, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    domain: text('domain').notNull(),
    descriptionEnvelope: text('description_envelope').notNull(),
    /** advised, ordered, installed, not_taken. */
    state: text('state').notNull().default('advised'),
    orderedOn: day('ordered_on'),
    installedOn: day('installed_on'),
    dueOn: day('due_on'),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [index('woningscan_measures_case_idx').on(table.caseId)],
);
export type WoningscanMeasureRow = typeof woningscanMeasures.$inferSelect;

/** The schemes (regelingen); their content is in revisions. Public information, not personal data. */
export const woningscanSchemes = pgTable('woningscan_schemes', {
  key: text('key').primaryKey(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** Every version of a scheme, numbered 1, 2, 3 … per scheme; the newest is what applies. */
export const woningscanSchemeRevisions = pgTable(
  'woningscan_scheme_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schemeKey: text('scheme_key')
      .notNull()
      .references(() => woningscanSchemes.key, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    content: jsonb('content').$type<SchemeContent>().notNull(),
    /** release: shipped with the application; admin: an admin's edit (with its author). */
    source: text('source', { enum: ['release', 'admin'] }).notNull(),
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [unique('woningscan_scheme_revisions_key_revision').on(table.schemeKey, table.revision)],
);
