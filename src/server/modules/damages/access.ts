import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { notFound } from '../../lib/errors.ts';
import { type AccessRules, authorize } from '../../lib/policy.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { NotificationService } from '../notifications/service.ts';
import { damageClaims } from './db.ts';

export interface DamagesDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  notifications: NotificationService;
}

export type DamageAction = 'read' | 'update' | 'delete';

/**
 * A damage claim is its owner's alone, like the incident it belongs to: no staff relation, no grant,
 * no admin. (Admins keep the Schadefonds rules, which are public information, and never see a claim.)
 */
export const DAMAGE_RULES: AccessRules<DamageAction> = {
  read: { relations: ['owner'] },
  update: { relations: ['owner'] },
  delete: { relations: ['owner'] },
};

/** Associated data of every encrypted damages value: table, column, row. */
export const damageAad = {
  content: (id: string) => contextAad('damage_claim', 'content', id),
  label: (id: string) => contextAad('damage_deadline', 'label', id),
};

export type DamageClaimRow = typeof damageClaims.$inferSelect;

/** The claim if this actor may do `action` to it; the same 404 as a missing one otherwise. */
export async function loadClaim(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: DamageAction,
  options: { lock?: boolean } = {},
): Promise<DamageClaimRow> {
  const query = db.select().from(damageClaims).where(eq(damageClaims.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  authorize(actor, action, row ? { ownerIds: [row.ownerId] } : null, DAMAGE_RULES);
  if (!row) throw notFound();
  return row;
}
