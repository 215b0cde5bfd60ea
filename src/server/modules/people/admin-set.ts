import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { conflict } from '../../lib/errors.ts';
import { people, personRoles } from './db.ts';

/**
 * The set of active admins. At least one always remains; every change that could take one away is
 * serialised by a transaction-scoped advisory lock, so two admins demoting each other at the same moment
 * cannot both succeed.
 */

/** The placeholder person of the first-start setup invitation; the first admin replaces the address on activation. */
export const SETUP_PLACEHOLDER_EMAIL = 'beheerder@setup.invalid';

/** Any bigint works; it only needs to differ from the migration and audit locks. */
const ADMIN_SET_LOCK = 4_211_930_771_023_554_203n;

/** Serialises every change that could take away an active admin, until the transaction ends. */
export async function lockAdminSet(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${ADMIN_SET_LOCK.toString()}::bigint)`);
}

/** Active people holding the admin role, optionally leaving one person out. */
export async function countActiveAdmins(db: DbOrTx, options: { except?: string } = {}): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(people)
    .innerJoin(personRoles, and(eq(personRoles.personId, people.id), eq(personRoles.role, 'admin')))
    .where(and(eq(people.status, 'active'), options.except ? ne(people.id, options.except) : undefined));
  return row?.n ?? 0;
}

export const lastAdmin = () => conflict('last_admin', 'At least one active admin must remain.');
