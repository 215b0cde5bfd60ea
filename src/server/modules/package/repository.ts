import { asc, eq } from 'drizzle-orm';
import type { Locale } from '../../../shared/locale.ts';
import type { PackagePart, PackagePartDetail } from '../../../shared/package.ts';
import type { DbOrTx } from '../../db/index.ts';
import { packageParts, packagePartTranslations } from './db.ts';

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
