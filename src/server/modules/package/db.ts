import { sql } from 'drizzle-orm';
import { customType, index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per part of the Veiligheidspakket; the texts live in `packagePartTranslations`. */
export const packageParts = pgTable('package_parts', {
  slug: text('slug').primaryKey(),
  position: integer('position').notNull(),
  /** Hash of the content the row was loaded from, so a restart only writes what changed. */
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
