import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The facts issue 12 found wrong or missing in the content, held to the domain notes (../shared/domain.md),
 * so they do not slip back in an edit of the shipped texts: each in Dutch and English.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const part = (slug: string, locale: 'nl' | 'en') => read(`content/package/${slug}.${locale}.md`).replace(/\s+/g, ' ');
const catalogue = (file: string, locale: 'nl' | 'en') => read(`src/web/i18n/locales/${locale}/${file}.json`);

describe('content facts (issue 12)', () => {
  it('gives aangifte onder nummer its limits (§5c)', () => {
    expect(part('aangifte-melden-schade', 'nl')).toMatch(
      /Aangifte onder nummer.*Het helpt niet als de dader u al kent\. En een rechter kan bepalen dat uw naam toch bekend moet worden\. Het Openbaar Ministerie kan dan in plaats daarvan de zaak laten vallen\./,
    );
    expect(part('aangifte-melden-schade', 'en')).toMatch(/court can decide.*drop the case/i);
  });

  it('has the call-back hours, the ELA, the 200% weighting with family and private time, and doxing (§5b, §5d)', () => {
    const nl = part('aangifte-melden-schade', 'nl');
    expect(nl).toContain('elke dag tussen 08:00 en 22:00 uur');
    expect(nl).toContain('Eenduidige Landelijke Afspraken (ELA)');
    expect(nl).toMatch(/200% zwaarder.*ook als uw gezin wordt getroffen, en als het gebeurt in uw vrije tijd/);
    expect(nl).toMatch(/doxing.*een derde hoger/i);
    const en = part('aangifte-melden-schade', 'en');
    expect(en).toMatch(/08:00 and 22:00/);
    expect(en).toContain('ELA');
    expect(en).toMatch(/200%/);
    expect(en).toMatch(/doxing.*one third/i);
  });

  it('names the Schadefonds categories and the BIG / NIP requirement (§5e)', () => {
    for (const locale of ['nl', 'en'] as const) {
      const text = part('aangifte-melden-schade', locale);
      for (const amount of ['1.000', '2.500', '5.000', '10.000', '20.000', '35.000']) {
        expect(text).toContain(locale === 'nl' ? `€ ${amount}` : `€${amount.replace('.', ',')}`);
      }
      expect(text).toContain('BIG');
      expect(text).toContain('NIP');
    }
  });

  it('makes every 0800 7000 (Meld Misdaad Anoniem) a tel: link', () => {
    for (const locale of ['nl', 'en'] as const) {
      const text = part('aangifte-melden-schade', locale);
      expect(text).toContain('[0800 7000](tel:08007000)');
      expect(text.split('0800 7000').length).toBe(text.split('[0800 7000](tel:08007000)').length);
    }
  });

  it('says the zelfscan questions are Weerbaar’s own, not the CCV’s (§3e)', () => {
    expect(catalogue('zelfscan', 'nl')).toContain('De vragen en tips zijn van Weerbaar zelf.');
    expect(catalogue('zelfscan', 'en')).toContain("The questions and tips are Weerbaar's own.");
    expect(part('woningscan-en-zelfscan', 'nl')).toContain('De vragen en tips zijn van Weerbaar zelf.');
  });

  it('speaks of the free woningscan for councillors in the past, and never of one for Statenleden (§3a)', () => {
    for (const locale of ['nl', 'en'] as const) {
      const texts = `${part('woningscan-en-zelfscan', locale)} ${catalogue('woningscan', locale)}`;
      expect(texts).not.toMatch(/op dit moment een gratis woningscan|currently request a free/i);
      expect(texts).not.toMatch(/Statenlid[^.]*gratis woningscan|provincial representative[^.]*free/i);
    }
    expect(part('woningscan-en-zelfscan', 'nl')).toContain('Van juni 2019 tot en met 2023 konden ook raadsleden');
  });

  it('dates what the ministry paid for the training, and says enrolling is in Weerbaar (§4)', () => {
    const nl = part('training', 'nl');
    expect(nl).not.toContain('In 2019 betaalde het ministerie de kosten');
    expect(nl).toContain('In februari 2019 vergoedde het ministerie de kosten van de training. Of dat nu nog zo is');
    expect(nl).not.toContain('kunt u zich nog niet voor de training aanmelden');
    expect(part('training', 'en')).not.toContain('You cannot sign up for the training in Weerbaar yet');
  });
});
