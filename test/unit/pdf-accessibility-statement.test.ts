import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The accessibility statement tells the truth about the PDFs (issue 12): every PDF the server makes goes
 * through pdfmake (src/server/lib/pdf.ts), which cannot write a structure tree, so none is tagged. As
 * long as that holds, the statement must say so in both languages, point to the same content as web
 * pages, and not claim there are no known problems.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function statement(locale: 'nl' | 'en'): string {
  const catalogue = JSON.parse(readFileSync(path.join(ROOT, `src/web/i18n/locales/${locale}/legal.json`), 'utf8'));
  return JSON.stringify(catalogue.accessibility);
}

/** Every server source file that renders a PDF, and with what. */
function pdfRenderers(dir = path.join(ROOT, 'src/server')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return pdfRenderers(file);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) return [];
    return /\brenderPdf\(|\bcreatePdf\(|from 'pdfkit'/.test(readFileSync(file, 'utf8')) ? [file] : [];
  });
}

describe('the accessibility statement on PDFs', () => {
  it('every PDF is made with pdfmake, which makes untagged PDFs', () => {
    const renderers = pdfRenderers();
    expect(renderers.length).toBeGreaterThan(5);
    for (const file of renderers) {
      const source = readFileSync(file, 'utf8');
      expect(source, path.relative(ROOT, file)).not.toMatch(/from 'pdfkit'/);
    }
    expect(readFileSync(path.join(ROOT, 'src/server/lib/pdf.ts'), 'utf8')).toContain("require('pdfmake')");
  });

  it('says so in Dutch and English, and where the same content is on accessible pages', () => {
    const dutch = statement('nl');
    expect(dutch).toContain('De PDF-bestanden die Weerbaar maakt, zijn niet getagd');
    expect(dutch).toContain('Dezelfde inhoud staat ook op toegankelijke webpagina');
    expect(dutch).not.toMatch(/geen bekende problemen/i);

    const english = statement('en');
    expect(english).toContain('The PDF files Weerbaar makes are not tagged');
    expect(english).toContain('The same content is also on accessible web pages');
    expect(english).not.toMatch(/no known problems/i);
  });
});
