import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cases } from '../cases/db.ts';
import { incidents } from '../incidents/db.ts';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An aftercare plan (nazorg) on a support case: the person is the case's requester; the confidant is
 * whoever is assigned to the case at the time of each request (never copied here). Goes with its case
 * (cascade), and with the person's account. At most one plan per case that has not ended.
 */
export const aftercarePlans = pgTable(
  'aftercare_plans',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    incidentId: uuid('incident_id').references(() => incidents.id, { onDelete: 'set null' }),
    /** requested | active | ended */
    status: text('status').notNull(),
    requestedAt: at('requested_at'),
    startedAt: at('started_at'),
    endsAt: at('ends_at'),
    endedAt: at('ended_at'),
    endReason: text('end_reason'),
    consentVia: text('consent_via'),
    consentRecordedAt: at('consent_recorded_at'),
    consentRecordedBy: uuid('consent_recorded_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('aftercare_plans_open_case_idx').on(table.caseId).where(sql`status <> 'ended'`),
    index('aftercare_plans_person_idx').on(table.personId),
    index('aftercare_plans_ends_idx').on(table.endsAt).where(sql`status = 'active'`),
  ],
);

/**
 * Who takes part: the person (role `person`) and each relative they include (role `relative`). The
 * prompt (signals of the rules) and the offered referral are health-related: encrypted. `leftAt`: a
 * relative the person no longer includes (their check-ins still to come are cancelled).
 */
export const aftercareParticipants = pgTable(
  'aftercare_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => aftercarePlans.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    sharesWithPerson: boolean('shares_with_person').notNull().default(false),
    /** `AftercareSignal[]` as JSON, encrypted; null when there is no open prompt. */
    promptEnvelope: text('prompt_envelope'),
    promptSince: at('prompt_since'),
    /** `AftercareReferralOption[]` as JSON, encrypted; null until the confidant offers a referral. */
    referralEnvelope: text('referral_envelope'),
    referralOfferedAt: at('referral_offered_at'),
    joinedAt: at('joined_at').notNull().defaultNow(),
    leftAt: at('left_at'),
  },
  (table) => [
    uniqueIndex('aftercare_participants_plan_person_idx').on(table.planId, table.personId),
    index('aftercare_participants_person_idx').on(table.personId),
  ],
);

/** The practical steps agreed (a checklist). The confidant's note is encrypted. */
export const aftercareSteps = pgTable(
  'aftercare_steps',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => aftercarePlans.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    topic: text('topic').notNull(),
    noteEnvelope: text('note_envelope'),
    owner: text('owner').notNull(),
    ownerRelativeId: uuid('owner_relative_id').references(() => people.id, { onDelete: 'set null' }),
    dueOn: date('due_on'),
    doneAt: at('done_at'),
  },
  (table) => [index('aftercare_steps_plan_idx').on(table.planId, table.position)],
);

/**
 * One check-in moment for one participant. The sweep moves it along (scheduled → due → reminded →
 * missed) by claiming rows with a conditional UPDATE, so each step happens once across restarts and
 * instances. The answers are health data: encrypted, and readable only as the routes allow.
 */
export const aftercareCheckIns = pgTable(
  'aftercare_check_ins',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => aftercarePlans.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    sequence: integer('sequence').notNull(),
    dueAt: at('due_at').notNull(),
    state: text('state').notNull(),
    deliveredAt: at('delivered_at'),
    remindedAt: at('reminded_at'),
    missedAt: at('missed_at'),
    answeredAt: at('answered_at'),
    answersEnvelope: text('answers_envelope'),
  },
  (table) => [
    uniqueIndex('aftercare_check_ins_unique_idx').on(table.planId, table.personId, table.sequence),
    index('aftercare_check_ins_due_idx').on(table.state, table.dueAt),
    index('aftercare_check_ins_person_idx').on(table.personId),
  ],
);
