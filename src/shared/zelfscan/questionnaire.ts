import { z } from 'zod';
import { localizedTextSchema } from '../locale.ts';

/**
 * The zelfscan's questions, answers, tips and the rules between them are content
 * (content/zelfscan/questionnaire.json), not code. This is its shape; checkQuestionnaire() adds the
 * checks a schema cannot express (reachable tips, rules that point at real questions, ...).
 */
export const PRIORITIES = ['high', 'medium', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LIGHTS = ['green', 'orange', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is lower-case words joined by hyphens');

export const optionSchema = z
  .object({
    id: idSchema,
    label: localizedTextSchema,
    /** How safe this answer is; higher is safer. null: the question does not apply (not counted). */
    points: z.number().int().min(0).max(10).nullable(),
  })
  .strict();

export const questionSchema = z
  .object({
    id: idSchema,
    category: idSchema,
    text: localizedTextSchema,
    /** Optional help shown under the question. */
    hint: localizedTextSchema.optional(),
    options: z.array(optionSchema).min(2).max(6),
  })
  .strict();

export const categorySchema = z
  .object({
    id: idSchema,
    title: localizedTextSchema,
    intro: localizedTextSchema,
  })
  .strict();

export const tipLinkSchema = z
  .object({
    /** A page of Weerbaar (checked against the app's paths) or an https address. */
    href: z.string().min(1).max(500),
    label: localizedTextSchema,
  })
  .strict();

export const tipSchema = z
  .object({
    id: idSchema,
    category: idSchema,
    priority: z.enum(PRIORITIES),
    title: localizedTextSchema,
    body: localizedTextSchema,
    link: tipLinkSchema.optional(),
  })
  .strict();

/**
 * When a rule applies: a question answered with one of the options, or all/any of other conditions.
 * Declarative on purpose, so the content check can reason about it (which answers reach which tip).
 */
export type Condition = { question: string; in: string[] } | { all: Condition[] } | { any: Condition[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ question: idSchema, in: z.array(idSchema).min(1) }).strict(),
    z.object({ all: z.array(conditionSchema).min(1).max(10) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1).max(10) }).strict(),
  ]),
);

export const ruleSchema = z.object({ tip: idSchema, when: conditionSchema }).strict();

export const questionnaireSchema = z
  .object({
    $comment: z.string().optional(),
    /** Bumped on every change of questions or options; an answer set names the version it answers. */
    version: z.string().regex(/^\d{4}-\d{2}-\d{2}\.\d+$/, 'a version is a date and a number, e.g. 2026-11-29.1'),
    /** A category's light: green from this score (0-100) up, orange from that one up, red below. */
    thresholds: z
      .object({ green: z.number().int().min(1).max(100), orange: z.number().int().min(0).max(99) })
      .strict()
      .refine((t) => t.orange < t.green, 'the orange threshold must be below the green one'),
    categories: z.array(categorySchema).min(1),
    questions: z.array(questionSchema).min(1),
    tips: z.array(tipSchema).min(1),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

export type Questionnaire = z.infer<typeof questionnaireSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Tip = z.infer<typeof tipSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Rule = z.infer<typeof ruleSchema>;
