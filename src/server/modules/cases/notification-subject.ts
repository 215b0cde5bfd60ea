import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { SubjectDescription } from '../notifications/service.ts';
import { cases } from './db.ts';

/** Notifications about a case name it with this subject type and the case id. */
export const CASE_SUBJECT = 'case';

/**
 * How a case appears in a person's notification list: its reference and type (nothing said in it), and
 * which page shows it to the reader: their own case, or the case in the work queue. An erased case keeps
 * no reference, so its notifications (removed with it anyway) would show without a name.
 */
export async function describeCases(
  db: DbOrTx,
  readerId: string,
  ids: readonly string[],
): Promise<Map<string, SubjectDescription>> {
  const rows = await db
    .select({ id: cases.id, reference: cases.reference, type: cases.type, requesterId: cases.requesterId })
    .from(cases)
    .where(inArray(cases.id, [...ids]));
  return new Map(
    rows.map((row) => [
      row.id,
      {
        reference: row.reference,
        subtype: row.type,
        view: row.requesterId === readerId ? 'requester' : 'staff',
      },
    ]),
  );
}
