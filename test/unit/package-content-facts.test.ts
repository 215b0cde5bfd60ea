import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type PackagePartContent, readPackageContent } from '../../src/server/modules/package/content.ts';
import { LOCALES, type Locale } from '../../src/shared/locale.ts';
import { type Block, type Inline, linkTargets, parseMarkdown } from '../../src/shared/markdown/document.ts';
import { WEB_PATHS } from '../../src/shared/web-paths.ts';

/**
 * The facts in the shipped package and zelfscan texts that must not drift from the domain research
 * (/work/shared/domain.md, section named per test), and the links from each part to its online service.
 */

let parts: Map<string, PackagePartContent>;
beforeAll(async () => {
  parts = new Map((await readPackageContent()).map((part) => [part.slug, part]));
});

const body = (slug: string, locale: Locale) => {
  const text = parts.get(slug)?.body[locale];
  if (!text) throw new Error(`no ${locale} text for ${slug}`);
  return text;
};
/** The text as a reader sees it, on one line, for phrases that a line break may split. */
const readable = (slug: string, locale: Locale) => (parts.get(slug)?.bodyText[locale] ?? '').replace(/\s+/g, ' ');

/** The blocks after the last level-2 heading: the closing "what can you do now" section. */
function nextSteps(markdown: string): Block[] {
  const blocks = parseMarkdown(markdown).blocks;
  const last = blocks.findLastIndex((block) => block.type === 'heading' && block.level === 2);
  return blocks.slice(last + 1);
}

/** Every text run that is not inside a link. */
function textOutsideLinks(blocks: Block[]): string[] {
  const fromInlines = (inlines: Inline[]): string[] =>
    inlines.flatMap((inline) => {
      if (inline.type === 'text') return [inline.text];
      if (inline.type === 'strong' || inline.type === 'em') return fromInlines(inline.children);
      return [];
    });
  return blocks.flatMap((block) => {
    if (block.type === 'list') return block.items.flatMap((item) => textOutsideLinks(item));
    return fromInlines(block.children);
  });
}

describe('package parts lead to their online services (issue 12)', () => {
  // Pages that exist today. Incidents, a woningscan request, training sessions and aftercare have no page yet;
  // their parts lead to the support request, the one online service that helps with them now.
  const services: Record<string, string[]> = {
    ondersteuningsteam: [WEB_PATHS.askSupport],
    sipa: [WEB_PATHS.sipaRequest],
    'woningscan-en-zelfscan': [WEB_PATHS.zelfscan, WEB_PATHS.askSupport],
    'aangifte-melden-schade': [WEB_PATHS.askSupport],
    'debriefing-en-nazorg': [WEB_PATHS.askSupport],
    'stelsel-bewaken-beveiligen': [WEB_PATHS.askSupport],
    training: [WEB_PATHS.askSupport],
  };

  it('names every part here', () => {
    expect([...parts.keys()].sort()).toEqual(Object.keys(services).sort());
  });

  for (const [slug, paths] of Object.entries(services)) {
    for (const locale of LOCALES) {
      it(`${slug} (${locale}) links to ${paths.join(' and ')} under "what can you do now"`, () => {
        const targets = linkTargets(nextSteps(body(slug, locale)));
        for (const path of paths) expect(targets).toContain(path);
      });
    }
  }

  it('gives every phone number in a part as a tel: link, so it can be tapped', () => {
    // A Dutch number of 7 or more digits starting with 0 (0800 7000, 0900 8844, 070 373 83 14); 112 is
    // said in running text on purpose and is a link wherever it is a next step.
    const phone = /\b0\d{2,3}(?: ?\d{2,4}){1,3}\b/g;
    for (const [slug, part] of parts) {
      for (const locale of LOCALES) {
        const loose = textOutsideLinks(parseMarkdown(part.body[locale]).blocks)
          .flatMap((text) => text.match(phone) ?? [])
          .filter((match) => match.replace(/\D/g, '').length >= 7);
        expect(loose, `${slug}.${locale}`).toEqual([]);
      }
    }
    expect(body('aangifte-melden-schade', 'nl')).toContain('[0800 7000](tel:08007000)');
    expect(body('aangifte-melden-schade', 'en')).toContain('[0800 7000](tel:08007000)');
  });
});

