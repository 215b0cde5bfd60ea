import type { SipaAdvice } from '../../../shared/sipa.ts';
import { renderPdf } from '../../lib/pdf.ts';

/**
 * The SIPA advice as a PDF (pdfmake 0.3 set up in src/server/lib/pdf.ts, with the Roboto fonts of pdfmake,
 * embedded in the file). No network or file access beyond those fonts. The person concerned is not in
 * the PDF: the advice is about the process, and a PDF travels.
 */

export const DECISION_STAYS_WITH_REQUESTER =
  'SIPA adviseert alleen. Het besluit of er een (voor)onderzoek komt, en de uitvoering ervan, blijven bij u als opdrachtgever. ' +
  'SIPA doet zelf geen onderzoek en neemt geen besluiten.';
export const DECISION_STAYS_WITH_REQUESTER_EN =
  'SIPA only advises. The decision whether to hold a (preliminary) investigation, and carrying it out, remain with you. ' +
  'SIPA does not investigate and takes no decisions.';

const SECTIONS: { key: Exclude<keyof SipaAdvice, 'researchQuestions'>; title: string }[] = [
  { key: 'preliminaryInquiry', title: 'Vooronderzoek: of en hoe' },
  { key: 'assignment', title: 'De opdracht' },
  { key: 'investigatorChoice', title: 'Keuze van een onafhankelijke onderzoeker' },
  { key: 'safeguards', title: 'Waarborgen, waaronder hoor en wederhoor' },
  { key: 'privacy', title: 'Privacy van de betrokkene' },
  { key: 'communication', title: 'Communicatie' },
];

export async function sipaAdvicePdf(input: { reference: string; issuedAt: Date; advice: SipaAdvice }): Promise<Buffer> {
  const content: unknown[] = [
    { text: 'Advies van SIPA', style: 'title' },
    { text: 'Steunpunt Integriteitsonderzoek Politieke Ambtsdragers', style: 'subtitle' },
    {
      text: `Kenmerk ${input.reference} · ${input.issuedAt.toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' })}`,
      margin: [0, 0, 0, 12],
    },
    {
      table: { widths: ['*'], body: [[{ text: DECISION_STAYS_WITH_REQUESTER, bold: true }]] },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 4],
    },
    { text: DECISION_STAYS_WITH_REQUESTER_EN, italics: true, fontSize: 9, margin: [0, 0, 0, 12] },
  ];
  for (const section of SECTIONS) {
    const text = input.advice[section.key].trim();
    if (section.key === 'assignment' && (text || input.advice.researchQuestions.length > 0)) {
      content.push({ text: section.title, style: 'heading' });
      if (text) content.push({ text, margin: [0, 0, 0, 6] });
      if (input.advice.researchQuestions.length > 0) {
        content.push({ text: 'Onderzoeksvragen', bold: true });
        content.push({ ol: input.advice.researchQuestions, margin: [0, 0, 0, 6] });
      }
      continue;
    }
    if (!text) continue;
    content.push({ text: section.title, style: 'heading' });
    content.push({ text, margin: [0, 0, 0, 6] });
  }
  content.push({ text: DECISION_STAYS_WITH_REQUESTER, italics: true, margin: [0, 16, 0, 0] });
  const doc = {
    info: { title: `Advies SIPA ${input.reference}`, author: 'SIPA', creator: 'Weerbaar', producer: 'Weerbaar' },
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 2, 0, 8] },
      heading: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: `Vertrouwelijk · ${page} / ${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    }),
    content,
  };
  return renderPdf(doc);
}
