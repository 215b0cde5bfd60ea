import { eq, notInArray } from 'drizzle-orm';
import { systemContext } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { PackagePartContent } from './content.ts';
import { packageParts } from './db.ts';
import {
  latestReleaseHashes,
  latestRevisionNumbers,
  lockPackageContent,
  publishRevision,
  revisionHash,
} from './revisions.ts';

/**
 * Makes the package match the content files, in one unit of work (a system change: no audit entry). Parts that left the files are removed
 * (with their history); a new part, or a part whose file changed since it was last loaded, gets a new
 * `release` revision that becomes its current text. A file that did not change leaves the part alone, so
 * an admin's edit survives a restart (see revisions.ts). `changed` counts the new release revisions.
 */
export async function syncPackageParts(uow: UnitOfWork, content: PackagePartContent[]): Promise<{ changed: number }> {
  return uow.run(systemContext(), async ({ tx }) => {
    await lockPackageContent(tx);
    const slugs = content.map((part) => part.slug);
    await tx.delete(packageParts).where(slugs.length ? notInArray(packageParts.slug, slugs) : undefined);
    const existing = await tx.select({ slug: packageParts.slug, position: packageParts.position }).from(packageParts);
    const positions = new Map(existing.map((row) => [row.slug, row.position]));
    const releases = await latestReleaseHashes(tx);
    const latest = await latestRevisionNumbers(tx);
    let changed = 0;
    for (const part of content) {
      const texts = { title: part.title, summary: part.summary, body: part.body };
      const hash = revisionHash(texts);
      if (!positions.has(part.slug)) {
        await tx.insert(packageParts).values({ slug: part.slug, position: part.position, contentHash: hash });
      } else if (positions.get(part.slug) !== part.position) {
        await tx.update(packageParts).set({ position: part.position }).where(eq(packageParts.slug, part.slug));
      }
      if (releases.get(part.slug) === hash) continue;
      await publishRevision(tx, {
        slug: part.slug,
        revision: (latest.get(part.slug) ?? 0) + 1,
        texts,
        source: 'release',
        authorPersonId: null,
      });
      changed += 1;
    }
    return { changed };
  });
}
