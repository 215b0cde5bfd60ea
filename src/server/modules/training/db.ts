import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What a training is (title, provider, length, who may enrol, description in both languages). Not
 * personal data. Offerings are changed, never deleted: sessions and enrolments point at them.
 */
export const trainingOfferings = pgTable(
  'training_offerings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    titleNl: text('title_nl').notNull(),
    titleEn: text('title_en').notNull(),
    provider: text('provider').notNull(),
    /** Half days, so 1.5 days is 3 and no rounding ever happens. */
    durationHalfDays: integer('duration_half_days').notNull(),
    /** The offices that may enrol (src/shared/people.ts OFFICES). */
    audience: text('audience').array().notNull(),
    descriptionNl: text('description_nl').notNull(),
    descriptionEn: text('description_en').notNull(),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [check('training_offerings_duration', sql`${table.durationHalfDays} BETWEEN 1 AND 20`)],
);

/**
 * One run of an offering: where, how many seats, until when one may enrol. The seat counter
 * `confirmed_count` changes only under this row's lock (SELECT … FOR UPDATE), together with the
 * enrolment rows, and the database refuses a counter above the capacity, so no race can overbook even
 * if a code path forgot the lock. `next_waitlist_number` hands out waiting-list places under the same
 * lock: a place, once given, is never given twice or skipped.
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => trainingOfferings.id),
    city: text('city').notNull(),
    venue: text('venue').notNull(),
    capacity: integer('capacity').notNull(),
    confirmedCount: integer('confirmed_count').notNull().default(0),
    nextWaitlistNumber: integer('next_waitlist_number').notNull().default(1),
    enrolmentDeadline: at('enrolment_deadline').notNull(),
    /** The first day part's start and the last one's end (the parts are in training_session_parts). */
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    cancelledAt: at('cancelled_at'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [
    check('training_sessions_capacity', sql`${table.capacity} BETWEEN 1 AND 500`),
    check(
      'training_sessions_seats',
      sql`${table.confirmedCount} >= 0 AND ${table.confirmedCount} <= ${table.capacity}`,
    ),
    check('training_sessions_times', sql`${table.endsAt} > ${table.startsAt}`),
    index('training_sessions_starts_idx').on(table.startsAt),
  ],
);

/** The day parts of a session, in order (index 0 first). */
export const trainingSessionParts = pgTable(
  'training_session_parts',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    partIndex: integer('part_index').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.sessionId, table.partIndex] }),
    check('training_session_parts_times', sql`${table.endsAt} > ${table.startsAt}`),
  ],
);

/**
 * A person's enrolment in a session: a seat (`confirmed`), a waiting-list place (`waiting`, with its
 * number), or ended (`cancelled` by them, `session_cancelled` by the coordinator). One active enrolment
 * per person and offering, enforced by a partial unique index (also across two sessions enrolled in
 * at the same moment). `calendar_sequence` is the SEQUENCE of its calendar invitation: it goes up with
 * every change a calendar must follow (times, place, cancellation).
 */
export const trainingEnrolments = pgTable(
  'training_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id),
    offeringId: uuid('offering_id')
      .notNull()
      .references(() => trainingOfferings.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['confirmed', 'waiting', 'cancelled', 'session_cancelled'] }).notNull(),
    waitlistNumber: integer('waitlist_number'),
    calendarSequence: integer('calendar_sequence').notNull().default(0),
    attended: boolean('attended'),
    attendanceRecordedAt: at('attendance_recorded_at'),
    attendanceRecordedBy: uuid('attendance_recorded_by'),
    enrolledAt: at('enrolled_at').notNull(),
    confirmedAt: at('confirmed_at'),
    endedAt: at('ended_at'),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    uniqueIndex('training_enrolments_one_active')
      .on(table.offeringId, table.personId)
      .where(sql`${table.status} IN ('confirmed', 'waiting')`),
    uniqueIndex('training_enrolments_waitlist_number').on(table.sessionId, table.waitlistNumber),
    index('training_enrolments_session_idx').on(table.sessionId, table.status),
    index('training_enrolments_person_idx').on(table.personId),
    check(
      'training_enrolments_waiting_has_number',
      sql`${table.status} <> 'waiting' OR ${table.waitlistNumber} IS NOT NULL`,
    ),
  ],
);
