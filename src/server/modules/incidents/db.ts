import { bigint, boolean, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A person's own incident. Everything descriptive (what happened, where, channel, forms, targets,
 * perpetrator, severity, internal report) is one encrypted JSON envelope; in the clear are only the
 * owner, the day it happened (for order and the escalation window) and the dates of the record.
 * Removed with the person. A later share with the support team references incidents and evidence by id.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    detailsEnvelope: text('details_envelope').notNull(),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [index('incidents_owner_idx').on(table.ownerId, table.occurredOn)],
);

/** The running timeline of an incident: a date and an encrypted `{ kind, text }`. */
export const incidentFollowUps = pgTable(
  'incident_follow_ups',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    bodyEnvelope: text('body_envelope').notNull(),
    createdBy: uuid('created_by').references(() => people.id, { onDelete: 'set null' }),
    createdAt: at('created_at').notNull(),
  },
  (table) => [index('incident_follow_ups_incident_idx').on(table.incidentId, table.occurredOn)],
);

/**
 * One evidence file. The content lives in the evidence store (a file named by the id, encrypted as a
 * stream; its data key is `key_envelope`), written and fsynced before this row commits, so no row ever
 * lacks its file; a file whose row never committed is swept. Never edited or replaced: deleting by the
 * owner empties the envelopes and removes the file, leaving a tombstone (hash, size, type, dates).
 */
export const incidentEvidence = pgTable(
  'incident_evidence',
  {
    id: uuid('id').primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => people.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    contentType: text('content_type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** SHA-256 of the exact bytes received, hex; kept in the tombstone. */
    sha256: text('sha256').notNull(),
    /** CRC-32 of the same bytes, for the dossier ZIP's headers. */
    crc32: bigint('crc32', { mode: 'number' }).notNull(),
    /** The original has location or camera metadata (shown without it by default). */
    hasMetadata: boolean('has_metadata').notNull().default(false),
    /** `{ fileName, caption, sourceUrl, sourceHandle }`, encrypted; null in a tombstone. */
    labelEnvelope: text('label_envelope'),
    /** The stream's data key (lib/crypto/stream.ts); null in a tombstone. */
    keyEnvelope: text('key_envelope'),
    receivedAt: at('received_at').notNull(),
    deletedAt: at('deleted_at'),
    deletedBy: uuid('deleted_by').references(() => people.id, { onDelete: 'set null' }),
  },
  (table) => [
    index('incident_evidence_incident_idx').on(table.incidentId, table.receivedAt),
    index('incident_evidence_owner_idx').on(table.ownerId),
  ],
);

/** One draft per person (the quick entry in progress), encrypted; removed when it becomes an incident. */
export const incidentDrafts = pgTable('incident_drafts', {
  ownerId: uuid('owner_id')
    .primaryKey()
    .references(() => people.id, { onDelete: 'cascade' }),
  draftEnvelope: text('draft_envelope').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Each dossier a person exported, for them to see later: when, what, and the fingerprint of what was signed. */
export const incidentExports = pgTable(
  'incident_exports',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    format: text('format').notNull(),
    incidentIds: jsonb('incident_ids').$type<string[]>().notNull(),
    evidenceCount: bigint('evidence_count', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    createdAt: at('created_at').notNull(),
  },
  (table) => [index('incident_exports_owner_idx').on(table.ownerId, table.createdAt)],
);
