import { eq } from 'drizzle-orm';
import type { CaseRequester } from '../../../shared/cases.ts';
import type { DbOrTx } from '../../db/index.ts';
import { people, personRoles } from '../people/db.ts';

/**
 * Who asks, as staff on the case read it: the name the requester chose to give (their display name),
 * whether they are the officeholder or a relative, and for a relative their relationship and which
 * officeholder they belong to. Read live, so a name the requester changes shows at once.
 */
export async function requesterOf(db: DbOrTx, requesterId: string | null): Promise<CaseRequester | null> {
  if (!requesterId) return null;
  const [row] = await db
    .select({ name: people.displayName, relationship: people.relationship, linkedId: people.linkedOfficeholderId })
    .from(people)
    .where(eq(people.id, requesterId));
  if (!row) return null;
  const roles = (
    await db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, requesterId))
  ).map((entry) => entry.role);
  const relative = roles.includes('relative') || row.linkedId !== null || row.relationship !== null;
  if (roles.includes('officeholder') || !relative) {
    return { name: row.name, kind: 'officeholder', relationship: null, officeholder: null };
  }
  // A relative whose officeholder has since removed them keeps their relationship, without an officeholder.
  const [officeholder] = row.linkedId
    ? await db
        .select({ name: people.displayName, office: people.office, region: people.region })
        .from(people)
        .where(eq(people.id, row.linkedId))
    : [];
  return {
    name: row.name,
    kind: 'relative',
    relationship: row.relationship ?? 'other',
    officeholder: officeholder ?? null,
  };
}
