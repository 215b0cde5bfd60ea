import { asc, desc, eq } from 'drizzle-orm';
import {
  type AdminDamageRules,
  type DamageRulesContent,
  type DamageRulesVersion,
  damageRulesContentSchema,
  damageRulesOn,
  type NewDamageRules,
} from '../../../shared/damages.ts';
import { dutchDay } from '../../../shared/woningscan-schemes.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { type ServiceContext, systemContext } from '../../lib/context.ts';
import { badRequest } from '../../lib/errors.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people } from '../people/db.ts';
import { damageRuleRevisions } from './db.ts';
import { SHIPPED_DAMAGE_RULES } from './shipped-rules.ts';

/**
 * The Schadefonds' rules as data: versions by start day, each the newest of its revisions. What applied
 * on a day that has begun is never rewritten: a change is a new version from a later day (or a new
 * revision of a version that has not started yet). Admins keep them; every save is audited.
 */

/** Every version's newest revision, oldest start first. */
export async function currentVersions(db: DbOrTx): Promise<DamageRulesVersion[]> {
  const rows = await db
    .selectDistinctOn([damageRuleRevisions.validFrom], {
      revision: damageRuleRevisions.revision,
      source: damageRuleRevisions.source,
      authorName: people.displayName,
      createdAt: damageRuleRevisions.createdAt,
      note: damageRuleRevisions.note,
      content: damageRuleRevisions.content,
    })
    .from(damageRuleRevisions)
    .leftJoin(people, eq(people.id, damageRuleRevisions.authorPersonId))
    .orderBy(asc(damageRuleRevisions.validFrom), desc(damageRuleRevisions.revision));
  return rows.map((row) => ({
    revision: row.revision,
    source: row.source,
    authorName: row.authorName ?? null,
    createdAt: row.createdAt.toISOString(),
    note: row.note ?? null,
    content: damageRulesContentSchema.parse(row.content),
  }));
}

/** The rules that apply on a calendar day; null before the first version. */
export async function rulesOn(db: DbOrTx, day: string): Promise<DamageRulesContent | null> {
  const versions = (await currentVersions(db)).map((version) => version.content);
  return damageRulesOn(versions, day);
}

export async function adminRules(uow: UnitOfWork): Promise<AdminDamageRules> {
  return { today: dutchDay(uow.now()), versions: await currentVersions(uow.db) };
}

async function insertRevision(
  tx: Tx,
  content: DamageRulesContent,
  source: 'release' | 'admin',
  authorPersonId: string | null,
  note: string | null,
  now: Date,
): Promise<number> {
  const [last] = await tx
    .select({ revision: damageRuleRevisions.revision })
    .from(damageRuleRevisions)
    .where(eq(damageRuleRevisions.validFrom, content.validFrom))
    .orderBy(desc(damageRuleRevisions.revision))
    .limit(1)
    .for('update');
  const revision = (last?.revision ?? 0) + 1;
  await tx
    .insert(damageRuleRevisions)
    .values({ validFrom: content.validFrom, revision, content, source, authorPersonId, note, createdAt: now });
  return revision;
}

/**
 * On start: the shipped version becomes its first revision when the database has no rules at all yet.
 * Two instances starting at once both try; the unique (day, revision) lets one of them through.
 */
export async function syncShippedRules(uow: UnitOfWork): Promise<boolean> {
  return uow.run(systemContext(), async (w) => {
    const [any] = await w.tx.select({ id: damageRuleRevisions.id }).from(damageRuleRevisions).limit(1);
    if (any) return false;
    const content = damageRulesContentSchema.parse(SHIPPED_DAMAGE_RULES);
    const added = await w.tx
      .insert(damageRuleRevisions)
      .values({ validFrom: content.validFrom, revision: 1, content, source: 'release', createdAt: w.now })
      .onConflictDoNothing()
      .returning({ id: damageRuleRevisions.id });
    return added.length > 0;
  });
}

/**
 * An admin saves rules: a new version from a day after today, or a new revision of a version that has
 * not started. A version that has started (today or earlier) is never changed, and no version starts
 * today or before: either would rewrite what a page showed on a day that has begun.
 */
export function reviseRules(uow: UnitOfWork, ctx: ServiceContext, input: NewDamageRules) {
  return uow.run(ctx, async (w) => {
    const today = dutchDay(w.now);
    if (input.content.validFrom <= today) {
      throw badRequest('validation_failed', 'One or more fields are not valid.', [
        {
          field: 'body/content/validFrom',
          code: 'damage_rules_start_not_future',
          message: 'must be after today; what applied until now stays as it was',
        },
      ]);
    }
    const revision = await insertRevision(
      w.tx,
      input.content,
      'admin',
      w.actor?.personId ?? null,
      input.note?.trim() || null,
      w.now,
    );
    await recordAudit(w.tx, w, {
      action: 'damages.rules_revised',
      recordType: 'damage_rules',
      details: { validFrom: input.content.validFrom, revision },
    });
    return { validFrom: input.content.validFrom, revision };
  });
}
