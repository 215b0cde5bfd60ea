import { describe, expect, it } from 'vitest';
import { ZELFSCAN_PDF_TEXTS, type ZelfscanPdfTexts } from '../../src/server/lib/texts/index.ts';
import type { Locale } from '../../src/shared/locale.ts';
import { EXPLANATIONS } from '../../src/shared/zelfscan/evaluate.ts';
import { LIGHTS, PRIORITIES } from '../../src/shared/zelfscan/questionnaire.ts';
import enScan from '../../src/web/i18n/locales/en/zelfscan.json' with { type: 'json' };
import enSaved from '../../src/web/i18n/locales/en/zelfscan-saved.json' with { type: 'json' };
import nlScan from '../../src/web/i18n/locales/nl/zelfscan.json' with { type: 'json' };
import nlSaved from '../../src/web/i18n/locales/nl/zelfscan-saved.json' with { type: 'json' };

/**
 * The zelfscan PDF (server text catalogue) and the result pages (web catalogue) must say the same thing
 * in the same words: a light, an explanation, a tip's priority, the action plan, the change since last
 * time. The server never imports the web catalogue, so this test holds the two together. Texts with
 * placeholders are compared by filling in the web's own `{{name}}` placeholders.
 */
const WEB = { nl: { ...nlScan, ...nlSaved }, en: { ...enScan, ...enSaved } } as const;

function web(locale: Locale, key: string): string {
  let node: unknown = WEB[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`the web catalogue has no text ${key}`);
  return node;
}

/** Server text → the web key that must say the same. */
function pairs(t: ZelfscanPdfTexts): [string, string][] {
  return [
    [t.categoriesHeading, 'zelfscan.result.categoriesHeading'],
    ...LIGHTS.map((light): [string, string] => [t.light[light], `zelfscan.result.light.${light}`]),
    ...EXPLANATIONS.map((key): [string, string] => [t.explanation[key], `zelfscan.result.explanation.${key}`]),
    [t.meaningHeading, 'zelfscan.result.meaningHeading'],
    [t.meaning, 'zelfscan.result.meaning'],
    [t.tipsHeading(1), 'zelfscan.result.tipsHeading_one'],
    [t.tipsHeading(2), 'zelfscan.result.tipsHeading_other'],
    [t.tipsIntro, 'zelfscan.result.tipsIntro'],
    [t.noTips, 'zelfscan.result.noTips'],
    ...PRIORITIES.map((priority): [string, string] => [t.priority[priority], `zelfscan.result.priority.${priority}`]),
    [t.tipCategory('{{category}}'), 'zelfscan.result.tipCategory'],
    [t.helpHeading, 'zelfscan.result.helpHeading'],
    [t.help('{{number}}'), 'zelfscan.result.help'],
    [t.planHeading, 'zelfscanSaved.plan.heading'],
    [t.planProgress('{{done}}' as unknown as number, '{{total}}' as unknown as number), 'zelfscanSaved.plan.progress'],
    [t.planEmpty, 'zelfscanSaved.plan.empty'],
    [t.changeHeading, 'zelfscanSaved.change.heading'],
    [t.changeIntro('{{date}}'), 'zelfscanSaved.change.intro'],
    [t.notApplicable, 'zelfscanSaved.change.notApplicable'],
    // The shared result a confidant sees (support module) uses these too.
    [t.score('{{score}}' as unknown as number), 'zelfscanSaved.pdf.score'],
    [t.noScore, 'zelfscanSaved.pdf.noScore'],
    [t.status.done, 'zelfscanSaved.pdf.status.done'],
    [t.status.planned('{{date}}'), 'zelfscanSaved.pdf.status.planned'],
    [t.status.open, 'zelfscanSaved.pdf.status.open'],
  ];
}

describe('the zelfscan PDF says what the result page says', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`in ${locale === 'nl' ? 'Dutch' : 'English'}`, () => {
      for (const [pdf, key] of pairs(ZELFSCAN_PDF_TEXTS[locale])) expect(pdf, key).toBe(web(locale, key));
    });
  }
});
