import type { Locale } from '../../../shared/locale.ts';
import { type PdfNode, renderPdf } from '../../lib/pdf.ts';
import type { JsonRecord, JsonValue } from '../../lib/personal-data.ts';
import { longDate, PRIVACY_EXPORT_TEXTS } from '../../lib/texts/index.ts';

const COLORS = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3d91' };

export interface ExportOverview {
  lang: Locale;
  madeAt: Date;
  sections: { key: string; records: JsonRecord[]; fileCount: number }[];
}

/** `createdAt` → `created at`: the JSON's field names, readable. */
function label(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

function scalar(value: JsonValue): string {
  if (value === null) return '—';
  return String(value);
}

/** A value as nested lines: an object as "field: value" lines, a list numbered, deeper levels indented. */
function valueNodes(value: JsonValue, depth: number): PdfNode[] {
  const indent = Math.min(depth, 6) * 10;
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ text: '—', margin: [indent, 0, 0, 0] }];
    return value.flatMap((item, index) =>
      item !== null && typeof item === 'object'
        ? [{ text: `${index + 1}.`, bold: true, margin: [indent, 2, 0, 0] }, ...valueNodes(item, depth + 1)]
        : [{ text: `${index + 1}. ${scalar(item)}`, margin: [indent, 0, 0, 0] }],
    );
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) =>
      child !== null && typeof child === 'object'
        ? [{ text: `${label(key)}:`, bold: true, margin: [indent, 2, 0, 0] }, ...valueNodes(child, depth + 1)]
        : [{ text: [{ text: `${label(key)}: `, bold: true }, scalar(child)], margin: [indent, 0, 0, 0] }],
    );
  }
  return [{ text: scalar(value), margin: [indent, 0, 0, 0] }];
}

/** The readable overview: every section with every record, the same data as the JSON, in plain lines. */
export function renderExportPdf(overview: ExportOverview): Promise<Buffer> {
  const texts = PRIVACY_EXPORT_TEXTS[overview.lang];
  const content: PdfNode[] = [
    { text: texts.title, style: 'title' },
    { text: texts.madeOn(longDate(overview.lang, overview.madeAt)), color: COLORS.muted, margin: [0, 0, 0, 8] },
    { text: texts.intro, margin: [0, 0, 0, 4] },
    { text: texts.completeInJson, margin: [0, 0, 0, 4] },
    { text: texts.checkFiles, color: COLORS.muted, margin: [0, 0, 0, 8] },
  ];
  for (const section of overview.sections) {
    content.push({ text: texts.sections[section.key] ?? label(section.key), style: 'section' });
    if (section.fileCount > 0) content.push({ text: texts.files(String(section.fileCount)), color: COLORS.muted });
    if (section.records.length === 0) {
      content.push({ text: texts.nothing, italics: true, color: COLORS.muted });
      continue;
    }
    for (const [index, record] of section.records.entries()) {
      content.push({ text: `${index + 1}`, bold: true, color: COLORS.accent, margin: [0, 6, 0, 0] });
      content.push(...valueNodes(record, 0));
    }
  }
  return renderPdf({
    info: { title: texts.title, creator: 'Weerbaar' },
    language: overview.lang === 'nl' ? 'nl-NL' : 'en-GB',
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'Roboto', fontSize: 9, color: COLORS.text, lineHeight: 1.2 },
    styles: {
      title: { fontSize: 18, bold: true, color: COLORS.accent, margin: [0, 0, 0, 4] },
      section: { fontSize: 13, bold: true, color: COLORS.accent, margin: [0, 14, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: texts.footer(page, pages),
      alignment: 'center',
      fontSize: 8,
      color: COLORS.muted,
      margin: [0, 20, 0, 0],
    }),
    content,
  });
}
