import { asc, eq, notInArray } from 'drizzle-orm';
import type { Locale } from '../../../shared/locale.ts';
import type { PackagePart, PackagePartDetail } from '../../../shared/package.ts';
import type { DbOrTx } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { PackagePartContent } from './content.ts';
import { packageParts, packagePartTranslations } from './db.ts';
import {
  latestReleaseHashes,
  latestRevisionNumbers,
  lockPackageContent,
  publishRevision,
  revisionHash,
} from './revisions.ts';

/** The read the home page makes; also the benchmark's reference query. */
export async function listPackageParts(db: DbOrTx): Promise<PackagePart[]> {
  const rows = await db
    .select({
      slug: packageParts.slug,
      position: packageParts.position,
      locale: packagePartTranslations.locale,
      title: packagePartTranslations.title,
      summary: packagePartTranslations.summary,
    })
    .from(packageParts)
    .innerJoin(packagePartTranslations, eq(packagePartTranslations.slug, packageParts.slug))
    .orderBy(asc(packageParts.position), asc(packagePartTranslations.locale));
  const parts = new Map<string, PackagePart>();
  for (const row of rows) {
    const part = parts.get(row.slug) ?? {
      slug: row.slug,
      position: row.position,
      title: { nl: '', en: '' },
      summary: { nl: '', en: '' },
    };
    part.title[row.locale as Locale] = row.title;
    part.summary[row.locale as Locale] = row.summary;
    parts.set(row.slug, part);
  }
  return [...parts.values()];
}

/** One part with its page text in both languages; null when there is no such part. */
export async function findPackagePart(db: DbOrTx, slug: string): Promise<PackagePartDetail | null> {
  const rows = await db
    .select({
      position: packageParts.position,
      locale: packagePartTranslations.locale,
      title: packagePartTranslations.title,
      summary: packagePartTranslations.summary,
      body: packagePartTranslations.body,
    })
    .from(packageParts)
    .innerJoin(packagePartTranslations, eq(packagePartTranslations.slug, packageParts.slug))
    .where(eq(packageParts.slug, slug));
  const [first] = rows;
  if (!first) return null;
  const part: PackagePartDetail = {
    slug,
    position: first.position,
    title: { nl: '', en: '' },
    summary: { nl: '', en: '' },
    body: { nl: '', en: '' },
  };
  for (const row of rows) {
    const locale = row.locale as Locale;
    part.title[locale] = row.title;
    part.summary[locale] = row.summary;
    part.body[locale] = row.body;
  }
  return part;
}

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
