import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkQuestionnaire } from './content-check.ts';
import type { Questionnaire } from './questionnaire.ts';
import { SHIPPED_QUESTIONNAIRE } from './shipped.ts';

const parts = JSON.parse(readFileSync(new URL('../../../content/package/parts.json', import.meta.url), 'utf8')) as {
  parts: { slug: string }[];
};
const known = { packageSlugs: parts.parts.map((part) => part.slug) };

/** A deep copy of the shipped questionnaire to break on purpose. */
const copy = (): Questionnaire => structuredClone(SHIPPED_QUESTIONNAIRE);
const codes = (input: unknown) => checkQuestionnaire(input, known).problems.map((problem) => problem.code);

describe('the shipped zelfscan questionnaire', () => {
  it('passes the content check without a single problem', () => {
    const { problems } = checkQuestionnaire(SHIPPED_QUESTIONNAIRE, known);
    expect(problems).toEqual([]);
  });

  it('has about 18 questions in the four categories of the CCV zelfscan, each step with questions', () => {
    expect(SHIPPED_QUESTIONNAIRE.categories.map((category) => category.id)).toEqual([
      'home',
      'family',
      'digital',
      'road',
    ]);
    expect(SHIPPED_QUESTIONNAIRE.questions).toHaveLength(18);
  });

  it('links tips to the services of the package', () => {
    const links = SHIPPED_QUESTIONNAIRE.tips.flatMap((tip) => (tip.link ? [tip.link.href] : []));
    expect(links).toEqual(
      expect.arrayContaining([
        '/pakket/woningscan-en-zelfscan',
        '/pakket/ondersteuningsteam',
        '/pakket/training',
        '/pakket/aangifte-melden-schade',
      ]),
    );
  });
});

describe('checkQuestionnaire flags', () => {
  it('a missing or empty translation', () => {
    const broken = copy();
    const [tip] = broken.tips;
    const question = broken.questions[2];
    if (!tip || !question) throw new Error('the content has too few tips or questions');
    delete (tip.title as Partial<Record<string, string>>).en;
    question.text.nl = '  ';
    const { problems } = checkQuestionnaire(broken, known);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'missing_translation', at: 'questions/2/text/nl' }),
      expect.objectContaining({ code: 'missing_translation', at: 'tips/0/title/en' }),
    ]);
  });

  it('a tip that no answer set can trigger', () => {
    const broken = copy();
    broken.rules = broken.rules.filter((rule) => rule.tip !== 'home-alarm');
    expect(codes(broken)).toEqual(['unreachable_tip']);

    // A rule that contradicts itself does not make its tip reachable either.
    const contradicting = copy();
    contradicting.rules = contradicting.rules.map((rule) =>
      rule.tip === 'home-alarm'
        ? {
            tip: 'home-alarm',
            when: {
              all: [
                { question: 'home-alarm', in: ['none'] },
                { question: 'home-alarm', in: ['local'] },
              ],
            },
          }
        : rule,
    );
    expect(codes(contradicting)).toEqual(['rule_never_applies', 'unreachable_tip']);
  });

  it('a question that leads to no tip', () => {
    const broken = copy();
    broken.rules = broken.rules.filter((rule) => rule.tip !== 'family-school');
    broken.tips = broken.tips.filter((tip) => tip.id !== 'family-school');
    const { problems } = checkQuestionnaire(broken, known);
    expect(problems).toEqual([
      expect.objectContaining({ code: 'question_without_tip', at: 'questions/family-school' }),
    ]);
  });

  it('rules referring to unknown questions, options or tips', () => {
    const broken = copy();
    broken.rules.push({ tip: 'no-such-tip', when: { question: 'home-alarm', in: ['none'] } });
    broken.rules.push({ tip: 'home-alarm', when: { question: 'no-such-question', in: ['x'] } });
    broken.rules.push({ tip: 'home-alarm', when: { any: [{ question: 'home-alarm', in: ['sometimes'] }] } });
    expect(codes(broken)).toEqual(['unknown_tip', 'unknown_question', 'unknown_option']);
  });

  it('links to pages that do not exist, and links that are not https', () => {
    const broken = copy();
    const [first, second, third] = broken.tips.filter((tip) => tip.link);
    if (!first?.link || !second?.link || !third?.link) throw new Error('the content has too few links');
    first.link.href = '/pakket/bestaat-niet';
    second.link.href = 'http://example.org';
    third.link.href = 'javascript:alert(1)';
    expect(codes(broken)).toEqual(['invalid_link', 'invalid_link', 'invalid_link']);
  });

  it('duplicate ids, unknown and empty categories', () => {
    const broken = copy();
    broken.tips.push({ ...(broken.tips[0] as Questionnaire['tips'][number]) });
    broken.categories.push({ id: 'extra', title: { nl: 'Extra', en: 'Extra' }, intro: { nl: 'x', en: 'x' } });
    (broken.questions[0] as Questionnaire['questions'][number]).category = 'elsewhere';
    expect(codes(broken)).toEqual(expect.arrayContaining(['duplicate_id', 'unknown_category', 'empty_category']));
  });

  it('a shape that is not a questionnaire at all', () => {
    expect(codes({ version: 'one' })).toContain('invalid');
    expect(codes(null)).toEqual(['invalid']);
  });

  it('gives an example answer for every reachable tip', () => {
    const { examples } = checkQuestionnaire(SHIPPED_QUESTIONNAIRE, known);
    expect([...examples.keys()].sort()).toEqual(SHIPPED_QUESTIONNAIRE.tips.map((tip) => tip.id).sort());
  });
});
