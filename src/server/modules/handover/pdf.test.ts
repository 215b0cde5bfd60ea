import { describe, expect, it } from 'vitest';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { Locale } from '../../../shared/locale.ts';
import { parseMarkdown } from '../../../shared/markdown/document.ts';
import { readPackageContent } from '../package/content.ts';
import type { EditionPart } from './db.ts';
import { type PackagePdfInput, renderPackagePdf } from './pdf.ts';

/**
 * The printed package as a reader holds it (issue 12): no page with only a line or two, a phone number
 * never broken over two lines, the edition named with capitals, and nothing lost by keeping text
 * together. Read back from the PDF itself (test/helpers/pdf-text.ts).
 */

/** Every page's last line is the footer with the numbers and the page number. */
const bodyLines = (page: string) =>
  page
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, -1);
const MIN_LINES_ON_A_PAGE = 3;

function input(lang: Locale, parts: EditionPart[]): PackagePdfInput {
  return {
    lang,
    publicUrl: 'http://localhost:3000',
    person: {
      name: 'Wim Wethouder',
      office: 'wethouder',
      regionKind: 'gemeente',
      region: 'Zwolle',
      installationDate: '2025-03-12',
    },
    edition: { version: 1, publishedAt: new Date('2026-12-05T10:00:00Z'), parts },
    activation: {
      kind: 'invitation',
      link: 'http://localhost:3000/activeren#token=abcdefghijklmnopqrstuvwxyz012345',
      linkExpiresAt: new Date('2026-12-12T10:00:00Z'),
      code: 'ABCDEFGHJK',
      codeExpiresAt: new Date('2026-12-12T10:00:00Z'),
    },
  };
}

async function shippedParts(): Promise<EditionPart[]> {
  return (await readPackageContent()).map(({ slug, position, title, summary, body }) => ({
    slug,
    position,
    title,
    summary,
    body,
  }));
}

/** The start of each paragraph's first run of text, as it must appear somewhere in the PDF. */
function paragraphStarts(markdown: string): string[] {
  const starts: string[] = [];
  const visit = (blocks: ReturnType<typeof parseMarkdown>['blocks']) => {
    for (const block of blocks) {
      if (block.type === 'list') for (const item of block.items) visit(item);
      else if (block.type === 'paragraph') {
        const first = block.children.find((inline) => inline.type === 'text');
        if (first && first.type === 'text' && first.text.trim().length >= 12) {
          starts.push(flattenText(first.text).slice(0, 24));
        }
      }
    }
  };
  visit(parseMarkdown(markdown).blocks);
  return starts;
}

describe('the printed package', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`has no page with only a line or two and keeps every number on one line (${lang})`, async () => {
      const parts = await shippedParts();
      const pdf = extractPdfText(await renderPackagePdf(input(lang, parts)));
      const short = pdf.pages
        .map((page, index) => ({ page: index + 1, lines: bodyLines(page) }))
        .filter(({ lines }) => lines.length < MIN_LINES_ON_A_PAGE);
      expect(short).toEqual([]);

      // "070 373 83 14" as often whole on a line as in the running text: never split over two lines.
      const number = SUPPORT_TEAM_PHONE.display;
      const whole = pdf.text.split(number).length - 1;
      expect(whole).toBeGreaterThan(pdf.pages.length);
      expect(whole).toBe(flattenText(pdf.text).split(number).length - 1);
      expect(pdf.text).not.toMatch(/\b0\d{2,3}\n\d/);

      // Keeping text together lost nothing: every paragraph of every part is in the PDF.
      const all = flattenText(pdf.text);
      for (const part of parts) {
        for (const start of paragraphStarts(part.body[lang])) expect(all, `${part.slug} (${lang})`).toContain(start);
      }
    });
  }

  it('names the edition with its version and language, with capitals', async () => {
    const parts = await shippedParts();
    const dutch = flattenText(extractPdfText(await renderPackagePdf(input('nl', parts))).pages[0] ?? '');
    expect(dutch).toContain('Versie 1 · Nederlands · 5 december 2026');
    const english = flattenText(extractPdfText(await renderPackagePdf(input('en', parts))).pages[0] ?? '');
    expect(english).toContain('Version 1 · English · 5 December 2026');
  });

  it('prints a section longer than a page whole, and does not leave its last line alone', async () => {
    const paragraphs = Array.from(
      { length: 70 },
      (_, index) =>
        `Alinea ${index + 1} van een lang deel: genoeg woorden om er een volle regel of twee van te maken op papier.`,
    );
    const body = `## Een lang stuk\n\n${paragraphs.join('\n\n')}\n\n## Tot slot\n\nEén korte zin.`;
    const part: EditionPart = {
      slug: 'lang',
      position: 0,
      title: { nl: 'Een lang deel', en: 'A long part' },
      summary: { nl: 'Een deel dat over meer pagina’s loopt.', en: 'A part over several pages.' },
      body: { nl: body, en: body },
    };
    const pdf = extractPdfText(await renderPackagePdf(input('nl', [part])));
    const all = flattenText(pdf.text);
    for (let index = 1; index <= 70; index++) expect(all).toContain(`Alinea ${index} van een lang deel`);
    expect(all).toContain('Tot slot Eén korte zin.');
    expect(pdf.pages.filter((page) => bodyLines(page).length < MIN_LINES_ON_A_PAGE)).toEqual([]);
  });

  it('never ends a part with a page of a line or two, wherever the page break falls', async () => {
    // A part that grows by one line at a time: at some length its last lines pass the end of a page.
    const pagesWithFewLines: string[] = [];
    for (let count = 18; count <= 36; count++) {
      const lines = Array.from({ length: count }, (_, index) => `Regel ${index + 1}.`);
      const body = `## Het deel\n\n${lines.join('\n\n')}\n\n## Tot slot\n\nEén korte zin.`;
      const part: EditionPart = {
        slug: 'groeiend',
        position: 0,
        title: { nl: 'Een groeiend deel', en: 'A growing part' },
        summary: { nl: 'Elke keer een regel langer.', en: 'One line longer each time.' },
        body: { nl: body, en: body },
      };
      const pdf = extractPdfText(await renderPackagePdf(input('nl', [part])));
      pdf.pages.forEach((page, index) => {
        if (bodyLines(page).length < MIN_LINES_ON_A_PAGE) pagesWithFewLines.push(`${count} lines: page ${index + 1}`);
      });
    }
    expect(pagesWithFewLines).toEqual([]);
  });
});
