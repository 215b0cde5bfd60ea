import { date, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

/**
 * One version of the package content as it was published: every part with its title, summary and
 * page text in both languages. A new row appears when the content changes (on start, after the
 * package module loaded it), so a package printed for someone can be made again, word for word, later.
 */
export const packageEditions = pgTable('package_editions', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** 1, 2, 3 … in order of publication. */
  version: integer('version').notNull().unique(),
  /** SHA-256 over the snapshot; unchanged content makes no new version. */
  contentHash: text('content_hash').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  parts: jsonb('parts').$type<EditionPart[]>().notNull(),
});

export interface EditionPart {
  slug: string;
  position: number;
  title: { nl: string; en: string };
  summary: { nl: string; en: string };
  /** Markdown (the subset in src/shared/markdown). */
  body: { nl: string; en: string };
}

/**
 * The handover of the package to one newly appointed office holder: the appointment as registered,
 * the printed package and when and how it was handed over. Whether the person activated their account
 * is read from `people` (status, activated_at), never copied here.
 */
export const handovers = pgTable(
  'handovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .unique()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** The name as the admin registered it; the person's own name (people.display_name) wins once set. */
    registeredName: text('registered_name').notNull(),
    office: text('office').notNull(),
    regionKind: text('region_kind', { enum: ['gemeente', 'provincie', 'waterschap'] }).notNull(),
    /** The name as in the reference list (e.g. `'s-Gravenhage`, `Fryslân`, `Waterschap Rivierenland`). */
    region: text('region').notNull(),
    installationDate: date('installation_date', { mode: 'string' }).notNull(),
    source: text('source', { enum: ['form', 'import'] }).notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The first print of the package; the latest print and its package version. */
    preparedAt: timestamp('prepared_at', { withTimezone: true }),
    lastPrintedAt: timestamp('last_printed_at', { withTimezone: true }),
    printCount: integer('print_count').notNull().default(0),
    printedEditionId: uuid('printed_edition_id').references(() => packageEditions.id),
    handedOverOn: date('handed_over_on', { mode: 'string' }),
    /** Who handed it over: a name or an office (e.g. "Kabinet van de Commissaris van de Koning"). */
    handedOverBy: text('handed_over_by'),
    handedOverMethod: text('handed_over_method', { enum: ['in_person', 'post'] }),
    handedOverRecordedBy: uuid('handed_over_recorded_by'),
    handedOverRecordedAt: timestamp('handed_over_recorded_at', { withTimezone: true }),
  },
  (table) => [index('handovers_installation_idx').on(table.installationDate, table.createdAt)],
);

/** What happened to a handover, for the admin's history (the audit trail records the same, without names). */
export const handoverEvents = pgTable(
  'handover_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => handovers.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorPersonId: uuid('actor_person_id'),
    kind: text('kind').notNull(),
    details: jsonb('details').$type<Record<string, string | number | boolean | null>>().notNull().default({}),
  },
  (table) => [index('handover_events_handover_idx').on(table.handoverId, table.at)],
);

/**
 * The short code printed in the package, stored only as a keyed hash (HMAC under the keyring's index
 * secret). It can be exchanged for a fresh activation link until it expires, is replaced by a newer
 * print, or the person is no longer waiting to activate.
 */
export const activationCodes = pgTable(
  'handover_activation_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    handoverId: uuid('handover_id')
      .notNull()
      .references(() => handovers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastExchangedAt: timestamp('last_exchanged_at', { withTimezone: true }),
  },
  (table) => [index('handover_activation_codes_handover_idx').on(table.handoverId)],
);
