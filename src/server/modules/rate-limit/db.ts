import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The request caps of @fastify/rate-limit (store.ts), shared by every instance on the database: one row per
 * route and caller (the key is a keyed hash, never an address or a person id in the clear) and fixed
 * window. A row whose window ended is reused by the next request and removed by the sweep job.
 */
export const rateLimitWindows = pgTable(
  'rate_limit_windows',
  {
    key: text('key').primaryKey(),
    count: integer('count').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rate_limit_windows_expiry_idx').on(table.expiresAt)],
);
