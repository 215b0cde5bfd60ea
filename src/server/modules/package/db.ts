import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

/** One row per part of the Veiligheidspakket; the texts live in `packagePartTranslations`. */
export const packageParts = pgTable('package_parts', {
  slug: text('slug').primaryKey(),
  position: integer('position').notNull(),
  /** Hash of the current revision's texts (see revisions.ts); the files are compared with the newest release revision. */
  contentHash: text('content_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** PostgreSQL's full-text document type; only the database reads it. */
const tsvector = customType<{ data: string }>({
  dataType: () => 'tsvector',
});

/** Dutch rows are stemmed as Dutch, English rows as English ("aangiftes" finds "aangifte"). */
const searchConfig = sql.raw(`CASE locale WHEN 'nl' THEN 'dutch'::regconfig ELSE 'english'::regconfig END`);

export const packagePartTranslations = pgTable(
  'package_part_translations',
  {
    slug: text('slug')
      .notNull()
      .references(() => packageParts.slug, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    /** The page text as Markdown (the subset in src/shared/markdown). */
    body: text('body').notNull().default(''),
    /** The same text as a reader sees it: what search matches and quotes from. */
    bodyText: text('body_text').notNull().default(''),
    /** Kept by the database itself; a title match weighs most, then the summary, then the page text. */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector(${searchConfig}, title), 'A') || setweight(to_tsvector(${searchConfig}, summary), 'B') || setweight(to_tsvector(${searchConfig}, body_text), 'C')`,
      ),
  },
  (table) => [
    primaryKey({ columns: [table.slug, table.locale] }),
    index('package_part_translations_search_idx').using('gin', table.searchVector),
  ],
);

export type RevisionSource = 'release' | 'admin';

/** The three texts of a part in both languages, as one revision keeps them. */
export interface RevisionTexts {
  title: { nl: string; en: string };
  summary: { nl: string; en: string };
  /** Markdown (the subset in src/shared/markdown). */
  body: { nl: string; en: string };
}

/**
 * Every version of a part's texts, numbered 1, 2, 3 … per part: the content files as shipped (`release`,
 * no author) and each admin edit or restore (`admin`, with its author). The newest revision is what the
 * public page shows (copied into `package_part_translations`); see revisions.ts for how the two meet.
 * Public content, not personal data: stored as plain text.
 */
export const packagePartRevisions = pgTable(
  'package_part_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug')
      .notNull()
      .references(() => packageParts.slug, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    title: jsonb('title').$type<RevisionTexts['title']>().notNull(),
    summary: jsonb('summary').$type<RevisionTexts['summary']>().notNull(),
    body: jsonb('body').$type<RevisionTexts['body']>().notNull(),
    /** SHA-256 over the texts; for a release, compared with the files on the next start. */
    contentHash: text('content_hash').notNull(),
    source: text('source', { enum: ['release', 'admin'] }).notNull(),
    /** Null for a release from the content files. */
    authorPersonId: uuid('author_person_id').references(() => people.id, { onDelete: 'set null' }),
    /** The admin's short note on what changed and why; optional. */
    note: text('note'),
    /** For a restore: the revision it copied. */
    restoredFrom: integer('restored_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    unique('package_part_revisions_slug_revision_key').on(table.slug, table.revision),
    check('package_part_revisions_source_check', sql`${table.source} IN ('release', 'admin')`),
  ],
);
