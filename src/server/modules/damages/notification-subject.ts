import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { incidents } from '../incidents/db.ts';
import type { SubjectDescription } from '../notifications/service.ts';

/**
 * How an incident's damages appear in its owner's notification list: no facts, only where to look (the
 * web links `view: 'damages'` to the incident's damages page). Any other reader gets no description.
 */
export async function describeIncidentDamages(
  db: DbOrTx,
  readerId: string,
  ids: readonly string[],
): Promise<Map<string, SubjectDescription>> {
  const rows = await db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(inArray(incidents.id, [...ids]), eq(incidents.ownerId, readerId)));
  return new Map(rows.map((row) => [row.id, { reference: null, subtype: 'damages', view: 'damages' }]));
}
