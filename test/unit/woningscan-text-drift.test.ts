import { describe, expect, it } from 'vitest';
import { WONINGSCAN_PDF_TEXTS, type WoningscanPdfTexts } from '../../src/server/lib/texts/index.ts';
import type { Locale } from '../../src/shared/locale.ts';
import { ADVICE_DOMAINS } from '../../src/shared/woningscan.ts';
import en from '../../src/web/i18n/locales/en/woningscan.json' with { type: 'json' };
import nl from '../../src/web/i18n/locales/nl/woningscan.json' with { type: 'json' };

/**
 * The woningscan advice PDF (server text catalogue) and the case page (web catalogue) name the same
 * things in the same words: the advice's domains, the scheme's facts. The server never imports the web
 * catalogue, so this test holds the two together (as text-drift.test.ts does for the zelfscan).
 */
const WEB = { nl, en } as const;

function web(locale: Locale, key: string): string {
  let node: unknown = WEB[locale];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`the web catalogue has no text ${key}`);
  return node;
}

function pairs(t: WoningscanPdfTexts): [string, string][] {
  return [
    ...ADVICE_DOMAINS.map((domain): [string, string] => [t.domains[domain], `woningscan.advice.domains.${domain}`]),
    [t.nothingForDomain, 'woningscan.advice.nothing'],
    [t.measuresHeading, 'woningscan.measures.heading'],
    [t.schemeValidity('{{from}}', null), 'woningscan.scheme.validFrom'],
    [t.schemeValidity('{{from}}', '{{to}}'), 'woningscan.scheme.validFromTo'],
    [t.cap('{{amount}}'), 'woningscan.scheme.cap'],
    [t.noCap, 'woningscan.scheme.noCap'],
    [t.fixedPackage, 'woningscan.scheme.fixedPackage'],
    [t.pkvwRequired, 'woningscan.scheme.pkvwRequired'],
    [t.whoPays, 'woningscan.scheme.whoPays'],
    [t.route, 'woningscan.scheme.route'],
  ];
}

describe('the woningscan advice PDF says what the case page says', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`in ${locale === 'nl' ? 'Dutch' : 'English'}`, () => {
      for (const [pdf, key] of pairs(WONINGSCAN_PDF_TEXTS[locale])) expect(pdf, key).toBe(web(locale, key));
    });
  }
});
