import type { SipaAdvice } from '../../../shared/sipa.ts';
import { renderPdf } from '../../lib/pdf.ts';
import { longDate, SIPA_PDF_TEXTS, type SipaAdviceSection } from '../../lib/texts/index.ts';

/**
 * The SIPA advice as a PDF (pdfmake 0.3 set up in src/server/lib/pdf.ts, with the Roboto fonts of pdfmake,
 * embedded in the file). No network or file access beyond those fonts. The person concerned is not in
 * the PDF: the advice is about the process, and a PDF travels. The texts are the server's catalogue's
 * (src/server/lib/texts/sipa-pdf.ts): Dutch, with the decision line repeated in English.
 */

const SECTIONS: readonly SipaAdviceSection[] = [
  'preliminaryInquiry',
  'assignment',
  'investigatorChoice',
  'safeguards',
  'privacy',
  'communication',
];

export async function sipaAdvicePdf(input: { reference: string; issuedAt: Date; advice: SipaAdvice }): Promise<Buffer> {
  const nl = SIPA_PDF_TEXTS.nl;
  const content: unknown[] = [
    { text: nl.title, style: 'title' },
    { text: nl.subtitle, style: 'subtitle' },
    {
      text: nl.referenceLine(input.reference, longDate('nl', input.issuedAt)),
      margin: [0, 0, 0, 12],
    },
    {
      table: { widths: ['*'], body: [[{ text: nl.decisionStaysWithRequester, bold: true }]] },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 4],
    },
    { text: SIPA_PDF_TEXTS.en.decisionStaysWithRequester, italics: true, fontSize: 9, margin: [0, 0, 0, 12] },
  ];
  for (const section of SECTIONS) {
    const text = input.advice[section].trim();
    if (section === 'assignment' && (text || input.advice.researchQuestions.length > 0)) {
      content.push({ text: nl.sections[section], style: 'heading' });
      if (text) content.push({ text, margin: [0, 0, 0, 6] });
      if (input.advice.researchQuestions.length > 0) {
        content.push({ text: nl.researchQuestions, bold: true });
        content.push({ ol: input.advice.researchQuestions, margin: [0, 0, 0, 6] });
      }
      continue;
    }
    if (!text) continue;
    content.push({ text: nl.sections[section], style: 'heading' });
    content.push({ text, margin: [0, 0, 0, 6] });
  }
  content.push({ text: nl.decisionStaysWithRequester, italics: true, margin: [0, 16, 0, 0] });
  const doc = {
    info: { title: nl.documentTitle(input.reference), author: 'SIPA', creator: 'Weerbaar', producer: 'Weerbaar' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 2, 0, 8] },
      heading: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: nl.footer(page, pages),
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    }),
    content,
  };
  return renderPdf(doc);
}
