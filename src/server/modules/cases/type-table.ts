import { uuid } from 'drizzle-orm/pg-core';
import { cases } from './db.ts';

/**
 * The key column of a case type's own table (`case_id`: one row per case of the type, removed with the
 * case). Part of the case core's published surface, so a type's `db.ts` needs nothing else of the core's
 * tables: `pgTable('my_cases', { caseId: caseTypeKey(), … })`.
 */
export function caseTypeKey() {
  return uuid('case_id')
    .primaryKey()
    .references(() => cases.id, { onDelete: 'cascade' });
}
