import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerSetArbitrary } from '../../../test/helpers/zelfscan-answers.ts';
import type { AnswerSet } from './answers.ts';
import { holds } from './conditions.ts';
import { checkQuestionnaire } from './content-check.ts';
import { evaluate, zelfscanResultSchema } from './evaluate.ts';
import { PRIORITIES } from './questionnaire.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from './shipped.ts';

const anyAnswers = answerSetArbitrary(questionnaire);
const tipIds = (answers: AnswerSet) => evaluate(questionnaire, answers).tips.map((tip) => tip.id);
/** Fixed seed: the suite is the same on every run and on CI; a failure can be replayed. */
const SEED = 20261129;

describe('zelfscan engine, for every possible answer set', () => {
  it('gives a valid result: every category once, scores 0-100, tips sorted by priority and unique', () => {
    fc.assert(
      fc.property(anyAnswers, (answers) => {
        const result = zelfscanResultSchema.parse(evaluate(questionnaire, answers));
        expect(result.categories.map((category) => category.category)).toEqual(
          questionnaire.categories.map((category) => category.id),
        );
        const ranks = result.tips.map((tip) => PRIORITIES.indexOf(tip.priority));
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
        expect(new Set(result.tips.map((tip) => tip.id)).size).toBe(result.tips.length);
        for (const category of result.categories) {
          if (category.light === 'green')
            expect(['allGood', 'mostlyGood', 'notApplicable']).toContain(category.explanation);
          if (category.explanation === 'allGood') {
            expect(result.tips.filter((tip) => tip.category === category.category)).toEqual([]);
          }
        }
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('is deterministic: the same answers, in any key order, give the same result', () => {
    fc.assert(
      fc.property(anyAnswers, (answers) => {
        const reversed = {
          version: answers.version,
          answers: Object.fromEntries(Object.entries(answers.answers).reverse()),
        };
        const first = evaluate(questionnaire, answers);
        expect(evaluate(questionnaire, answers)).toEqual(first);
        expect(JSON.stringify(evaluate(questionnaire, reversed))).toBe(JSON.stringify(first));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('gives exactly the tips whose rules hold (the rules are the only source of tips)', () => {
    fc.assert(
      fc.property(anyAnswers, (answers) => {
        const expected = new Set(
          questionnaire.rules.filter((rule) => holds(rule.when, answers.answers)).map((rule) => rule.tip),
        );
        expect(new Set(tipIds(answers))).toEqual(expected);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('can reach every tip: its example answers give it, whatever the other answers are', () => {
    const { examples } = checkQuestionnaire(questionnaire, { packageSlugs: [] });
    for (const tip of questionnaire.tips) {
      const example = examples.get(tip.id);
      expect(example, tip.id).toBeDefined();
      fc.assert(
        fc.property(anyAnswers, (answers) => {
          expect(tipIds({ ...answers, answers: { ...answers.answers, ...example } })).toContain(tip.id);
        }),
        { seed: SEED, numRuns: 50 },
      );
    }
  });

  it('uses every question: for each, some answers exist where changing only it changes the tips', () => {
    for (const question of questionnaire.questions) {
      // fc.check looks for a counterexample to "changing this answer never matters"; finding one is the point.
      const outcome = fc.check(
        fc.property(anyAnswers, fc.nat(), (answers, pick) => {
          const others = question.options.filter((option) => option.id !== answers.answers[question.id]);
          const other = others[pick % others.length]?.id ?? '';
          const changed = { ...answers, answers: { ...answers.answers, [question.id]: other } };
          return JSON.stringify(tipIds(answers)) === JSON.stringify(tipIds(changed));
        }),
        { seed: SEED, numRuns: 2_000 },
      );
      expect(outcome.failed, `${question.id} never changes the tips`).toBe(true);
    }
  });

  it('puts every question in exactly one step (category) that exists', () => {
    const categories = new Set(questionnaire.categories.map((category) => category.id));
    for (const question of questionnaire.questions) expect(categories.has(question.category), question.id).toBe(true);
  });
});
