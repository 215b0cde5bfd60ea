import type { Catalogue } from './types.ts';

/** Problem codes of the zelfscan module (saved results and their action plans). */
export const ZELFSCAN_PROBLEMS = {
  invalid_answers: {
    nl: 'De antwoorden passen niet bij de zelfscan van nu. Doe de zelfscan opnieuw.',
    en: 'The answers do not fit the current self-scan. Please take the self-scan again.',
  },
} as const satisfies Catalogue;
