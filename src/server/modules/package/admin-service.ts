import { asc, eq } from 'drizzle-orm';
import {
  CONTENT_CHECK_FAILED,
  type PackageAdminPartResponse,
  type PackageAdminPartSummary,
  type PackageRestoreBody,
  type PackageRevisionTexts,
  type PackageSaveBody,
  REVISION_CONFLICT,
} from '../../../shared/package-admin.ts';
import { checkPartTexts, describeContentProblem } from '../../../shared/package-content-check.ts';
import type { FieldError } from '../../../shared/problem.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { AppError, conflict, notFound } from '../../lib/errors.ts';
import type { UnitOfWork, Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { packageParts } from './db.ts';
import { listPackageParts } from './repository.ts';
import { currentRevisions, findRevision, listRevisions, lockPackageContent, publishRevision } from './revisions.ts';

/**
 * Admins edit the package texts (issue #4). A save or a restore is a new revision of one part, checked
 * by the same content check as the shipped files, made the current text at once (public page and
 * search), and audited in the same unit of work. Optimistic concurrency: the admin sends the revision
 * they started from; if someone saved in between, nothing is written and the answer is 409. After the
 * commit, `onContentChanged` runs (the handover module makes the new text a package version).
 */

export interface PackageAdminDeps {
  uow: UnitOfWork;
  /** Runs after a save or restore has committed; a failure is logged, not reported as a failed save. */
  onContentChanged?: ((uow: UnitOfWork) => Promise<unknown>) | undefined;
}

function afterContentChange(w: Work, deps: PackageAdminDeps): void {
  const hook = deps.onContentChanged;
  if (hook) w.afterCommit('after a package content change', async () => void (await hook(deps.uow)));
}

export async function listAdminParts(db: DbOrTx): Promise<PackageAdminPartSummary[]> {
  const [parts, current] = await Promise.all([listPackageParts(db), currentRevisions(db)]);
  return parts.flatMap((part) => {
    const revision = current.get(part.slug);
    return revision ? [{ slug: part.slug, position: part.position, title: part.title, current: revision }] : [];
  });
}

export async function adminPart(db: DbOrTx, slug: string): Promise<PackageAdminPartResponse['part']> {
  const [current, history, [part]] = await Promise.all([
    findRevision(db, slug),
    listRevisions(db, slug),
    db.select({ position: packageParts.position }).from(packageParts).where(eq(packageParts.slug, slug)),
  ]);
  if (!current || !part) throw notFound('There is no part of the package with this slug.');
  return { slug, position: part.position, current, history };
}

export async function saveRevision(
  deps: PackageAdminDeps,
  ctx: ServiceContext,
  slug: string,
  input: PackageSaveBody,
): Promise<number> {
  return deps.uow.run(ctx, async (w) => {
    const revision = await saveRevisionIn(w.tx, w, slug, input);
    afterContentChange(w, deps);
    return revision;
  });
}

async function saveRevisionIn(tx: Tx, ctx: ServiceContext, slug: string, input: PackageSaveBody): Promise<number> {
  await lockPackageContent(tx);
  const current = await currentRevisionNumber(tx, slug);
  if (current !== input.baseRevision) throw staleRevision(current);
  const texts: PackageRevisionTexts = {
    title: { nl: input.title.nl.trim(), en: input.title.en.trim() },
    summary: { nl: input.summary.nl.trim(), en: input.summary.en.trim() },
    body: { nl: input.body.nl.trim(), en: input.body.en.trim() },
  };
  await refuseUnlessValid(tx, texts);
  const note = input.note ? input.note : null;
  const revision = current + 1;
  await publishRevision(tx, {
    slug,
    revision,
    texts,
    source: 'admin',
    authorPersonId: ctx.actor?.personId ?? null,
    note,
  });
  await recordAudit(tx, ctx, {
    action: 'package.part_revised',
    recordType: 'package_part',
    recordId: slug,
    details: { revision, baseRevision: input.baseRevision, withNote: note !== null },
  });
  return revision;
}

/** A restore is a new revision with an earlier one's texts; those are checked again (a linked part may be gone). */
export async function restoreRevision(
  deps: PackageAdminDeps,
  ctx: ServiceContext,
  slug: string,
  from: number,
  input: PackageRestoreBody,
): Promise<number> {
  return deps.uow.run(ctx, async (w) => {
    const revision = await restoreRevisionIn(w.tx, w, slug, from, input);
    afterContentChange(w, deps);
    return revision;
  });
}

async function restoreRevisionIn(
  tx: Tx,
  ctx: ServiceContext,
  slug: string,
  from: number,
  input: PackageRestoreBody,
): Promise<number> {
  await lockPackageContent(tx);
  const current = await currentRevisionNumber(tx, slug);
  if (current !== input.baseRevision) throw staleRevision(current);
  const old = await findRevision(tx, slug, from);
  if (!old) throw notFound('This part has no such revision.');
  const texts = { title: old.title, summary: old.summary, body: old.body };
  await refuseUnlessValid(tx, texts);
  const note = input.note ? input.note : null;
  const revision = current + 1;
  await publishRevision(tx, {
    slug,
    revision,
    texts,
    source: 'admin',
    authorPersonId: ctx.actor?.personId ?? null,
    note,
    restoredFrom: from,
  });
  await recordAudit(tx, ctx, {
    action: 'package.part_restored',
    recordType: 'package_part',
    recordId: slug,
    details: { revision, restoredFrom: from, baseRevision: input.baseRevision },
  });
  return revision;
}

async function currentRevisionNumber(tx: Tx, slug: string): Promise<number> {
  const current = await findRevision(tx, slug);
  if (!current) throw notFound('There is no part of the package with this slug.');
  return current.revision;
}

function staleRevision(current: number): AppError {
  return conflict(
    REVISION_CONFLICT,
    `Someone saved this part after the revision you started from; the current revision is ${current}.`,
  );
}

/** Refuses (422) with every reason, field by field, before anything is written. */
async function refuseUnlessValid(tx: Tx, texts: PackageRevisionTexts): Promise<void> {
  const slugs = await tx.select({ slug: packageParts.slug }).from(packageParts).orderBy(asc(packageParts.position));
  const problems = checkPartTexts(texts, { packageSlugs: slugs.map((row) => row.slug) });
  if (problems.length === 0) return;
  const errors: FieldError[] = problems.map((problem) => ({
    field: `body/${problem.field.replace('.', '/')}`,
    code: problem.code,
    message: describeContentProblem(problem),
  }));
  throw new AppError(
    422,
    CONTENT_CHECK_FAILED,
    'Unprocessable Content',
    'The texts do not pass the content check; nothing was saved.',
    errors,
  );
}
