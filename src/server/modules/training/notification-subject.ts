import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { SubjectDescription } from '../notifications/service.ts';
import { trainingEnrolments } from './db.ts';

/**
 * How an enrolment appears in its person's notification list: a training (no names, no place), shown on
 * the training page. Only the enrolment's own person gets a description; any other reader gets none.
 */
export async function describeEnrolments(
  db: DbOrTx,
  readerId: string,
  ids: readonly string[],
): Promise<Map<string, SubjectDescription>> {
  const rows = await db
    .select({ id: trainingEnrolments.id, personId: trainingEnrolments.personId })
    .from(trainingEnrolments)
    .where(inArray(trainingEnrolments.id, [...ids]));
  return new Map(
    rows
      .filter((row) => row.personId === readerId)
      .map((row) => [row.id, { reference: null, subtype: 'training', view: 'participant' }]),
  );
}
