import fc from 'fast-check';
import type { AnswerSet } from '../../src/shared/zelfscan/answers.ts';
import type { Questionnaire } from '../../src/shared/zelfscan/questionnaire.ts';

/** Any complete answer set for the questionnaire: one option per question. For property tests. */
export function answerSetArbitrary(questionnaire: Questionnaire): fc.Arbitrary<AnswerSet> {
  const answers = Object.fromEntries(
    questionnaire.questions.map((question) => [
      question.id,
      fc.constantFrom(...question.options.map((option) => option.id)),
    ]),
  );
  return fc.record(answers).map((chosen) => ({ version: questionnaire.version, answers: chosen }));
}

/** Every question answered with the option at `index` (clamped): handy fixed answer sets for examples. */
export function uniformAnswers(questionnaire: Questionnaire, pick: 'first' | 'last'): AnswerSet {
  return {
    version: questionnaire.version,
    answers: Object.fromEntries(
      questionnaire.questions.map((question) => {
        const option = pick === 'first' ? question.options[0] : question.options.at(-1);
        return [question.id, option?.id ?? ''];
      }),
    ),
  };
}
