import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  type AdminSchemeDetail,
  type NewSchemeRevision,
  type SchemeContent,
  type SchemeView,
  schemeContentSchema,
} from '../../../shared/woningscan-schemes.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { type ServiceContext, systemContext } from '../../lib/context.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { woningscanSchemeRevisions, woningscanSchemes } from './db.ts';
import { SHIPPED_SCHEMES } from './shipped-schemes.ts';

/**
 * The schemes as data: each a list of revisions, the newest of which applies. The shipped ones are
 * loaded once; admins add revisions (and new schemes), each audited with its author.
 */

/** Every scheme's newest revision, in the order of their start dates. */
export async function currentSchemes(db: DbOrTx): Promise<SchemeView[]> {
  const rows = await db
    .selectDistinctOn([woningscanSchemeRevisions.schemeKey], {
      key: woningscanSchemeRevisions.schemeKey,
      revision: woningscanSchemeRevisions.revision,
      content: woningscanSchemeRevisions.content,
    })
    .from(woningscanSchemeRevisions)
    .orderBy(woningscanSchemeRevisions.schemeKey, desc(woningscanSchemeRevisions.revision));
  return rows
    .map((row) => ({ key: row.key, revision: row.revision, content: schemeContentSchema.parse(row.content) }))
    .sort((a, b) => a.content.validFrom.localeCompare(b.content.validFrom) || a.key.localeCompare(b.key));
}

async function insertRevision(
  tx: Tx,
  key: string,
  content: SchemeContent,
  source: 'release' | 'admin',
  authorPersonId: string | null,
  note: string | null,
  now: Date,
): Promise<number> {
  await tx.insert(woningscanSchemes).values({ key, createdAt: now }).onConflictDoNothing();
  const [last] = await tx
    .select({ revision: woningscanSchemeRevisions.revision })
    .from(woningscanSchemeRevisions)
    .where(eq(woningscanSchemeRevisions.schemeKey, key))
    .orderBy(desc(woningscanSchemeRevisions.revision))
    .limit(1)
    .for('update');
  const revision = (last?.revision ?? 0) + 1;
  await tx
    .insert(woningscanSchemeRevisions)
    .values({ schemeKey: key, revision, content, source, authorPersonId, note, createdAt: now });
  return revision;
}

/** On start: the shipped schemes the database does not have yet become their first revision. */
export async function syncShippedSchemes(uow: UnitOfWork): Promise<number> {
  return uow.run(systemContext(), async (w) => {
    const present = await w.tx
      .select({ key: woningscanSchemes.key })
      .from(woningscanSchemes)
      .where(
        inArray(
          woningscanSchemes.key,
          SHIPPED_SCHEMES.map((scheme) => scheme.key),
        ),
      );
    const known = new Set(present.map((row) => row.key));
    let added = 0;
    for (const scheme of SHIPPED_SCHEMES) {
      if (known.has(scheme.key)) continue;
      await insertRevision(w.tx, scheme.key, schemeContentSchema.parse(scheme.content), 'release', null, null, w.now);
      added += 1;
    }
    return added;
  });
}

export async function schemeHistory(db: DbOrTx, key: string): Promise<AdminSchemeDetail | null> {
  const rows = await db
    .select({
      revision: woningscanSchemeRevisions.revision,
      source: woningscanSchemeRevisions.source,
      authorName: people.displayName,
      createdAt: woningscanSchemeRevisions.createdAt,
      note: woningscanSchemeRevisions.note,
      content: woningscanSchemeRevisions.content,
    })
    .from(woningscanSchemeRevisions)
    .leftJoin(people, eq(people.id, woningscanSchemeRevisions.authorPersonId))
    .where(eq(woningscanSchemeRevisions.schemeKey, key))
    .orderBy(asc(woningscanSchemeRevisions.revision));
  if (rows.length === 0) return null;
  return {
    key,
    revisions: rows.map((row) => ({
      revision: row.revision,
      source: row.source,
      authorName: row.authorName ?? null,
      createdAt: row.createdAt.toISOString(),
      note: row.note ?? null,
      content: schemeContentSchema.parse(row.content),
    })),
  };
}

/** An admin saves a scheme: a new revision (the first one of a new key makes the scheme). Audited. */
export function reviseScheme(uow: UnitOfWork, ctx: ServiceContext, key: string, input: NewSchemeRevision) {
  return uow.run(ctx, async (w) => {
    const revision = await insertRevision(
      w.tx,
      key,
      input.content,
      'admin',
      w.actor?.personId ?? null,
      input.note?.trim() || null,
      w.now,
    );
    await recordAudit(w.tx, w, {
      action: 'woningscan.scheme_revised',
      recordType: 'woningscan_scheme',
      details: { key, revision },
    });
    return { key, revision };
  });
}
