import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per part of the Veiligheidspakket; the texts live in `packagePartTranslations`. */
export const packageParts = pgTable('package_parts', {
  slug: text('slug').primaryKey(),
  position: integer('position').notNull(),
  /** Hash of the content the row was loaded from, so a restart only writes what changed. */
  contentHash: text('content_hash').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const packagePartTranslations = pgTable(
  'package_part_translations',
  {
    slug: text('slug')
      .notNull()
      .references(() => packageParts.slug, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
  },
  (table) => [primaryKey({ columns: [table.slug, table.locale] })],
);
