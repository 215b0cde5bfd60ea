import type { z } from 'zod';
import { classifyLink, type KnownContent } from '../content-links.ts';
import { LOCALES } from '../locale.ts';
import { optionsOf, questionsOf, RuleTooComplexError, type Term, terms } from './conditions.ts';
import { type Condition, type Questionnaire, questionnaireSchema } from './questionnaire.ts';

export type ContentProblemCode =
  | 'invalid'
  | 'missing_translation'
  | 'duplicate_id'
  | 'unknown_category'
  | 'empty_category'
  | 'unknown_question'
  | 'unknown_option'
  | 'unknown_tip'
  | 'rule_never_applies'
  | 'rule_too_complex'
  | 'unreachable_tip'
  | 'question_without_tip'
  | 'invalid_link';

export interface ContentProblem {
  code: ContentProblemCode;
  /** Where, e.g. `tips/home-locks` or `rules/3`. */
  at: string;
  message: string;
}

export interface QuestionnaireCheck {
  problems: ContentProblem[];
  /** The questionnaire, when its shape is valid (even if other problems were found). */
  questionnaire?: Questionnaire;
  /** For each reachable tip, one answer set (partial: only the questions that matter) that gives it. */
  examples: Map<string, Record<string, string>>;
}

/**
 * Everything that must hold before a questionnaire may be published: every text in both languages,
 * rules that point at questions, options and tips that exist, every tip reachable by some answers,
 * every question leading to some tip, and links that go somewhere real. Runs in the unit suite on the
 * shipped content, and is meant to run again when an admin saves a new version.
 */
export function checkQuestionnaire(input: unknown, known: KnownContent): QuestionnaireCheck {
  const parsed = questionnaireSchema.safeParse(input);
  if (!parsed.success) return { problems: schemaProblems(parsed.error), examples: new Map() };
  const questionnaire = parsed.data;
  const problems: ContentProblem[] = [];
  const add = (code: ContentProblemCode, at: string, message: string) => problems.push({ code, at, message });

  const categoryIds = questionnaire.categories.map((category) => category.id);
  const questions = new Map(questionnaire.questions.map((question) => [question.id, question]));
  const tipIds = new Set(questionnaire.tips.map((tip) => tip.id));

  for (const [kind, ids] of [
    ['categories', categoryIds],
    ['questions', questionnaire.questions.map((question) => question.id)],
    ['tips', questionnaire.tips.map((tip) => tip.id)],
  ] as const) {
    for (const id of duplicates(ids)) add('duplicate_id', `${kind}/${id}`, `"${id}" is used more than once`);
  }
  for (const question of questionnaire.questions) {
    for (const id of duplicates(question.options.map((option) => option.id))) {
      add('duplicate_id', `questions/${question.id}/options/${id}`, `option "${id}" is used more than once`);
    }
    if (!categoryIds.includes(question.category)) {
      add('unknown_category', `questions/${question.id}`, `category "${question.category}" does not exist`);
    }
  }
  for (const category of categoryIds) {
    if (!questionnaire.questions.some((question) => question.category === category)) {
      add('empty_category', `categories/${category}`, 'no question belongs to this category');
    }
  }
  for (const tip of questionnaire.tips) {
    if (!categoryIds.includes(tip.category))
      add('unknown_category', `tips/${tip.id}`, `category "${tip.category}" does not exist`);
    if (tip.link && !classifyLink(tip.link.href, known)) {
      add(
        'invalid_link',
        `tips/${tip.id}/link`,
        `"${tip.link.href}" is not a page of Weerbaar that exists, nor an https address`,
      );
    }
  }

  // Rules: references first; only rules that make sense take part in the reachability checks.
  const examples = new Map<string, Record<string, string>>();
  const questionsWithTip = new Set<string>();
  for (const [index, rule] of questionnaire.rules.entries()) {
    const at = `rules/${index}`;
    let sound = true;
    if (!tipIds.has(rule.tip)) {
      add('unknown_tip', at, `tip "${rule.tip}" does not exist`);
      sound = false;
    }
    for (const { question, option } of optionsOf(rule.when)) {
      const known = questions.get(question);
      if (!known) {
        add('unknown_question', at, `question "${question}" does not exist`);
        sound = false;
      } else if (!known.options.some((candidate) => candidate.id === option)) {
        add('unknown_option', at, `question "${question}" has no option "${option}"`);
        sound = false;
      }
    }
    if (!sound) continue;
    const ways = satisfyingTerms(rule.when);
    if (ways === 'too_complex') {
      add('rule_too_complex', at, 'this rule has too many combinations to check');
      continue;
    }
    const [first] = ways;
    if (!first) {
      add('rule_never_applies', at, 'no set of answers satisfies this rule');
      continue;
    }
    if (!examples.has(rule.tip)) examples.set(rule.tip, example(first));
    for (const question of questionsOf(rule.when)) questionsWithTip.add(question);
  }

  for (const tip of questionnaire.tips) {
    if (!examples.has(tip.id)) add('unreachable_tip', `tips/${tip.id}`, 'no set of answers leads to this tip');
  }
  for (const question of questionnaire.questions) {
    if (!questionsWithTip.has(question.id)) {
      add('question_without_tip', `questions/${question.id}`, 'no rule looks at this question, so it leads to no tip');
    }
  }
  return { problems, questionnaire, examples };
}

function satisfyingTerms(condition: Condition): Term[] | 'too_complex' {
  try {
    return terms(condition);
  } catch (error) {
    if (error instanceof RuleTooComplexError) return 'too_complex';
    throw error;
  }
}

/** One concrete way to satisfy a term: the first allowed option of each question it names. */
function example(term: Term): Record<string, string> {
  return Object.fromEntries([...term].map(([question, options]) => [question, [...options][0] ?? '']));
}

function duplicates(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}

/** Schema errors, with a missing or empty `nl`/`en` text named as a missing translation. */
function schemaProblems(error: z.ZodError): ContentProblem[] {
  return error.issues.map((issue) => {
    const at = issue.path.join('/');
    const last = issue.path.at(-1);
    const translation = typeof last === 'string' && (LOCALES as readonly string[]).includes(last);
    return translation
      ? {
          code: 'missing_translation',
          at,
          message: `the ${last === 'nl' ? 'Dutch' : 'English'} text is missing or empty`,
        }
      : { code: 'invalid', at, message: issue.message };
  });
}
