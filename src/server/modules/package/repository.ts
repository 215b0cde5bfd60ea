import { asc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Locale } from '../../../shared/locale.ts';
import type { PackagePart, PackagePartDetail } from '../../../shared/package.ts';
import type { Db } from '../../db/index.ts';
import type { PackagePartContent } from './content.ts';
import { packageParts, packagePartTranslations } from './db.ts';

/** The read the home page makes; also the benchmark's reference query. */
export async function listPackageParts(db: Db): Promise<PackagePart[]> {
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
export async function findPackagePart(db: Db, slug: string): Promise<PackagePartDetail | null> {
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

/** Makes the table match the content files, in one transaction; unchanged parts are not touched. */
export async function syncPackageParts(db: Db, content: PackagePartContent[]): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ slug: packageParts.slug, contentHash: packageParts.contentHash })
      .from(packageParts);
    const known = new Map(existing.map((row) => [row.slug, row.contentHash]));
    const changed = content.filter((part) => known.get(part.slug) !== part.contentHash);
    const slugs = content.map((part) => part.slug);
    await tx.delete(packageParts).where(slugs.length ? notInArray(packageParts.slug, slugs) : undefined);
    if (changed.length === 0) return { changed: 0 };
    const changedSlugs = changed.map((part) => part.slug);
    await tx.delete(packagePartTranslations).where(inArray(packagePartTranslations.slug, changedSlugs));
    for (const part of changed) {
      await tx
        .insert(packageParts)
        .values({ slug: part.slug, position: part.position, contentHash: part.contentHash, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: packageParts.slug,
          set: { position: part.position, contentHash: part.contentHash, updatedAt: new Date() },
        });
    }
    await tx.insert(packagePartTranslations).values(
      changed.flatMap((part) =>
        (['nl', 'en'] as const).map((locale) => ({
          slug: part.slug,
          locale,
          title: part.title[locale],
          summary: part.summary[locale],
          body: part.body[locale],
          bodyText: part.bodyText[locale],
        })),
      ),
    );
    return { changed: changed.length };
  });
}
