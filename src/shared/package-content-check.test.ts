import { describe, expect, it } from 'vitest';
import { checkPartTexts, describeContentProblem } from './package-content-check.ts';

const BODY = 'Tekst.\n\n## Wat kunt u nu doen?\n\n- Bel [112](tel:112).\n';
const texts = {
  title: { nl: 'Titel', en: 'Title' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
  body: { nl: BODY, en: BODY },
};
const known = { packageSlugs: ['a'] };

describe('checkPartTexts (the content check of a save and of the shipped files)', () => {
  it('accepts complete texts', () => {
    expect(checkPartTexts(texts, known)).toEqual([]);
  });

  it('names the field and the reason of every problem, Dutch fields first', () => {
    const problems = checkPartTexts(
      {
        title: { nl: 'x'.repeat(121), en: ' ' },
        summary: { nl: 'Met <b>vet</b>', en: 'Summary' },
        body: { nl: `Zie [b](/pakket/b).\n\n${BODY}`, en: '' },
      },
      known,
    );
    expect(problems.map((p) => [p.field, p.code])).toEqual([
      ['title.nl', 'too_long'],
      ['summary.nl', 'raw_html'],
      ['body.nl', 'link_not_allowed'],
      ['title.en', 'empty'],
      ['body.en', 'empty'],
    ]);
    expect(problems[2]?.source).toBe('/pakket/b');
    expect(describeContentProblem(problems[0] ?? { code: 'empty' })).toBe('the text is longer than 120 characters');
  });

  it('refuses headings out of range and a missing closing section', () => {
    const problems = checkPartTexts({ ...texts, body: { nl: '# Kop\n\nTekst.', en: BODY } }, known);
    expect(problems.map((p) => p.code)).toEqual(['heading_level', 'missing_next_steps']);
  });
});
