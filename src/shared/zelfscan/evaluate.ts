import { z } from 'zod';
import { type AnswerSet, InvalidAnswersError, validateAnswerSet } from './answers.ts';
import { holds } from './conditions.ts';
import { LIGHTS, type Light, PRIORITIES, type Questionnaire } from './questionnaire.ts';

/**
 * Why a category got its light; the web app turns the key into a sentence. `urgentTip`: the score alone
 * would be green, but a high-priority tip in this category needs attention first.
 */
export const EXPLANATIONS = [
  'allGood',
  'mostlyGood',
  'someAttention',
  'urgentTip',
  'muchAttention',
  'notApplicable',
] as const;
export type Explanation = (typeof EXPLANATIONS)[number];

export const categoryResultSchema = z.object({
  category: z.string(),
  /** 0-100, how much of what can be in place is in place; null when no question applied. */
  score: z.number().int().min(0).max(100).nullable(),
  light: z.enum(LIGHTS),
  explanation: z.enum(EXPLANATIONS),
});

export const tipResultSchema = z.object({
  id: z.string(),
  category: z.string(),
  priority: z.enum(PRIORITIES),
});

/** What a scan yields: ids only, so it is small to keep and the texts follow the reader's language. */
export const zelfscanResultSchema = z.object({
  version: z.string(),
  categories: z.array(categoryResultSchema),
  tips: z.array(tipResultSchema),
});

export type CategoryResult = z.infer<typeof categoryResultSchema>;
export type TipResult = z.infer<typeof tipResultSchema>;
export type ZelfscanResult = z.infer<typeof zelfscanResultSchema>;

const priorityRank = (priority: TipResult['priority']) => PRIORITIES.indexOf(priority);

/**
 * Turns an answer set into a result: per category a score, a light and an explanation; and the tips the
 * rules give, high priority first, then in category order, then in content order. Pure and
 * deterministic: the same answers always give the same result, in the browser and on the server.
 */
export function evaluate(questionnaire: Questionnaire, input: AnswerSet | unknown): ZelfscanResult {
  const validation = validateAnswerSet(questionnaire, input);
  if (!validation.success) throw new InvalidAnswersError(validation.issues);
  const { answers } = validation.data;

  const triggered = new Set(questionnaire.rules.filter((rule) => holds(rule.when, answers)).map((rule) => rule.tip));
  const categoryOrder = questionnaire.categories.map((category) => category.id);
  const tips = questionnaire.tips
    .map((tip, index) => ({ tip, index }))
    .filter(({ tip }) => triggered.has(tip.id))
    .sort(
      (a, b) =>
        priorityRank(a.tip.priority) - priorityRank(b.tip.priority) ||
        categoryOrder.indexOf(a.tip.category) - categoryOrder.indexOf(b.tip.category) ||
        a.index - b.index,
    )
    .map(({ tip }) => ({ id: tip.id, category: tip.category, priority: tip.priority }));

  const categories = questionnaire.categories.map((category): CategoryResult => {
    let points = 0;
    let possible = 0;
    for (const question of questionnaire.questions.filter((q) => q.category === category.id)) {
      const chosen = question.options.find((option) => option.id === answers[question.id]);
      if (!chosen || chosen.points === null) continue;
      points += chosen.points;
      possible += Math.max(...question.options.map((option) => option.points ?? 0));
    }
    const own = tips.filter((tip) => tip.category === category.id);
    if (possible === 0) return { category: category.id, score: null, light: 'green', explanation: 'notApplicable' };
    const score = Math.round((100 * points) / possible);
    const byScore: Light =
      score >= questionnaire.thresholds.green ? 'green' : score >= questionnaire.thresholds.orange ? 'orange' : 'red';
    if (byScore === 'red') return { category: category.id, score, light: 'red', explanation: 'muchAttention' };
    if (own.some((tip) => tip.priority === 'high')) {
      return { category: category.id, score, light: 'orange', explanation: 'urgentTip' };
    }
    if (byScore === 'orange') return { category: category.id, score, light: 'orange', explanation: 'someAttention' };
    return { category: category.id, score, light: 'green', explanation: own.length > 0 ? 'mostlyGood' : 'allGood' };
  });

  return { version: questionnaire.version, categories, tips };
}
