import { randomUUID } from 'node:crypto';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Locale } from '../../../shared/locale.ts';
import { validateAnswerSet } from '../../../shared/zelfscan/answers.ts';
import { evaluate, type ZelfscanResult } from '../../../shared/zelfscan/evaluate.ts';
import type { Questionnaire } from '../../../shared/zelfscan/questionnaire.ts';
import type { ActionState, SavedResult, SavedResultSummary, UpdateActionBody } from '../../../shared/zelfscan-api.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { badRequest, notFound, unauthorized } from '../../lib/errors.ts';
import { type AccessRules, authorize } from '../../lib/policy.ts';
import type { UnitOfWork, Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { zelfscanResults } from './db.ts';
import { renderZelfscanPdf, zelfscanPdfFileName } from './pdf.ts';

/** What reading a result needs: the keys (results are encrypted) and the questionnaire that evaluates it. */
export interface ZelfscanContent {
  keyring: Keyring;
  questionnaire: Questionnaire;
}

/** What the routes' services need besides: the one unit of work, and the address printed in the PDF. */
export interface ZelfscanDeps extends ZelfscanContent {
  uow: UnitOfWork;
  publicUrl: string;
}

type Action = 'read' | 'updateActions' | 'delete';

/** Only the person who saved a result sees it or works on its plan: no staff, no admin, no relative. */
export const ZELFSCAN_RESULT_RULES: AccessRules<Action> = {
  read: { relations: ['owner'] },
  updateActions: { relations: ['owner'] },
  delete: { relations: ['owner'] },
};

export const zelfscanAad = {
  answers: (id: string) => contextAad('zelfscan_result', 'answers', id),
  actions: (id: string) => contextAad('zelfscan_result', 'actions', id),
};

type StoredActions = Record<string, { done: boolean; plannedFor: string | null }>;
type Row = typeof zelfscanResults.$inferSelect;

function requireActor(ctx: ServiceContext) {
  if (!ctx.actor) throw unauthorized();
  return ctx.actor;
}

type ResultInput = { questionnaireVersion: string; answers: Record<string, string> };

/** Saves my result, in one unit of work. */
export async function saveResult(deps: ZelfscanDeps, ctx: ServiceContext, input: ResultInput): Promise<SavedResult> {
  return deps.uow.run(ctx, (w) => saveResultIn(w, deps, input));
}

/** Checks the answers against the questionnaire this version ships; 400 with field errors otherwise. */
export async function saveResultIn(w: Work, deps: ZelfscanContent, input: ResultInput): Promise<SavedResult> {
  const actor = requireActor(w);
  const validation = validateAnswerSet(deps.questionnaire, {
    version: input.questionnaireVersion,
    answers: input.answers,
  });
  if (!validation.success) {
    throw badRequest(
      'invalid_answers',
      'The answers do not fit the current zelfscan.',
      validation.issues.map((issue) => ({
        field: issue.path === 'version' ? 'questionnaireVersion' : issue.path || 'answers',
        message: issue.message,
        code: issue.path === 'version' ? 'unknown_version' : 'invalid_answer',
      })),
    );
  }
  const id = randomUUID();
  const [row] = await w.tx
    .insert(zelfscanResults)
    .values({
      id,
      personId: actor.personId,
      questionnaireVersion: validation.data.version,
      answersEnvelope: deps.keyring.encrypt(JSON.stringify(validation.data.answers), zelfscanAad.answers(id)),
      actionsEnvelope: deps.keyring.encrypt('{}', zelfscanAad.actions(id)),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return toSavedResult(row, deps);
}

export async function listResults(deps: ZelfscanDeps, ctx: ServiceContext): Promise<SavedResultSummary[]> {
  const actor = requireActor(ctx);
  const rows = await deps.uow.db
    .select()
    .from(zelfscanResults)
    .where(eq(zelfscanResults.personId, actor.personId))
    .orderBy(desc(zelfscanResults.createdAt), desc(zelfscanResults.id));
  return rows.map((row) => {
    authorize(actor, 'read', { ownerIds: [row.personId] }, ZELFSCAN_RESULT_RULES);
    const full = toSavedResult(row, deps);
    return {
      id: full.id,
      questionnaireVersion: full.questionnaireVersion,
      createdAt: full.createdAt,
      categories: full.categories,
      tipCount: full.tips.length,
      doneCount: full.actions.filter((action) => action.done).length,
    };
  });
}

async function loadAuthorized(db: DbOrTx, ctx: ServiceContext, id: string, action: Action, lock = false) {
  const actor = requireActor(ctx);
  const query = db.select().from(zelfscanResults).where(eq(zelfscanResults.id, id));
  const [row] = lock ? await query.for('update') : await query;
  authorize(actor, action, row ? { ownerIds: [row.personId] } : null, ZELFSCAN_RESULT_RULES);
  if (!row) throw notFound();
  return row;
}

export async function getResult(deps: ZelfscanDeps, ctx: ServiceContext, id: string) {
  return toSavedResult(await loadAuthorized(deps.uow.db, ctx, id, 'read'), deps);
}

/** Ticks off or plans a tip of my action plan, in one unit of work. */
export async function updateAction(
  deps: ZelfscanDeps,
  ctx: ServiceContext,
  id: string,
  tipId: string,
  body: UpdateActionBody,
): Promise<ActionState> {
  return deps.uow.run(ctx, (w) => updateActionIn(w, deps, id, tipId, body));
}

export async function updateActionIn(
  w: Work,
  deps: ZelfscanContent,
  id: string,
  tipId: string,
  body: UpdateActionBody,
): Promise<ActionState> {
  const row = await loadAuthorized(w.tx, w, id, 'updateActions', true);
  const result = evaluateRow(row, deps);
  if (!result.tips.some((tip) => tip.id === tipId)) throw notFound('This result has no such tip.');
  const actions = readActions(row, deps);
  const current = actions[tipId] ?? { done: false, plannedFor: null };
  const next = {
    done: body.done ?? current.done,
    plannedFor: body.plannedFor === undefined ? current.plannedFor : body.plannedFor,
  };
  actions[tipId] = next;
  await w.tx
    .update(zelfscanResults)
    .set({
      actionsEnvelope: deps.keyring.encrypt(JSON.stringify(actions), zelfscanAad.actions(row.id)),
      updatedAt: new Date(),
    })
    .where(eq(zelfscanResults.id, row.id));
  return { tipId, ...next };
}

/**
 * Deletes one of my saved results for good (owner only; anyone else's id is the same 404). A support
 * case that pointed at it keeps only the dangling reference, which shows nothing to anyone any more.
 */
export async function deleteResult(deps: ZelfscanDeps, ctx: ServiceContext, id: string): Promise<void> {
  await deps.uow.run(ctx, async (w) => {
    const row = await loadAuthorized(w.tx, w, id, 'delete', true);
    await w.tx.delete(zelfscanResults).where(eq(zelfscanResults.id, row.id));
    await recordAudit(w.tx, w, {
      action: 'zelfscan.result_deleted',
      subjectPersonId: row.personId,
      recordType: 'zelfscan_result',
      recordId: row.id,
    });
  });
}

/**
 * One of my results with the one saved before it (for the change per category), for the PDF. Owner
 * only, through the policy helper: anyone else's id answers the same 404 as a missing one.
 */
async function getResultWithPrevious(
  db: DbOrTx,
  ctx: ServiceContext,
  deps: ZelfscanContent,
  id: string,
): Promise<{ result: SavedResult; previous: SavedResultSummary | null }> {
  const row = await loadAuthorized(db, ctx, id, 'read');
  const [before] = await db
    .select()
    .from(zelfscanResults)
    .where(and(eq(zelfscanResults.personId, row.personId), lt(zelfscanResults.createdAt, row.createdAt)))
    .orderBy(desc(zelfscanResults.createdAt), desc(zelfscanResults.id))
    .limit(1);
  const result = toSavedResult(row, deps);
  if (!before) return { result, previous: null };
  const earlier = toSavedResult(before, deps);
  return {
    result,
    previous: {
      id: earlier.id,
      questionnaireVersion: earlier.questionnaireVersion,
      createdAt: earlier.createdAt,
      categories: earlier.categories,
      tipCount: earlier.tips.length,
      doneCount: earlier.actions.filter((action) => action.done).length,
    },
  };
}

/** One of my results as a PDF, with the action plan and the change since the result before it. */
export async function resultPdf(
  deps: ZelfscanDeps,
  ctx: ServiceContext,
  id: string,
  lang: Locale,
): Promise<{ pdf: Buffer; fileName: string }> {
  const { result, previous } = await getResultWithPrevious(deps.uow.db, ctx, deps, id);
  const pdf = await renderZelfscanPdf({
    lang,
    publicUrl: deps.publicUrl,
    questionnaire: deps.questionnaire,
    result,
    previous,
  });
  return { pdf, fileName: zelfscanPdfFileName(lang, result) };
}

/**
 * For the support module: the result a case points at, evaluated (lights, tips, the action plan's
 * state; never the answers), or null when it no longer exists or is not the requester's. The caller
 * has decided, through the case's policy, that the reader may see what the requester shared.
 */
export async function sharedResult(
  db: DbOrTx,
  deps: ZelfscanContent,
  resultId: string,
  ownerId: string,
): Promise<SavedResult | null> {
  const [row] = await db.select().from(zelfscanResults).where(eq(zelfscanResults.id, resultId));
  if (!row || row.personId !== ownerId) return null;
  return toSavedResult(row, deps);
}

/** For the support module: may a case point at this result (it exists and is theirs)? */
export async function resultOwnedBy(db: DbOrTx, resultId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: zelfscanResults.personId })
    .from(zelfscanResults)
    .where(eq(zelfscanResults.id, resultId));
  return row?.personId === personId;
}

function readActions(row: Row, deps: ZelfscanContent): StoredActions {
  return JSON.parse(deps.keyring.decryptString(row.actionsEnvelope, zelfscanAad.actions(row.id))) as StoredActions;
}

function evaluateRow(row: Row, deps: ZelfscanContent): ZelfscanResult {
  const answers = JSON.parse(deps.keyring.decryptString(row.answersEnvelope, zelfscanAad.answers(row.id)));
  if (row.questionnaireVersion !== deps.questionnaire.version) {
    // A result of an earlier questionnaire: its answers no longer fit the current rules.
    return { version: row.questionnaireVersion, categories: [], tips: [] };
  }
  return evaluate(deps.questionnaire, { version: row.questionnaireVersion, answers });
}

export function toSavedResult(row: Row, deps: ZelfscanContent): SavedResult {
  const result = evaluateRow(row, deps);
  const actions = readActions(row, deps);
  return {
    id: row.id,
    questionnaireVersion: row.questionnaireVersion,
    createdAt: row.createdAt.toISOString(),
    categories: result.categories,
    tips: result.tips,
    actions: result.tips.map((tip) => ({
      tipId: tip.id,
      done: actions[tip.id]?.done ?? false,
      plannedFor: actions[tip.id]?.plannedFor ?? null,
    })),
  };
}
