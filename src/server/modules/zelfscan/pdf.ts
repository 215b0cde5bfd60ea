import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { classifyLink } from '../../../shared/content-links.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { Light, Questionnaire } from '../../../shared/zelfscan/questionnaire.ts';
import type { SavedResult, SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { type PdfNode, renderPdf } from '../../lib/pdf.ts';
import { DOCUMENT_LOCALE, longDate, ZELFSCAN_PDF_TEXTS, type ZelfscanPdfTexts } from '../../lib/texts/index.ts';

/**
 * A saved zelfscan result as a PDF for its owner: the same words as the result page (the server's text
 * catalogue, src/server/lib/texts, checked against the page's by a test so the two never drift), the
 * action plan with each tip's state, and the change since the previous saved result. Only what the
 * result page shows: no answers.
 *
 * Accessibility as far as pdfmake goes (see handover/pdf.ts): real text with embedded fonts, the
 * document's language and title set, headings as larger bold text in reading order; a light is always
 * written in words, its colour only repeats it. pdfmake writes no structure tree (not tagged).
 */

const LIGHT_COLOURS: Record<Light, string> = { green: '#1e6b35', orange: '#9a4a00', red: '#a90000' };
const COLORS = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3d91', box: '#eef2f8' };

export interface ZelfscanPdfInput {
  lang: Locale;
  publicUrl: string;
  questionnaire: Questionnaire;
  result: SavedResult;
  /** The owner's saved result before this one, if any. */
  previous: SavedResultSummary | null;
}

/** Without the scheme, for print: "weerbaar.nl/pakket/woningscan". */
function printedAddress(publicUrl: string, pathName: string): string {
  return `${publicUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}${pathName}`;
}

export function zelfscanPdfFileName(lang: Locale, result: SavedResult): string {
  return `${ZELFSCAN_PDF_TEXTS[lang].fileName(result.createdAt.slice(0, 10))}.pdf`;
}

export async function renderZelfscanPdf(input: ZelfscanPdfInput): Promise<Buffer> {
  const { lang, questionnaire, result, previous } = input;
  const t = ZELFSCAN_PDF_TEXTS[lang];
  const categoryTitle = (id: string) =>
    questionnaire.categories.find((category) => category.id === id)?.title[lang] ?? id;
  const score = (value: number | null) => (value === null ? t.notApplicable : `${value}`);

  const content: PdfNode[] = [
    { text: t.title, style: 'title' },
    { text: t.takenOn(longDate(lang, result.createdAt)), style: 'meta' },
    { text: t.version(result.questionnaireVersion), style: 'meta' },
    { text: t.private, style: 'note' },
    helpBox(t),
  ];

  // Per category: the light in words (its colour only repeats it), the score and what it means.
  content.push({ text: t.categoriesHeading, style: 'h2', headlineLevel: 1 });
  if (result.categories.length === 0) content.push({ text: t.oldVersion, style: 'p' });
  for (const outcome of result.categories) {
    content.push({
      stack: [
        { text: categoryTitle(outcome.category), style: 'h3' },
        {
          text: t.light[outcome.light],
          bold: true,
          color: LIGHT_COLOURS[outcome.light],
        },
        {
          text: outcome.score === null ? t.noScore : t.score(outcome.score),
        },
        { text: t.explanation[outcome.explanation], style: 'p' },
      ],
      unbreakable: true,
    });
  }
  content.push({ text: t.meaningHeading, style: 'h3' }, { text: t.meaning, style: 'p' });

  // The tips, most important first, each with its link written out (paper cannot be clicked).
  content.push({
    text: t.tipsHeading(result.tips.length),
    style: 'h2',
    headlineLevel: 1,
  });
  if (result.tips.length === 0) {
    content.push({ text: t.noTips, style: 'p' });
  } else {
    content.push({ text: t.tipsIntro, style: 'p' });
    result.tips.forEach((item, index) => {
      const tip = questionnaire.tips.find((candidate) => candidate.id === item.id);
      if (!tip) return;
      const lines: PdfNode[] = [
        { text: `${index + 1}. ${tip.title[lang]}`, style: 'h3' },
        {
          text: `${t.priority[tip.priority]} · ${t.tipCategory(categoryTitle(tip.category))}`,
          style: 'tipMeta',
        },
        { text: tip.body[lang], style: 'p' },
      ];
      const target = tip.link ? classifyLink(tip.link.href) : null;
      if (tip.link && target?.kind === 'internal') {
        const url = `${input.publicUrl.replace(/\/$/, '')}${target.path}`;
        lines.push({
          text: [{ text: tip.link.label[lang], link: url }, ` (${printedAddress(input.publicUrl, target.path)})`],
          style: 'p',
        });
      } else if (tip.link && target?.kind === 'external') {
        lines.push({
          text: [{ text: tip.link.label[lang], link: target.url }, ` (${target.url.replace(/^https:\/\//, '')})`],
          style: 'p',
        });
      }
      content.push({ stack: lines, unbreakable: true });
    });
  }

  // The action plan: each tip's state and date.
  content.push({ text: t.planHeading, style: 'h2', headlineLevel: 1 });
  if (result.actions.length === 0) {
    content.push({ text: t.planEmpty, style: 'p' });
  } else {
    const done = result.actions.filter((action) => action.done).length;
    content.push({ text: t.planProgress(done, result.actions.length), style: 'p' });
    const rows = result.actions.flatMap((action) => {
      const tip = questionnaire.tips.find((candidate) => candidate.id === action.tipId);
      if (!tip) return [];
      const status = action.done
        ? t.status.done
        : action.plannedFor
          ? t.status.planned(longDate(lang, action.plannedFor))
          : t.status.open;
      const planned =
        action.done && action.plannedFor ? ` (${t.status.planned(longDate(lang, action.plannedFor))})` : '';
      return [[{ text: tip.title[lang] }, { text: `${status}${planned}`, bold: action.done }]];
    });
    content.push({
      table: {
        headerRows: 1,
        widths: ['*', 'auto'],
        body: [
          [
            { text: t.tipColumn, bold: true },
            { text: t.statusColumn, bold: true },
          ],
          ...rows,
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 10],
    });
  }

  // The change since the previous saved result, per category, in words.
  content.push({ text: t.changeHeading, style: 'h2', headlineLevel: 1 });
  if (!previous) {
    content.push({ text: t.changeNone, style: 'p' });
  } else {
    content.push({ text: t.changeIntro(longDate(lang, previous.createdAt)), style: 'p' });
    const items = questionnaire.categories.map((category) => {
      const before = previous.categories.find((item) => item.category === category.id)?.score ?? null;
      const now = result.categories.find((item) => item.category === category.id)?.score ?? null;
      const direction =
        before === null || now === null ? 'unknown' : now > before ? 'up' : now < before ? 'down' : 'same';
      return {
        text: [
          { text: `${category.title[lang]}: `, bold: true },
          t.changeRow(score(before), score(now), t.direction[direction]),
        ],
      };
    });
    content.push({ ul: items, margin: [0, 0, 0, 10] });
  }

  content.push({ text: t.helpHeading, style: 'h2', headlineLevel: 1 });
  content.push({ text: t.help(SUPPORT_TEAM_PHONE.display), style: 'p' });

  const doc = {
    info: {
      title: `${t.title}, ${longDate(lang, result.createdAt)}`,
      author: 'Weerbaar',
      creator: 'Weerbaar',
      producer: 'Weerbaar',
    },
    // /Lang in the catalogue needs PDF 1.4 or newer.
    version: '1.7',
    language: DOCUMENT_LOCALE[lang],
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [56, 56, 56, 64],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.3, color: COLORS.text },
    styles: {
      title: { fontSize: 20, bold: true, color: COLORS.accent, margin: [0, 0, 0, 8] },
      meta: { fontSize: 11, color: COLORS.muted },
      note: { fontSize: 10, italics: true, color: COLORS.muted, margin: [0, 6, 0, 0] },
      h2: { fontSize: 15, bold: true, color: COLORS.accent, margin: [0, 16, 0, 6] },
      h3: { fontSize: 12.5, bold: true, margin: [0, 8, 0, 2] },
      tipMeta: { fontSize: 10, color: COLORS.muted },
      p: { margin: [0, 0, 0, 6] },
      boxHeading: { fontSize: 12, bold: true, margin: [0, 0, 0, 4] },
    },
    footer: (page: number, pages: number) => ({
      text: t.footer(page, pages),
      alignment: 'center',
      fontSize: 8.5,
      color: COLORS.muted,
      margin: [56, 24, 56, 0],
    }),
    content: keepHeadingsWithText(content),
  };
  return renderPdf(doc);
}

/** A heading never ends a page: it and the block after it go on one page together. */
function keepHeadingsWithText(nodes: PdfNode[]): PdfNode[] {
  const kept: PdfNode[] = [];
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as PdfNode;
    const next = nodes[index + 1];
    if (typeof node === 'object' && node.headlineLevel && next !== undefined) {
      kept.push({ stack: [node, next], unbreakable: true });
      index++;
    } else {
      kept.push(node);
    }
  }
  return kept;
}

function helpBox(t: ZelfscanPdfTexts): PdfNode {
  return {
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: t.helpHeading, style: 'boxHeading' },
              { text: t.emergency(EMERGENCY_NUMBER), bold: true, fontSize: 12.5 },
              {
                text: t.support(SUPPORT_TEAM_PHONE.display),
                bold: true,
                fontSize: 12.5,
              },
            ],
            fillColor: COLORS.box,
            margin: [10, 8, 10, 8],
          },
        ],
      ],
    },
    layout: 'noBorders',
    margin: [0, 14, 0, 6],
  };
}
