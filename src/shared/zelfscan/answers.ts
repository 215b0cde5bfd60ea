import { z } from 'zod';
import type { Questionnaire } from './questionnaire.ts';

/** A complete set of answers to one version of the questionnaire. */
export interface AnswerSet {
  version: string;
  answers: Record<string, string>;
}

function answerShape(questionnaire: Questionnaire) {
  return Object.fromEntries(
    questionnaire.questions.map((question) => {
      const [first, ...rest] = question.options.map((option) => option.id);
      return [question.id, z.enum([first ?? '', ...rest])];
    }),
  );
}

/** Every question answered with one of its own options, for exactly this version; nothing else. */
export function answerSetSchema(questionnaire: Questionnaire) {
  return z
    .object({ version: z.literal(questionnaire.version), answers: z.object(answerShape(questionnaire)).strict() })
    .strict();
}

/** Answers given so far (a scan in progress, e.g. restored from the browser's session storage). */
export function partialAnswerSetSchema(questionnaire: Questionnaire) {
  return z
    .object({
      version: z.literal(questionnaire.version),
      answers: z.object(answerShape(questionnaire)).partial().strict(),
    })
    .strict();
}

export interface AnswerIssue {
  /** e.g. `answers/home-locks`, or `version`. */
  path: string;
  message: string;
}

export type AnswerValidation = { success: true; data: AnswerSet } | { success: false; issues: AnswerIssue[] };

export function validateAnswerSet(questionnaire: Questionnaire, input: unknown): AnswerValidation {
  const parsed = answerSetSchema(questionnaire).safeParse(input);
  if (parsed.success) return { success: true, data: parsed.data as AnswerSet };
  return {
    success: false,
    issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('/'), message: issue.message })),
  };
}

export class InvalidAnswersError extends Error {
  readonly issues: AnswerIssue[];

  constructor(issues: AnswerIssue[]) {
    super(
      `The answers do not fit the questionnaire: ${issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
    );
    this.name = 'InvalidAnswersError';
    this.issues = issues;
  }
}
