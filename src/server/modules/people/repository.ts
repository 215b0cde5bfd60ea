import { and, eq, inArray } from 'drizzle-orm';
import type { RelativeRelationship } from '../../../shared/admin.ts';
import { ROLES, type Role } from '../../../shared/roles.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { people, personRoles } from './db.ts';

export type PersonRow = typeof people.$inferSelect;
export interface PersonWithRoles extends PersonRow {
  roles: Role[];
}

/** E-mail addresses are compared lower-cased and trimmed, everywhere. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function onlyKnownRoles(roles: string[]): Role[] {
  return roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)).sort();
}

export async function findPersonByEmail(db: DbOrTx, email: string): Promise<PersonWithRoles | null> {
  const [person] = await db
    .select()
    .from(people)
    .where(eq(people.email, normaliseEmail(email)));
  return person ? withRoles(db, person) : null;
}

export async function findPersonById(db: DbOrTx, id: string): Promise<PersonWithRoles | null> {
  const [person] = await db.select().from(people).where(eq(people.id, id));
  return person ? withRoles(db, person) : null;
}

async function withRoles(db: DbOrTx, person: PersonRow): Promise<PersonWithRoles> {
  const rows = await db.select({ role: personRoles.role }).from(personRoles).where(eq(personRoles.personId, person.id));
  return { ...person, roles: onlyKnownRoles(rows.map((row) => row.role)) };
}

/** Roles for many people in one query (lists). */
export async function rolesOf(db: DbOrTx, personIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>(personIds.map((id) => [id, []]));
  if (personIds.length === 0) return map;
  const rows = await db.select().from(personRoles).where(inArray(personRoles.personId, personIds));
  for (const row of rows) map.get(row.personId)?.push(row.role as Role);
  for (const [id, roles] of map) map.set(id, onlyKnownRoles(roles));
  return map;
}

export interface NewPerson {
  email: string;
  roles: Role[];
  office?: string | null;
  region?: string | null;
  association?: string | null;
  expertField?: string | null;
  linkedOfficeholderId?: string | null;
  relationship?: RelativeRelationship | null;
  displayName?: string | null;
}

export async function insertInvitedPerson(tx: Tx, input: NewPerson, grantedBy: string | null): Promise<PersonRow> {
  const [person] = await tx
    .insert(people)
    .values({
      email: normaliseEmail(input.email),
      displayName: input.displayName ?? null,
      office: input.office ?? null,
      region: input.region ?? null,
      association: input.association ?? null,
      expertField: input.expertField ?? null,
      linkedOfficeholderId: input.linkedOfficeholderId ?? null,
      relationship: input.relationship ?? null,
    })
    .returning();
  if (!person) throw new Error('person insert returned nothing');
  await replaceRoles(tx, person.id, input.roles, grantedBy);
  return person;
}

export async function replaceRoles(tx: Tx, personId: string, roles: Role[], grantedBy: string | null): Promise<void> {
  await tx.delete(personRoles).where(eq(personRoles.personId, personId));
  const unique = [...new Set(roles)];
  if (unique.length > 0) {
    await tx.insert(personRoles).values(unique.map((role) => ({ personId, role, grantedBy })));
  }
}

/** Adds and removes roles, leaving the roles that stay (and who granted them when) untouched. */
export async function applyRoleChanges(
  tx: Tx,
  personId: string,
  change: { added: readonly Role[]; removed: readonly Role[] },
  grantedBy: string | null,
): Promise<void> {
  if (change.removed.length > 0) {
    await tx
      .delete(personRoles)
      .where(and(eq(personRoles.personId, personId), inArray(personRoles.role, [...change.removed])));
  }
  if (change.added.length > 0) {
    await tx
      .insert(personRoles)
      .values(change.added.map((role) => ({ personId, role, grantedBy })))
      .onConflictDoNothing();
  }
}

/** Reads a person for a change, locking the row until the transaction ends. */
export async function lockPersonById(tx: Tx, id: string): Promise<PersonWithRoles | null> {
  const [person] = await tx.select().from(people).where(eq(people.id, id)).for('update');
  return person ? withRoles(tx, person) : null;
}

/** PostgreSQL's unique_violation, however the driver wraps it. */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
