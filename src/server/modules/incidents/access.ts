import { eq } from 'drizzle-orm';
import type { IncidentDetails } from '../../../shared/incidents.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { notFound } from '../../lib/errors.ts';
import { type AccessRules, authorize } from '../../lib/policy.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { incidents } from './db.ts';
import type { EvidenceStore } from './evidence-store.ts';
import type { IncidentPathRegistry } from './path.ts';

export interface IncidentDeps {
  uow: UnitOfWork;
  keyring: Keyring;
  store: EvidenceStore;
  /** The steps other modules add to an incident's path (aangifte, protection, damages, aftercare). */
  path: IncidentPathRegistry;
  /**
   * Lines other modules add to the dossier's cover, about the given incidents (numbered as in the
   * dossier): the aangifte aid's "what happened at the police". Each reads only its own rows of this owner.
   */
  dossierCover: DossierCoverSource[];
  /**
   * Test seam for the atomicity of evidence intake: runs inside the intake's transaction after the file
   * is in place and before the row commits. Production leaves it unset.
   */
  intakeFault?: () => Promise<void> | void;
}

export type DossierCoverSource = (
  db: DbOrTx,
  incidents: { id: string; ownerId: string }[],
  lang: Locale,
) => Promise<string[]>;

export type IncidentAction = 'read' | 'update' | 'delete' | 'addEvidence' | 'deleteEvidence' | 'export';

/**
 * An incident is its owner's alone: an office holder's incidents are theirs, a relative's incidents are
 * the relative's. No staff relation, no grant, no admin. (Sharing with the support team will go through
 * a consented case that references the incident by id, under the case policy: not through this table.)
 */
export const INCIDENT_RULES: AccessRules<IncidentAction> = {
  read: { relations: ['owner'] },
  update: { relations: ['owner'] },
  delete: { relations: ['owner'] },
  addEvidence: { relations: ['owner'] },
  deleteEvidence: { relations: ['owner'] },
  export: { relations: ['owner'] },
};

/** Associated data of every encrypted incident value: table, column, row. */
export const incidentAad = {
  details: (id: string) => contextAad('incident', 'details', id),
  followUp: (id: string) => contextAad('incident_follow_up', 'body', id),
  draft: (ownerId: string) => contextAad('incident_draft', 'draft', ownerId),
};

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw notFound();
  return ctx.actor;
}

export type IncidentRow = typeof incidents.$inferSelect;

/** The incident if this actor may do `action` to it; the same 404 as a missing one otherwise. */
export async function loadIncident(
  db: DbOrTx,
  actor: Actor,
  id: string,
  action: IncidentAction,
  options: { lock?: boolean } = {},
): Promise<IncidentRow> {
  const query = db.select().from(incidents).where(eq(incidents.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  authorize(actor, action, row ? { ownerIds: [row.ownerId] } : null, INCIDENT_RULES);
  if (!row) throw notFound();
  return row;
}

export function readDetails(keyring: Keyring, row: IncidentRow): IncidentDetails {
  return JSON.parse(keyring.decryptString(row.detailsEnvelope, incidentAad.details(row.id))) as IncidentDetails;
}

export function sealDetails(keyring: Keyring, id: string, details: IncidentDetails): string {
  return keyring.encrypt(JSON.stringify(details), incidentAad.details(id));
}
