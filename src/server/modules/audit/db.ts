import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Numbers every audit row across all chains, in the order they were written (not gapless). */
export const auditLogSeq = pgSequence('audit_log_seq', { startWith: 1 });

/**
 * The append-only audit trail (see README.md in this folder). Rows are spread over a few chains (`chain`,
 * picked per transaction) so audited writes do not queue behind one lock; within a chain, `chain_seq`
 * is gapless and each row carries an HMAC (keyed with a key from the keyring, never stored here) over its
 * own content and the previous row's `hash`. Signed checkpoints outside the database pin every chain's
 * head, so `npm run cli -- audit:verify` notices an edited, deleted, re-ordered or cut-off entry.
 * Rows from before the chains were keyed have `chain` NULL: they keep their SHA-256 chain in `seq`
 * order, pinned by one keyed `audit.chain_keyed` entry.
 * Rows hold who, what, which record, when, from where (a keyed hash of the IP) and the outcome, never the
 * sensitive data itself.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Global order for lists; unique, not gapless (a rolled-back write leaves a gap). */
    seq: bigint('seq', { mode: 'number' }).primaryKey().default(sql`nextval('audit_log_seq')`),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorPersonId: uuid('actor_person_id'),
    actorRoles: text('actor_roles').notNull(),
    action: text('action').notNull(),
    /** Whose data this is about: the person who can see this row under "Wie heeft mijn gegevens ingezien?". */
    subjectPersonId: uuid('subject_person_id'),
    recordType: text('record_type'),
    recordId: text('record_id'),
    outcome: text('outcome', { enum: ['success', 'failure', 'denied'] }).notNull(),
    ipHash: text('ip_hash'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>(),
    /** Which chain the row belongs to; NULL for rows written before the chains were keyed. */
    chain: smallint('chain'),
    /** Gapless position within its chain, assigned under that chain's lock. */
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [
    index('audit_subject_idx').on(table.subjectPersonId, table.at),
    uniqueIndex('audit_chain_position_idx').on(table.chain, table.chainSeq),
    // Only the rows from before the chains were keyed; empty on an installation that started keyed.
    index('audit_legacy_idx').on(table.seq).where(sql`${table.chain} IS NULL`),
    check('audit_chain_complete', sql`(${table.chain} IS NULL) = (${table.chainSeq} IS NULL)`),
  ],
);

/**
 * A page that refreshes itself (X-Background-Refresh) is audited once per actor, record and window, not
 * once per request: the first read in a window inserts its mark here, later ones find it and add no row.
 * Marks are only a de-duplication aid; they are deleted a day after their window.
 */
export const auditRefreshMarks = pgTable(
  'audit_refresh_marks',
  {
    actorPersonId: uuid('actor_person_id').notNull(),
    recordKey: text('record_key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.actorPersonId, table.recordKey, table.windowStart] })],
);
