import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency-Key (plugin.ts): one row per person and key for a limited time. `pending` while the first
 * request runs; `done` with its answer (status, type and body, the body encrypted: it may hold anything
 * the route returns), which a retry with the same key gets instead of a second change.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** A single-column key, for key rotation (lib/encrypted-columns.ts) to walk the rows by. */
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of method, URL and body: the same key with another request is refused. */
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    bodyEnvelope: text('body_envelope'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('idempotency_keys_person_key_idx').on(table.personId, table.key),
    index('idempotency_keys_expiry_idx').on(table.expiresAt),
  ],
);
