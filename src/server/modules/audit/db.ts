import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail. Each row carries a SHA-256 hash over its own content and the previous
 * row's hash, so editing or deleting any row breaks the chain from that point (`npm run cli -- audit:verify`).
 * Rows hold who, what, which record, when, from where (a keyed hash of the IP) and the outcome, never the
 * sensitive data itself.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    /** Gapless order of the chain; assigned under a lock in the same transaction as the change. */
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (table) => [index('audit_subject_idx').on(table.subjectPersonId, table.at)],
);