describe('the home parts follow the current scheme (domain §0.2, §3a, §3c)', () => {
  it('no longer offers the woningscan as free, in the present tense', () => {
    expect(body('woningscan-en-zelfscan', 'nl')).not.toMatch(/woningscan is gratis|kunnen wel de gratis woningscan/i);
    expect(body('woningscan-en-zelfscan', 'en')).not.toMatch(/home scan \(woningscan\) is free|can use the free home/i);
  });

  it('describes the free scan as the 2018–2023 regime, and says it is uncertain whether it still exists', () => {
    const nl = readable('woningscan-en-zelfscan', 'nl');
    expect(nl).toContain('De woningscan uit het gedrukte pakket (2018 tot en met 2023)');
    expect(nl).toContain(
      'Van juni 2019 tot en met 2023 konden ook raadsleden een gratis woningscan van het CCV krijgen',
    );
    expect(nl).toContain('Of dat nu nog kan, weten wij niet zeker');
    const en = readable('woningscan-en-zelfscan', 'en');
    expect(en).toContain('The home scan in the printed package (2018 to 2023)');
    expect(en).toContain('Whether that is still possible now, we do not know for certain');
  });

  it('names who the Regeling from 1 January 2024 is for, and who it is not for', () => {
    const nl = readable('woningscan-en-zelfscan', 'nl');
    expect(nl).toContain('Sinds 1 januari 2024 geldt de Regeling beveiligingsmaatregelen decentrale bestuurders');
    for (const role of ['burgemeesters en wethouders', 'de Commissaris van de Koning en gedeputeerden', 'waterschap']) {
      expect(nl).toContain(role);
    }
    expect(nl).toContain('Raadsleden en Statenleden vallen niet onder deze regeling');
    expect(nl).toContain('het advies altijd overnemen');
    expect(readable('woningscan-en-zelfscan', 'en')).toContain(
      'Municipal councillors and members of the Provincial Councils are not covered by this scheme',
    );
  });

  it('says the zelfscan questions are Weerbaar’s own, and what happens to the answers (§3e)', () => {
    const nl = readable('woningscan-en-zelfscan', 'nl');
    expect(nl).toContain('De vragen en tips zijn van Weerbaar zelf');
    expect(nl).toContain('niet die van het CCV');
    expect(nl).not.toContain('Ze worden niet naar ons verstuurd');
    expect(nl).toContain('Bent u ingelogd? Dan kunt u na afloop zelf kiezen om uw uitslag in uw account te bewaren');
    const en = readable('woningscan-en-zelfscan', 'en');
    expect(en).toContain("The questions and tips are Weerbaar's own");
    expect(en).toContain('choose to save your result in your account');
  });
});

