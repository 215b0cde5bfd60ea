import { z } from 'zod';
import { LOCALES } from './locale.ts';
import { categoryResultSchema, tipResultSchema } from './zelfscan/evaluate.ts';

/**
 * The API of saved zelfscan results (/api/me/zelfscan/results). The answers are checked on the server
 * against the questionnaire that ships with this version (validateAnswerSet); the shape here is loose on
 * purpose, so a wrong answer gets a field error from that check.
 */
export const saveZelfscanResultBodySchema = z
  .object({
    questionnaireVersion: z.string().min(1).max(50),
    answers: z.record(z.string().max(100), z.string().max(100)),
  })
  .strict();
export type SaveZelfscanResultBody = z.infer<typeof saveZelfscanResultBodySchema>;

/** A calendar date, YYYY-MM-DD. */
export const plannedDateSchema = z.iso.date();

export const actionStateSchema = z.object({
  tipId: z.string(),
  done: z.boolean(),
  plannedFor: plannedDateSchema.nullable(),
});
export type ActionState = z.infer<typeof actionStateSchema>;

export const savedResultSummarySchema = z.object({
  id: z.uuid(),
  questionnaireVersion: z.string(),
  createdAt: z.iso.datetime(),
  categories: z.array(categoryResultSchema),
  tipCount: z.number().int().min(0),
  doneCount: z.number().int().min(0),
});
export type SavedResultSummary = z.infer<typeof savedResultSummarySchema>;

export const savedResultSchema = z.object({
  id: z.uuid(),
  questionnaireVersion: z.string(),
  createdAt: z.iso.datetime(),
  categories: z.array(categoryResultSchema),
  tips: z.array(tipResultSchema),
  /** One per tip, in the tips' order. */
  actions: z.array(actionStateSchema),
});
export type SavedResult = z.infer<typeof savedResultSchema>;

export const savedResultResponseSchema = z.object({ result: savedResultSchema });
export const savedResultsResponseSchema = z.object({ results: z.array(savedResultSummarySchema) });

export const resultIdParamsSchema = z.object({ id: z.uuid() });
export const actionParamsSchema = z.object({ id: z.uuid(), tipId: z.string().min(1).max(100) });

export const updateActionBodySchema = z
  .object({ done: z.boolean().optional(), plannedFor: plannedDateSchema.nullable().optional() })
  .strict()
  .refine((body) => body.done !== undefined || body.plannedFor !== undefined, {
    message: 'Give done, plannedFor or both.',
  });
export type UpdateActionBody = z.infer<typeof updateActionBodySchema>;
export const actionResponseSchema = z.object({ action: actionStateSchema });

/** GET /api/me/zelfscan/results/:id/pdf?lang=nl|en (Dutch when left out, as the other PDFs). */
export const resultPdfQuerySchema = z.object({ lang: z.enum(LOCALES).default('nl') });

/**
 * GET /api/cases/:caseId/support/zelfscan: the result the requester shared with their support request,
 * evaluated (lights, tips, the action plan's state; never the answers). `shared` is null only for the
 * requester when nothing is shared (any other reader gets 404 then).
 */
export const sharedZelfscanResponseSchema = z.object({
  shared: z.object({ sharedAt: z.iso.datetime(), result: savedResultSchema }).nullable(),
});
export type SharedZelfscanResponse = z.infer<typeof sharedZelfscanResponseSchema>;
