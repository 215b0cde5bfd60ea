import { asc, desc, eq, inArray } from 'drizzle-orm';
import {
  type AdminSchemeDetail,
  dayBefore,
  dutchDay,
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
import { pastRewrites, refuseFields } from './scheme-rules.ts';
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

/** A scheme's current content, its rows locked for the change; null when there is no such scheme. */
async function lockedCurrent(tx: Tx, key: string): Promise<SchemeContent | null> {
  const [last] = await tx
    .select({ content: woningscanSchemeRevisions.content })
    .from(woningscanSchemeRevisions)
    .where(eq(woningscanSchemeRevisions.schemeKey, key))
    .orderBy(desc(woningscanSchemeRevisions.revision))
    .limit(1)
    .for('update');
  return last ? schemeContentSchema.parse(last.content) : null;
}

/**
 * An admin saves a scheme: a new revision (the first one of a new key makes the scheme), never one that
 * rewrites the past (scheme-rules.ts). A new scheme that `replaces` another ends that one the day before
 * it starts, in the same unit of work. Each revision is audited.
 */
export function reviseScheme(uow: UnitOfWork, ctx: ServiceContext, key: string, input: NewSchemeRevision) {
  return uow.run(ctx, async (w) => {
    const today = dutchDay(w.now);
    const previous = await lockedCurrent(w.tx, key);
    const problems = pastRewrites(previous, input.content, today);
    const predecessor = input.replaces ? await lockedCurrent(w.tx, input.replaces) : null;
    if (input.replaces) {
      if (previous !== null) {
        problems.push({ field: 'params/key', code: 'scheme_exists', message: 'a successor is a new scheme' });
      } else if (predecessor === null) {
        problems.push({ field: 'body/replaces', code: 'scheme_missing', message: 'no such scheme' });
      } else if (problems.length === 0 && input.content.validFrom <= predecessor.validFrom) {
        problems.push({
          field: 'body/content/validFrom',
          code: 'scheme_starts_before_predecessor',
          message: 'must be after the start of the scheme it replaces',
        });
      }
    }
    if (problems.length > 0) throw refuseFields(problems);
    const author = w.actor?.personId ?? null;
    const revised = async (schemeKey: string, content: SchemeContent, note: string | null) => {
      const revision = await insertRevision(w.tx, schemeKey, content, 'admin', author, note, w.now);
      await recordAudit(w.tx, w, {
        action: 'woningscan.scheme_revised',
        recordType: 'woningscan_scheme',
        details: { key: schemeKey, revision },
      });
      return revision;
    };
    const { validFrom } = input.content;
    if (input.replaces && predecessor && (predecessor.validTo === null || predecessor.validTo >= validFrom)) {
      // validFrom lies after today, so the day before is today or later: nothing that applied changes.
      await revised(input.replaces, { ...predecessor, validTo: dayBefore(validFrom) }, `→ ${key}`);
    }
    const revision = await revised(key, input.content, input.note?.trim() || null);
    return { key, revision };
  });
}
