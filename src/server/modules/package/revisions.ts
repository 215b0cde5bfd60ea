import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { LOCALES } from '../../../shared/locale.ts';
import { parseMarkdown, plainText } from '../../../shared/markdown/document.ts';
import type { PackageRevision, PackageRevisionSummary } from '../../../shared/package-admin.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { people } from '../people/db.ts';
import { packagePartRevisions, packageParts, packagePartTranslations, type RevisionTexts } from './db.ts';

/**
 * Revisions of a part's texts. How the shipped files and admin edits meet:
 *
 * - The newest revision of a part is what everyone reads; `package_part_translations` holds a copy of it
 *   (for the public pages and search), written in the same transaction as the revision.
 * - On start the files are compared with the part's newest *release* revision (by a hash over the texts),
 *   not with the current text. Unchanged files change nothing, so an admin's edit survives any restart.
 * - A deploy that ships a changed file becomes a new revision (`release`, no author) on top of the
 *   history: the newest word wins, and the edit it replaces stays in the history, where an admin sees it
 *   and can restore it with one click (a restore is a new revision copying the old one).
 *
 * Every write to revisions (the sync on start, a save, a restore) holds one advisory lock, so revision
 * numbers stay 1, 2, 3 … without twins even with several instances; the unique key is the backstop.
 */

export type RevisionRow = typeof packagePartRevisions.$inferSelect;

/** Any bigint works; it only needs to differ from the other advisory locks. */
const PACKAGE_CONTENT_LOCK = 2_904_771_385_196_447_531n;

export async function lockPackageContent(tx: Tx): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${PACKAGE_CONTENT_LOCK.toString()}::bigint)`);
}

/** SHA-256 over the texts only: moving a part to another place in the package is not a new text. */
export function revisionHash(texts: RevisionTexts): string {
  const ordered = {
    title: { nl: texts.title.nl, en: texts.title.en },
    summary: { nl: texts.summary.nl, en: texts.summary.en },
    body: { nl: texts.body.nl, en: texts.body.en },
  };
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

/** The newest revision number of every part. */
export async function latestRevisionNumbers(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await db
    .select({ slug: packagePartRevisions.slug, revision: sql<number>`max(${packagePartRevisions.revision})` })
    .from(packagePartRevisions)
    .groupBy(packagePartRevisions.slug);
  return new Map(rows.map((row) => [row.slug, Number(row.revision)]));
}

/** The text hash of every part's newest release revision: what the files were when last loaded. */
export async function latestReleaseHashes(db: DbOrTx): Promise<Map<string, string>> {
  const rows = await db
    .selectDistinctOn([packagePartRevisions.slug], {
      slug: packagePartRevisions.slug,
      contentHash: packagePartRevisions.contentHash,
    })
    .from(packagePartRevisions)
    .where(eq(packagePartRevisions.source, 'release'))
    .orderBy(packagePartRevisions.slug, desc(packagePartRevisions.revision));
  return new Map(rows.map((row) => [row.slug, row.contentHash]));
}

export interface NewRevision {
  slug: string;
  revision: number;
  texts: RevisionTexts;
  source: 'release' | 'admin';
  authorPersonId: string | null;
  note?: string | null;
  restoredFrom?: number | null;
}

/**
 * Adds a revision and makes it the current text: the public page and search read the copy in
 * `package_part_translations`, replaced here in the caller's transaction.
 */
export async function publishRevision(tx: Tx, input: NewRevision): Promise<RevisionRow> {
  const contentHash = revisionHash(input.texts);
  const [row] = await tx
    .insert(packagePartRevisions)
    .values({
      slug: input.slug,
      revision: input.revision,
      title: input.texts.title,
      summary: input.texts.summary,
      body: input.texts.body,
      contentHash,
      source: input.source,
      authorPersonId: input.authorPersonId,
      note: input.note ?? null,
      restoredFrom: input.restoredFrom ?? null,
    })
    .returning();
  if (!row) throw new Error('revision insert returned nothing');
  await tx.delete(packagePartTranslations).where(eq(packagePartTranslations.slug, input.slug));
  await tx.insert(packagePartTranslations).values(
    LOCALES.map((locale) => ({
      slug: input.slug,
      locale,
      title: input.texts.title[locale],
      summary: input.texts.summary[locale],
      body: input.texts.body[locale],
      bodyText: plainText(parseMarkdown(input.texts.body[locale]).blocks),
    })),
  );
  await tx.update(packageParts).set({ contentHash, updatedAt: row.createdAt }).where(eq(packageParts.slug, input.slug));
  return row;
}

const summaryColumns = {
  revision: packagePartRevisions.revision,
  source: packagePartRevisions.source,
  authorName: people.displayName,
  note: packagePartRevisions.note,
  restoredFrom: packagePartRevisions.restoredFrom,
  createdAt: packagePartRevisions.createdAt,
};

interface SummaryRow {
  revision: number;
  source: 'release' | 'admin';
  authorName: string | null;
  note: string | null;
  restoredFrom: number | null;
  createdAt: Date;
}

function toSummary(row: SummaryRow): PackageRevisionSummary {
  return {
    revision: row.revision,
    source: row.source,
    authorName: row.authorName,
    note: row.note,
    restoredFrom: row.restoredFrom,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A part's history, newest first, with the authors' names. */
export async function listRevisions(db: DbOrTx, slug: string): Promise<PackageRevisionSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(packagePartRevisions)
    .leftJoin(people, eq(people.id, packagePartRevisions.authorPersonId))
    .where(eq(packagePartRevisions.slug, slug))
    .orderBy(desc(packagePartRevisions.revision));
  return rows.map(toSummary);
}

/** One revision with its texts; the newest when `revision` is left out. Null when there is none. */
export async function findRevision(db: DbOrTx, slug: string, revision?: number): Promise<PackageRevision | null> {
  const [row] = await db
    .select({
      ...summaryColumns,
      title: packagePartRevisions.title,
      summary: packagePartRevisions.summary,
      body: packagePartRevisions.body,
    })
    .from(packagePartRevisions)
    .leftJoin(people, eq(people.id, packagePartRevisions.authorPersonId))
    .where(
      and(
        eq(packagePartRevisions.slug, slug),
        revision === undefined ? undefined : eq(packagePartRevisions.revision, revision),
      ),
    )
    .orderBy(desc(packagePartRevisions.revision))
    .limit(1);
  if (!row) return null;
  return { ...toSummary(row), title: row.title, summary: row.summary, body: row.body };
}

/** The newest revision of every part with its author's name, for the admin list. */
export async function currentRevisions(db: DbOrTx): Promise<Map<string, PackageRevisionSummary>> {
  const rows = await db
    .selectDistinctOn([packagePartRevisions.slug], { slug: packagePartRevisions.slug, ...summaryColumns })
    .from(packagePartRevisions)
    .leftJoin(people, eq(people.id, packagePartRevisions.authorPersonId))
    .orderBy(packagePartRevisions.slug, desc(packagePartRevisions.revision));
  return new Map(rows.map((row) => [row.slug, toSummary(row)]));
}
