import { createHash } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { findPackagePart, listPackageParts } from '../package/repository.ts';
import { type EditionPart, packageEditions } from './db.ts';

/**
 * Package versions. The package module loads the content files into the database on start; right after,
 * this takes a snapshot of every part (both languages). When the snapshot differs from the newest
 * version, it becomes the next version. A printed package names its version, and any version can be
 * made again later from its snapshot.
 */

export type EditionRow = typeof packageEditions.$inferSelect;

/** Any bigint works; it only needs to differ from the other advisory locks. */
const EDITION_LOCK = 5_180_337_204_662_913_071n;

export function snapshotHash(parts: EditionPart[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** The package content as it is in the database now, part by part in order. */
export async function currentSnapshot(db: DbOrTx): Promise<EditionPart[]> {
  const parts: EditionPart[] = [];
  for (const summary of await listPackageParts(db)) {
    const part = await findPackagePart(db, summary.slug);
    if (!part) continue;
    parts.push({
      slug: part.slug,
      position: part.position,
      title: { nl: part.title.nl, en: part.title.en },
      summary: { nl: part.summary.nl, en: part.summary.en },
      body: { nl: part.body.nl, en: part.body.en },
    });
  }
  return parts.sort((a, b) => a.position - b.position);
}

/**
 * Makes sure the current content is a version; answers that version. Several instances starting at
 * once are serialised by an advisory lock, so versions stay 1, 2, 3 … without gaps or twins. A system
 * change in a unit of work of its own (no audit entry: the content's own revisions are audited).
 */
export async function ensureCurrentEdition(uow: UnitOfWork, now = new Date()): Promise<EditionRow> {
  const parts = await currentSnapshot(uow.db);
  const contentHash = snapshotHash(parts);
  return uow.run(systemContext(), async ({ tx }) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${EDITION_LOCK.toString()}::bigint)`);
    const [latest] = await tx.select().from(packageEditions).orderBy(desc(packageEditions.version)).limit(1);
    // Version numbers never change once printed: content that went back to an earlier text is a new version.
    if (latest?.contentHash === contentHash) return latest;
    const [row] = await tx
      .insert(packageEditions)
      .values({ version: (latest?.version ?? 0) + 1, contentHash, publishedAt: now, parts })
      .returning();
    if (!row) throw new Error('edition insert returned nothing');
    return row;
  });
}

/** The newest version (the one new prints use). */
export async function latestEdition(db: DbOrTx): Promise<EditionRow | null> {
  const [row] = await db.select().from(packageEditions).orderBy(desc(packageEditions.version)).limit(1);
  return row ?? null;
}

export async function findEdition(db: DbOrTx, id: string): Promise<EditionRow | null> {
  const [row] = await db.select().from(packageEditions).where(eq(packageEditions.id, id));
  return row ?? null;
}

/** Every version, newest first, without the texts. */
export async function listEditions(db: DbOrTx): Promise<{ id: string; version: number; publishedAt: Date }[]> {
  return db
    .select({ id: packageEditions.id, version: packageEditions.version, publishedAt: packageEditions.publishedAt })
    .from(packageEditions)
    .orderBy(desc(packageEditions.version));
}
