import type { Locale } from '../../../shared/locale.ts';
import { ADVICE_DOMAINS, type Measure, type WoningscanAdvice } from '../../../shared/woningscan.ts';
import type { SchemeView } from '../../../shared/woningscan-schemes.ts';
import { renderPdf } from '../../lib/pdf.ts';
import { DOCUMENT_LOCALE, longDate, WONINGSCAN_PDF_TEXTS } from '../../lib/texts/index.ts';

/**
 * The adviser's advice after the visit as a PDF (pdfmake set up in src/server/lib/pdf.ts): the advice
 * per domain, the measures and where they stand, and the scheme that applied on the advice's day,
 * printed from the schemes' data. No address and no household: a PDF travels.
 */
export interface AdvicePdfInput {
  locale: Locale;
  reference: string;
  issuedAt: Date;
  visitedOn: string | null;
  schemesOn: string;
  schemes: readonly SchemeView[];
  advice: WoningscanAdvice;
  measures: readonly Measure[];
}

function schemeBlock(locale: Locale, scheme: SchemeView): unknown[] {
  const t = WONINGSCAN_PDF_TEXTS[locale];
  const c = scheme.content;
  const date = (value: string) => longDate(locale, value);
  const euros = (amount: number) => new Intl.NumberFormat(DOCUMENT_LOCALE[locale]).format(amount);
  const block: unknown[] = [
    { text: c.name[locale], style: 'subheading' },
    { text: t.schemeValidity(date(c.validFrom), c.validTo ? date(c.validTo) : null), italics: true },
    { text: c.summary[locale], margin: [0, 2, 0, 4] },
    { text: c.capEuros !== null ? t.cap(euros(c.capEuros)) : t.noCap },
  ];
  if (c.fixedPackage.length > 0) {
    block.push({ text: t.fixedPackage, bold: true, margin: [0, 4, 0, 0] });
    block.push({ ul: c.fixedPackage.map((item) => item[locale]) });
  }
  if (c.pkvwRequired) block.push({ text: t.pkvwRequired, margin: [0, 4, 0, 0] });
  block.push({ text: [{ text: `${t.whoPays}: `, bold: true }, c.whoPays[locale]], margin: [0, 4, 0, 0] });
  block.push({ text: t.route, bold: true, margin: [0, 4, 0, 0] });
  block.push({ ol: c.route.map((step) => t.routeSteps[step]) });
  block.push({ text: `${t.source}: ${c.sourceUrl}`, fontSize: 8.5, color: '#444444', margin: [0, 4, 0, 8] });
  return block;
}

export async function woningscanAdvicePdf(input: AdvicePdfInput): Promise<Buffer> {
  const { locale } = input;
  const t = WONINGSCAN_PDF_TEXTS[locale];
  const content: unknown[] = [
    { text: t.title, style: 'title' },
    { text: t.subtitle, style: 'subtitle' },
    { text: t.referenceLine(input.reference, longDate(locale, input.issuedAt)) },
  ];
  if (input.visitedOn) content.push({ text: t.visitLine(longDate(locale, input.visitedOn)) });
  content.push({
    table: { widths: ['*'], body: [[{ text: t.adviceIsGuidance, bold: true }]] },
    layout: 'lightHorizontalLines',
    margin: [0, 12, 0, 8],
  });
  for (const domain of ADVICE_DOMAINS) {
    content.push({ text: t.domains[domain], style: 'heading' });
    const text = input.advice[domain].trim();
    content.push(text ? { text, margin: [0, 0, 0, 4] } : { text: t.nothingForDomain, italics: true });
    const measures = input.measures.filter((measure) => measure.domain === domain);
    if (measures.length > 0) {
      content.push({
        ul: measures.map((measure) => {
          const due =
            measure.dueOn && measure.state !== 'installed' ? `, ${t.dueLine(longDate(locale, measure.dueOn))}` : '';
          return `${measure.description} (${t.measureState[measure.state]}${due})`;
        }),
        margin: [0, 0, 0, 4],
      });
    }
  }
  content.push({ text: t.schemeHeading(longDate(locale, input.schemesOn)), style: 'heading' });
  if (input.schemes.length === 0) content.push({ text: t.noScheme });
  for (const scheme of input.schemes) content.push(...schemeBlock(locale, scheme));
  const doc = {
    info: { title: t.documentTitle(input.reference), author: 'CCV', creator: 'Weerbaar', producer: 'Weerbaar' },
    language: DOCUMENT_LOCALE[locale],
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 10.5, lineHeight: 1.25 },
    styles: {
      title: { fontSize: 18, bold: true },
      subtitle: { fontSize: 11, color: '#444444', margin: [0, 2, 0, 8] },
      heading: { fontSize: 12.5, bold: true, margin: [0, 10, 0, 4] },
      subheading: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
    },
    footer: (page: number, pages: number) => ({ text: t.footer(page, pages), alignment: 'center', fontSize: 8 }),
    content,
  };
  return renderPdf(doc);
}
