import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * What stays of a deleted account, for the legal term only. The audit trail is append-only and keeps
 * the person's id as the subject of its rows; this record is the one place that still ties that id to
 * who it was (e-mail address and name, encrypted), so a complaint or an investigation within the term
 * can be answered. When `unlink_after` passes, the retention job deletes the record (and its
 * tombstones): from then on the id in the audit trail points at no one.
 */
export const accountErasures = pgTable(
  'account_erasures',
  {
    id: uuid('id').primaryKey(),
    /** The deleted account's id, as the audit trail's subject field holds it. */
    personId: uuid('person_id').notNull(),
    /** `{ email, displayName }`, encrypted. */
    identityEnvelope: text('identity_envelope').notNull(),
    erasedAt: at('erased_at').notNull(),
    unlinkAfter: at('unlink_after').notNull(),
    /** What the deletion closed and removed (counts only). */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  },
  (table) => [index('account_erasures_unlink_idx').on(table.unlinkAfter)],
);

/** Tombstones of what was removed with an account: a kind, a hash, a size and dates; never content or names. */
export const accountErasureTombstones = pgTable(
  'account_erasure_tombstones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    erasureId: uuid('erasure_id')
      .notNull()
      .references(() => accountErasures.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    sha256: text('sha256'),
    size: bigint('size', { mode: 'number' }),
    createdAt: at('created_at'),
    erasedAt: at('erased_at').notNull(),
  },
  (table) => [index('account_erasure_tombstones_erasure_idx').on(table.erasureId)],
);
