import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { people } from '../people/db.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A zelfscan result a person saved for themselves. The answers (and the action plan, whose tip ids
 * follow from them) are encrypted (see src/server/lib/encrypted-columns.ts); the plain columns are the
 * owner, the questionnaire version and the dates. Removed with the person.
 */
export const zelfscanResults = pgTable(
  'zelfscan_results',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    questionnaireVersion: text('questionnaire_version').notNull(),
    answersEnvelope: text('answers_envelope').notNull(),
    /** `{ [tipId]: { done, plannedFor } }` as JSON, encrypted. */
    actionsEnvelope: text('actions_envelope').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (table) => [index('zelfscan_results_person_idx').on(table.personId, table.createdAt)],
);
