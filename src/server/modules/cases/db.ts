import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';
import { bytea } from './bytea.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A case: one request of a type from the case-type registry (a support request, a SIPA advice request,
 * …). These are the columns every type has; a type keeps its own data in its own table keyed by
 * `case_id` (support_cases, sipa_cases, …). Everything said in a case is encrypted (`*_envelope`
 * columns, see encrypted-columns.ts); the plain columns are what routing, queues, service targets and
 * statistics need, and nothing more.
 *
 * After the type's retention period (or at the requester's request) the case becomes a tombstone: the
 * envelopes, the requester and every child row are gone; type, dates, office type, region and outcome
 * remain for statistics.
 */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    /** 8 random characters (`K7QM-3XWD`) for phone calls; not sequential, reveals nothing. Null in a tombstone. */
    reference: text('reference').unique(),
    type: text('type').notNull(),
    /** Null in a tombstone. */
    requesterId: uuid('requester_id').references(() => people.id, { onDelete: 'set null' }),
    status: text('status').notNull(),
    urgency: text('urgency'),
    /** Office type and region of the requester at submission: routing and statistics. */
    officeType: text('office_type'),
    region: text('region'),
    intakeEnvelope: text('intake_envelope'),
    /** The person a case is about (a SIPA signal's subject, a colleague of concern): apart from the intake, shown to fewer people. */
    personConcernedEnvelope: text('person_concerned_envelope'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
    // Service target for the first response. The clock runs except in the type's paused status.
    firstResponseAt: at('first_response_at'),
    firstResponseDueAt: at('first_response_due_at'),
    /** Clock time already used (ms of the type's calendar) before the current running stretch. */
    slaConsumedMs: bigint('sla_consumed_ms', { mode: 'number' }).notNull().default(0),
    /** Start of the current running stretch; null while paused or once answered. */
    slaRunningSince: at('sla_running_since'),
    /** Total real time spent paused (waiting for the requester). */
    pausedMsTotal: bigint('paused_ms_total', { mode: 'number' }).notNull().default(0),
    pausedSince: at('paused_since'),
    reminderSentAt: at('reminder_sent_at'),
    escalatedAt: at('escalated_at'),
    closedAt: at('closed_at'),
    /** First closure, for time-to-closure statistics that a reopen does not reset. */
    firstClosedAt: at('first_closed_at'),
    outcome: text('outcome'),
    reopenUntil: at('reopen_until'),
    /** When the retention job destroys the content (closed cases only). */
    retainUntil: at('retain_until'),
    feedbackRating: smallint('feedback_rating'),
    feedbackEnvelope: text('feedback_envelope'),
    feedbackAt: at('feedback_at'),
    erasedAt: at('erased_at'),
    /** Why: `retention` or `requester`. */
    erasedReason: text('erased_reason'),
  },
  (table) => [
    // My cases, newest first.
    index('cases_requester_idx').on(table.requesterId, table.createdAt),
    // The queue (queue-repository.ts): a list of one status (unassigned, closed) read in the order it
    // shows, and the open cases of a type, which its counts and open lists read (partial: open ones only).
    index('cases_queue_due_idx')
      .on(table.type, table.status, table.firstResponseDueAt, table.id)
      .where(sql`erased_at IS NULL`),
    index('cases_queue_created_idx')
      .on(table.type, table.status, table.createdAt, table.id)
      .where(sql`erased_at IS NULL`),
    index('cases_queue_updated_idx')
      .on(table.type, table.status, table.updatedAt, table.id)
      .where(sql`erased_at IS NULL`),
    index('cases_open_idx')
      .on(table.type, table.firstResponseDueAt)
      .where(sql`closed_at IS NULL AND erased_at IS NULL`),
    index('cases_due_idx').on(table.firstResponseDueAt),
    index('cases_retain_idx').on(table.retainUntil),
  ],
);

/** Who handles a case. The current assignment has no `endedAt`; history stays for the timeline. */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by'),
    assignedAt: at('assigned_at').notNull().defaultNow(),
    endedAt: at('ended_at'),
  },
  (table) => [
    index('case_assignments_case_idx').on(table.caseId),
    index('case_assignments_person_idx').on(table.personId),
    // "Mine" in the queue: a person's current assignments.
    index('case_assignments_current_idx').on(table.personId, table.caseId).where(sql`ended_at IS NULL`),
  ],
);

/**
 * A peer or expert let in by the requester: proposed by the assigned staff member, active only after the
 * requester's consent, for the scopes the requester named. Revoking ends access at the next request.
 */
export const caseGrants = pgTable(
  'case_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    proposedBy: uuid('proposed_by'),
    proposedAt: at('proposed_at').notNull().defaultNow(),
    consentedAt: at('consented_at'),
    declinedAt: at('declined_at'),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
  },
  (table) => [index('case_grants_case_idx').on(table.caseId), index('case_grants_person_idx').on(table.personId)],
);

/** What happened, when, by whom: codes only, never content. `visibility` decides whether the requester sees it. */
export const caseEvents = pgTable(
  'case_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: at('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    actorId: uuid('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    visibility: text('visibility').notNull(),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
  },
  (table) => [index('case_events_case_idx').on(table.caseId, table.at)],
);

export const caseMessages = pgTable(
  'case_messages',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id'),
    fromRequester: boolean('from_requester').notNull(),
    bodyEnvelope: text('body_envelope').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_messages_case_idx').on(table.caseId, table.createdAt)],
);

/** Staff-only internal notes; they never count as a response. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id'),
    bodyEnvelope: text('body_envelope').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_notes_case_idx').on(table.caseId, table.createdAt)],
);

/** Files: contents and names encrypted, keyed by a random id; the client's file name is never used as a key. */
export const caseAttachments = pgTable(
  'case_attachments',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by'),
    fromRequester: boolean('from_requester').notNull(),
    nameEnvelope: text('name_envelope').notNull(),
    contentType: text('content_type').notNull(),
    /** Size of the stored (plaintext) file in bytes. */
    size: integer('size').notNull(),
    contentEnvelope: bytea('content_envelope').notNull(),
    evidenceOriginal: boolean('evidence_original').notNull().default(false),
    metadataRemoved: boolean('metadata_removed').notNull().default(false),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (table) => [index('case_attachments_case_idx').on(table.caseId)],
);

/** Up to when a person has read a case's messages: for unread counts. */
export const caseReadMarkers = pgTable(
  'case_read_markers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    readAt: at('read_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.caseId, table.personId] })],
);
