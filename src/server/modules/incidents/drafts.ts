import { createHash } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import { type DraftContent, INCIDENT_RETENTION } from '../../../shared/incidents.ts';
import type { Db } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { type IncidentDeps, incidentAad, requireActor } from './access.ts';
import { incidentDrafts } from './db.ts';

/**
 * The quick entry's draft: saved while the person types, encrypted, one per person, so a closed tab or
 * a lost connection loses nothing. When the connection is gone the web app keeps the draft in the
 * browser too, but only encrypted with this person's draft key (below), which the server hands to their
 * signed-in session and the browser holds in memory only: on a shared device, the browser's storage
 * holds ciphertext that no one else can read, and nothing once the draft is sent.
 */

export async function getDraft(
  deps: IncidentDeps,
  ctx: ServiceContext,
): Promise<{ draft: DraftContent | null; updatedAt: string | null }> {
  const actor = requireActor(ctx);
  const [row] = await deps.uow.db.select().from(incidentDrafts).where(eq(incidentDrafts.ownerId, actor.personId));
  if (!row) return { draft: null, updatedAt: null };
  const draft = JSON.parse(
    deps.keyring.decryptString(row.draftEnvelope, incidentAad.draft(actor.personId)),
  ) as DraftContent;
  return { draft, updatedAt: row.updatedAt.toISOString() };
}

export async function saveDraft(
  deps: IncidentDeps,
  ctx: ServiceContext,
  draft: DraftContent,
): Promise<{ draft: DraftContent; updatedAt: string }> {
  const actor = requireActor(ctx);
  return deps.uow.run(ctx, async (w) => {
    const draftEnvelope = deps.keyring.encrypt(JSON.stringify(draft), incidentAad.draft(actor.personId));
    await w.tx
      .insert(incidentDrafts)
      .values({ ownerId: actor.personId, draftEnvelope, updatedAt: w.now })
      .onConflictDoUpdate({ target: incidentDrafts.ownerId, set: { draftEnvelope, updatedAt: w.now } });
    return { draft, updatedAt: w.now.toISOString() };
  });
}

export async function deleteDraft(deps: IncidentDeps, ctx: ServiceContext): Promise<void> {
  const actor = requireActor(ctx);
  await deps.uow.run(ctx, async (w) => {
    await w.tx.delete(incidentDrafts).where(eq(incidentDrafts.ownerId, actor.personId));
  });
}

/**
 * The key the browser encrypts an offline draft with: AES-256, derived per person from the keyring's
 * index secret (a keyed hash with its own purpose), so it is the same on every device the person signs
 * in on, and useless to anyone else.
 */
export function draftKey(deps: IncidentDeps, ctx: ServiceContext): { key: string; keyId: string } {
  const actor = requireActor(ctx);
  const key = deps.keyring.keyedHash('incident-draft-key', actor.personId);
  return { key, keyId: createHash('sha256').update(key).digest('base64url').slice(0, 12) };
}

/** Drafts nobody touched for the retention period go (the sweep job). */
export async function removeStaleDrafts(db: Db, now: Date): Promise<number> {
  const before = new Date(now.getTime() - INCIDENT_RETENTION.draftDays * 86_400_000);
  const removed = await db
    .delete(incidentDrafts)
    .where(lt(incidentDrafts.updatedAt, before))
    .returning({ id: incidentDrafts.ownerId });
  return removed.length;
}