describe('the reporting part is complete (domain §5b–§5e)', () => {
  it('gives the call-back hours of 0900 8844 (§5b)', () => {
    expect(readable('aangifte-melden-schade', 'nl')).toContain('elke dag tussen 08:00 en 22:00 uur');
    expect(readable('aangifte-melden-schade', 'en')).toContain('every day between 08:00 and 22:00');
  });

  it('gives both limits of aangifte onder nummer (§5c)', () => {
    const nl = readable('aangifte-melden-schade', 'nl');
    expect(nl).toContain('Het helpt niet als de dader u al kent');
    expect(nl).toContain('een rechter kan bepalen dat uw naam toch bekend moet worden');
    expect(nl).toContain('de zaak laten vallen');
    const en = readable('aangifte-melden-schade', 'en');
    expect(en).toContain('It does not help if the offender already knows you');
    expect(en).toContain('may then drop the case instead');
  });

  it('explains the ELA, the 200% weighting with family and private time, and the doxing uplift (§5d)', () => {
    const nl = readable('aangifte-melden-schade', 'nl');
    expect(nl).toContain('Eenduidige Landelijke Afspraken (ELA)');
    expect(nl).toContain('de politie neemt een aangifte altijd op');
    expect(nl).toContain('200% zwaarder');
    expect(nl).toContain('Dat geldt ook als uw gezin wordt getroffen, en als het gebeurt in uw vrije tijd');
    expect(nl).toContain('De straf kan een derde hoger zijn');
    const en = readable('aangifte-melden-schade', 'en');
    expect(en).toContain('Eenduidige Landelijke Afspraken');
    expect(en).toContain('200% heavier');
    expect(en).toContain('when your family is hit, and when it happens in your private time');
    expect(en).toContain('one third higher');
  });

  it('gives the Schadefonds categories and amounts and the BIG/NIP requirement (§5e)', () => {
    const nl = readable('aangifte-melden-schade', 'nl');
    expect(nl).toContain('€ 1.000, € 2.500, € 5.000, € 10.000, € 20.000 of € 35.000');
    expect(nl).toContain('vast bedrag van € 5.000');
    expect(nl).toContain('BIG-registratie');
    expect(nl).toContain('NIP-BAPD-registratie');
    const en = readable('aangifte-melden-schade', 'en');
    expect(en).toContain('€1,000, €2,500, €5,000, €10,000, €20,000 or €35,000');
    expect(en).toContain('BIG registration');
    expect(en).toContain('NIP-BAPD registration');
  });
});

describe('the training part says what is known now (domain §4)', () => {
  it('does not present the 2019 payment as the rule, and says what is not known', () => {
    const nl = readable('training', 'nl');
    expect(nl).not.toContain('In 2019 betaalde het ministerie de kosten');
    expect(nl).toContain('In februari 2019 vergoedde het ministerie de kosten van de training');
    expect(nl).toContain('Of dat nu nog zo is, weten wij niet zeker');
    // Enrolling is known now: Weerbaar itself takes enrolments for planned sessions.
    expect(nl).toContain('Voor een geplande training schrijft u zich in Weerbaar in');
    expect(readable('training', 'en')).toContain('Whether that is still the case, we do not know for certain');
  });
});

describe('the zelfscan page texts (issue 12)', () => {
  const catalogue = (locale: Locale) =>
    JSON.parse(readFileSync(new URL(`../../src/web/i18n/locales/${locale}/zelfscan.json`, import.meta.url), 'utf8'))
      .zelfscan as { how: string[]; privacy: string; result: Record<string, unknown> };

  it('say the questions are Weerbaar’s own, not the CCV’s', () => {
    expect(catalogue('nl').how.join(' ')).toContain('De vragen en tips zijn van Weerbaar zelf');
    expect(catalogue('nl').how.join(' ')).toContain('niet de vragen van het CCV');
    expect(catalogue('en').how.join(' ')).toContain("The questions and tips are Weerbaar's own");
  });

  it('say what happens to the answers: anonymous in this tab only, signed in saved only by choice', () => {
    const nl = catalogue('nl').privacy;
    expect(nl).not.toMatch(/^Uw antwoorden worden niet verstuurd/);
    expect(nl).toContain('Bent u niet ingelogd? Dan worden ze nergens naartoe gestuurd');
    expect(nl).toContain('Bent u ingelogd? Dan kunt u na afloop zelf kiezen om uw uitslag in uw account te bewaren');
    const en = catalogue('en').privacy;
    expect(en).toContain('Are you not signed in? Then they are not sent anywhere');
    expect(en).toContain('Are you signed in? Then afterwards you can choose to save your result in your account');
  });

  it('offer online help next to the number under "Hulp nodig?"', () => {
    expect(catalogue('nl').result.help).toContain('online om hulp vragen');
    expect(catalogue('nl').result.helpLink).toBe('Vraag online hulp aan het Ondersteuningsteam');
    expect(catalogue('en').result.helpLink).toBe('Ask the Support Team for help online');
  });
});
