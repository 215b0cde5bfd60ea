import { date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { DamageRulesContent } from '../../../shared/damages.ts';
import { incidents } from '../incidents/db.ts';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A damage claim on one of the owner's incidents. The route and the status are in the clear (the path
 * shows how far the person got); the heads of damage (descriptions, amounts, receipts) and the note are
 * one encrypted JSON envelope. Removed with the incident and with the person.
 */
export const damageClaims = pgTable(
  'damage_claims',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    route: text('route').notNull(),
    status: text('status').notNull(),
    contentEnvelope: text('content_envelope').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    index('damage_claims_incident_idx').on(table.incidentId),
    index('damage_claims_owner_idx').on(table.ownerId),
  ],
);

/**
 * A deadline of a claim: its day in the clear (the reminder sweep needs it), its label encrypted.
 * `reminded_at` is set by the one transaction that sends its reminder, so it is sent once.
 */
export const damageDeadlines = pgTable(
  'damage_deadlines',
  {
    id: uuid('id').primaryKey(),
    claimId: uuid('claim_id')
      .notNull()
      .references(() => damageClaims.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    remindOn: date('remind_on', { mode: 'string' }).notNull(),
    labelEnvelope: text('label_envelope').notNull(),
    remindedAt: at('reminded_at'),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    index('damage_deadlines_claim_idx').on(table.claimId),
    index('damage_deadlines_due_idx').on(table.remindOn, table.dueOn),
  ],
);

/**
 * The Schadefonds' rules, as dated versions: a version is its start day, with revisions 1, 2, 3 …; the
 * newest revision of a version is what it says, and the version with the latest start on or before a
 * day is what applies that day. Public information, not personal data.
 */
export const damageRuleRevisions = pgTable(
  'damage_rule_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    revision: integer('revision').notNull(),
    content: jsonb('content').$type<DamageRulesContent>().notNull(),
    /** release: shipped with the application; admin: an admin's edit (with its author). */
    source: text('source', { enum: ['release', 'admin'] }).notNull(),
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    note: text('note'),
    createdAt: at('created_at').notNull(),
  },
  (table) => [unique('damage_rule_revisions_day_revision').on(table.validFrom, table.revision)],
);
