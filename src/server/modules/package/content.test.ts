import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPartBody } from './body-check.ts';
import { readPackageContent } from './content.ts';

const GOOD_BODY = 'Tekst.\n\n## Wat kunt u nu doen?\n\n- Bel [112](tel:112).\n';

/** A content folder with parts.json and, unless left out, a page text per part and language. */
function contentFile(
  content: { parts: Array<{ slug: string } & Record<string, unknown>> },
  bodies: Record<string, string | null> = {},
): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-content-'));
  writeFileSync(path.join(dir, 'parts.json'), JSON.stringify(content));
  for (const { slug } of content.parts) {
    for (const locale of ['nl', 'en']) {
      const body = bodies[`${slug}.${locale}`] === undefined ? GOOD_BODY : bodies[`${slug}.${locale}`];
      if (body !== null && body !== undefined) writeFileSync(path.join(dir, `${slug}.${locale}.md`), body);
    }
  }
  return path.join(dir, 'parts.json');
}

const part = (slug: string) => ({
  slug,
  title: { nl: 'Titel', en: 'Title' },
  summary: { nl: 'Samenvatting', en: 'Summary' },
});

describe('package content', () => {
  it('ships every part with a Dutch and an English title, summary and page text', async () => {
    const parts = await readPackageContent();
    expect(parts.length).toBe(7);
    expect(parts.map((p) => p.position)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    for (const p of parts) {
      expect(p.body.nl.length, p.slug).toBeGreaterThan(500);
      expect(p.body.en.length, p.slug).toBeGreaterThan(500);
      expect(p.bodyText.nl).not.toMatch(/\]\(|\*\*|##/);
    }
  });

  it('states the facts that must not drift: the 2024 scheme, the dated allowance, the 24/7 number', async () => {
    const parts = new Map((await readPackageContent()).map((p) => [p.slug, p]));
    const homes = parts.get('woningscan-en-zelfscan');
    expect(homes?.body.nl).toContain('Regeling beveiligingsmaatregelen decentrale bestuurders');
    expect(homes?.body.nl).toMatch(/2\.400.*van 2021 tot en met 2023/s);
    expect(homes?.body.nl).toContain('Politiekeurmerk Veilig Wonen');
    expect(homes?.body.nl).toContain('Raadsleden en Statenleden vallen niet onder deze regeling');
    expect(parts.get('ondersteuningsteam')?.body.nl).toContain('[070 373 83 14](tel:+31703738314)');
    expect(parts.get('sipa')?.body.nl).toContain('SIPA doet zelf geen onderzoek');
    expect(parts.get('aangifte-melden-schade')?.body.nl).toContain('Weerbaar doet dat niet voor u');
    for (const variant of [
      'Domiciliekeuze',
      'Aangifte onder nummer',
      'Beperkt anonieme aangifte',
      'Aangifte door uw werkgever',
    ]) {
      expect(parts.get('aangifte-melden-schade')?.body.nl).toContain(variant);
    }
    // Aftercare is support and monitoring, not being made to talk about feelings.
    expect(parts.get('debriefing-en-nazorg')?.body.nl).toContain('U hoeft niet over uw gevoelens te praten');
  });

  it('refuses a part without an English translation', async () => {
    const file = contentFile({ parts: [{ ...part('a'), summary: { nl: 'Alleen Nederlands' } }] } as never);
    await expect(readPackageContent(file)).rejects.toThrow(/summary\.en/);
  });

  it('refuses an empty translation and duplicate slugs', async () => {
    await expect(
      readPackageContent(contentFile({ parts: [{ ...part('a'), title: { nl: ' ', en: 'x' } }] })),
    ).rejects.toThrow();
    await expect(readPackageContent(contentFile({ parts: [part('a'), part('a')] }))).rejects.toThrow(/unique/);
  });

  it('refuses a part whose page text is missing in one language', async () => {
    await expect(readPackageContent(contentFile({ parts: [part('a')] }, { 'a.en': null }))).rejects.toThrow(
      /a\.en\.md: the page text is missing/,
    );
  });

  it('refuses page texts with raw HTML, links to nowhere, or no closing "what next" section', async () => {
    const file = contentFile(
      { parts: [part('a'), part('b')] },
      {
        'a.nl': `Hallo <script>alert(1)</script>.\n\n${GOOD_BODY}`,
        'a.en': `See [b](/pakket/c) and [x](javascript:alert(1)).\n\n${GOOD_BODY}`,
        'b.nl': 'Alleen tekst, geen vervolg.\n',
      },
    );
    const error = await readPackageContent(file).catch((caught: Error) => caught.message);
    expect(error).toMatch(/a\.nl\.md: raw HTML is not allowed/);
    expect(error).toMatch(/a\.en\.md: link "\/pakket\/c" leads nowhere/);
    expect(error).toMatch(/a\.en\.md: link "javascript:alert\(1\)" leads nowhere/);
    expect(error).toMatch(/b\.nl\.md: the text must end with a level-2 section/);
  });

  it('accepts links between parts that exist', async () => {
    const parts = await readPackageContent(
      contentFile({ parts: [part('a'), part('b')] }, { 'a.nl': `Zie [b](/pakket/b).\n\n${GOOD_BODY}` }),
    );
    expect(parts[0]?.bodyText.nl).toBe('Zie b.\nTekst.\nWat kunt u nu doen?\nBel 112.');
  });

  it('gives each version of a part its own hash, so only changes are written', async () => {
    const [a] = await readPackageContent(contentFile({ parts: [part('a')] }));
    const [b] = await readPackageContent(
      contentFile({ parts: [{ ...part('a'), title: { nl: 'Anders', en: 'Title' } }] }),
    );
    const [c] = await readPackageContent(contentFile({ parts: [part('a')] }, { 'a.en': `Other.\n\n${GOOD_BODY}` }));
    expect(a?.contentHash).not.toBe(b?.contentHash);
    expect(a?.contentHash).not.toBe(c?.contentHash);
  });
});

describe('checkPartBody', () => {
  const known = { packageSlugs: ['a'] };
  it('accepts the subset with a closing section', () => {
    expect(checkPartBody(GOOD_BODY, known)).toEqual([]);
  });
  it('refuses empty, oversized and marker-carrying texts', () => {
    expect(checkPartBody('  \n', known)).toEqual(['the text is empty']);
    expect(checkPartBody('x'.repeat(30_001), known)[0]).toMatch(/longer than/);
    expect(checkPartBody(`Een \uE000 teken.\n\n${GOOD_BODY}`, known)[0]).toMatch(/reserved for search/);
  });
  it('refuses a closing section without a link, or one that is not level 2', () => {
    expect(checkPartBody('## Verder\n\nNiets.\n', known)).toHaveLength(1);
    expect(checkPartBody('## Verder\n\n### Dan\n\n- [112](tel:112)\n', known)).toHaveLength(1);
  });
});
