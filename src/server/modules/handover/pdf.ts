import QRCode from 'qrcode';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { classifyLink } from '../../../shared/content-links.ts';
import { formatActivationCode, type RegionKind } from '../../../shared/handover.ts';
import type { Locale } from '../../../shared/locale.ts';
import { type Block, type Inline, parseMarkdown } from '../../../shared/markdown/document.ts';
import type { Office } from '../../../shared/people.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { renderPdf } from '../../lib/pdf.ts';
import { DOCUMENT_LOCALE, HANDOVER_PDF_TEXTS, type HandoverPdfTexts, longDate } from '../../lib/texts/index.ts';
import type { EditionPart } from './db.ts';
import { flowNodes } from './pdf-flow.ts';

/**
 * The printable Veiligheidspakket (pdfmake 0.3 on the server, Roboto from the pdfmake package embedded
 * as subsets; no network or file access beyond those fonts).
 *
 * As accessible as pdfmake allows: real text with Unicode maps (it can be searched, copied and read
 * aloud), one language per document set in the catalogue (/Lang), the document title shown instead of
 * the file name, headings as larger bold text in reading order, a table of contents whose entries link
 * to their pages and double as bookmarks (outline). pdfmake does not write a structure tree, so the PDF
 * is not tagged (PDF/UA); it does not claim to be.
 */

export interface PackagePdfPerson {
  name: string;
  office: Office | null;
  regionKind: RegionKind | null;
  region: string | null;
  /** `YYYY-MM-DD`, when known. */
  installationDate: string | null;
}

/** What the cover says about activating the account. */
export type PackagePdfActivation =
  | { kind: 'invitation'; link: string; linkExpiresAt: Date; code: string; codeExpiresAt: Date }
  | { kind: 'mailed'; sentAt: Date; linkExpiresAt: Date }
  | { kind: 'active' }
  | { kind: 'none' };

export interface PackagePdfInput {
  lang: Locale;
  publicUrl: string;
  person: PackagePdfPerson;
  edition: { version: number; publishedAt: Date; parts: EditionPart[] };
  activation: PackagePdfActivation;
}

type Node = Record<string, unknown> | string;

const COLORS = { text: '#1a1a1a', muted: '#4d4d4d', accent: '#0b3d91', box: '#eef2f8', rule: '#9aa7bd' };

/** Without the scheme, for print: "weerbaar.nl/activeren/code". */
function printedAddress(publicUrl: string, pathName: string): string {
  return `${publicUrl.replace(/^https?:\/\//, '').replace(/\/$/, '')}${pathName}`;
}

/** A phone number as printed ("070 373 83 14", "0900 8844"): read as one thing, so never broken over lines. */
const PHONE_NUMBER = /\b0\d{2,3}(?: \d{2,4}){1,3}\b/g;

/** Text as runs in which every phone number stays on one line. */
export function keepNumbersWhole(text: string): Node[] {
  const runs: Node[] = [];
  let at = 0;
  for (const match of text.matchAll(PHONE_NUMBER)) {
    if (match.index > at) runs.push(text.slice(at, match.index));
    runs.push({ text: match[0], noWrap: true });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push(text.slice(at));
  return runs;
}

/** Markdown inlines as pdfmake text runs; links show where they go, since paper cannot be clicked. */
function inlineRuns(inlines: Inline[], publicUrl: string): Node[] {
  const runs: Node[] = [];
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        runs.push(...keepNumbersWhole(inline.text));
        break;
      case 'break':
        runs.push('\n');
        break;
      case 'strong':
        runs.push({ text: inlineRuns(inline.children, publicUrl), bold: true });
        break;
      case 'em':
        runs.push({ text: inlineRuns(inline.children, publicUrl), italics: true });
        break;
      case 'link': {
        const target = classifyLink(inline.href);
        const children = inlineRuns(inline.children, publicUrl);
        if (target?.kind === 'internal') {
          const url = `${publicUrl.replace(/\/$/, '')}${target.path}`;
          runs.push({ text: children, link: url }, ` (${printedAddress(publicUrl, target.path)})`);
        } else if (target?.kind === 'external') {
          const shown = target.url.replace(/^https:\/\//, '').replace(/\/$/, '');
          const label = plain(inline.children);
          runs.push({ text: children, link: target.url });
          if (!label.includes(shown)) runs.push(` (${shown})`);
        } else {
          // Phone numbers and e-mail addresses are their own text; anything else is plain text.
          runs.push({ text: children });
        }
        break;
      }
    }
  }
  return runs;
}

function plain(inlines: Inline[]): string {
  return inlines
    .map((inline) => (inline.type === 'text' ? inline.text : inline.type === 'break' ? ' ' : plain(inline.children)))
    .join('');
}

const HEADING_STYLE = { 2: 'h2', 3: 'h3', 4: 'h4' } as const;

function blockNode(block: Block, publicUrl: string): Node {
  if (block.type === 'heading') {
    return { text: inlineRuns(block.children, publicUrl), style: HEADING_STYLE[block.level], headlineLevel: 1 };
  }
  if (block.type === 'paragraph') {
    return { text: inlineRuns(block.children, publicUrl), style: block.tight ? 'listText' : 'p' };
  }
  const items = block.items.map((item) => {
    const nodes = blockNodes(item, publicUrl);
    return nodes.length === 1 ? (nodes[0] as Node) : { stack: nodes };
  });
  return block.ordered ? { ol: items, style: 'list' } : { ul: items, style: 'list' };
}

function blockNodes(blocks: Block[], publicUrl: string): Node[] {
  return blocks.map((block) => blockNode(block, publicUrl));
}

async function qrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { light: '#ffffffff' } });
}

function coverNodes(input: PackagePdfInput, texts: HandoverPdfTexts, qr: string | null): Node[] {
  const { person, edition, lang } = input;
  const nodes: Node[] = [
    { text: texts.title, style: 'title' },
    { text: texts.subtitle, style: 'subtitle' },
    { text: texts.personalCopyFor, style: 'coverLabel' },
    { text: person.name, style: 'coverName' },
  ];
  const office = person.office ? texts.offices[person.office] : null;
  const region = person.region && person.regionKind ? texts.region(person.regionKind, person.region) : person.region;
  const officeLine = office && region ? texts.officeInRegion(office, region) : (office ?? region);
  if (officeLine) nodes.push({ text: officeLine, style: 'coverOffice' });
  if (person.installationDate) {
    nodes.push({ text: texts.installedOn(longDate(lang, person.installationDate)), style: 'coverDate' });
  }
  nodes.push({ text: texts.version(edition.version, longDate(lang, edition.publishedAt)), style: 'coverVersion' });
  nodes.push({
    table: {
      widths: ['*'],
      body: [
        [
          {
            stack: [
              { text: texts.emergencyTitle, style: 'boxHeading' },
              { text: keepNumbersWhole(texts.emergencyLine(EMERGENCY_NUMBER)), bold: true, fontSize: 13 },
              { text: keepNumbersWhole(texts.supportLine(SUPPORT_TEAM_PHONE.display)), bold: true, fontSize: 13 },
            ],
            fillColor: COLORS.box,
            margin: [10, 8, 10, 8],
          },
        ],
      ],
    },
    layout: 'noBorders',
    margin: [0, 18, 0, 18],
  });

  const activation = input.activation;
  if (activation.kind === 'invitation' && qr) {
    const codeAddress = printedAddress(input.publicUrl, `${WEB_PATHS.activate}/code`);
    nodes.push({ text: texts.activation.heading, style: 'h2', headlineLevel: 1 });
    nodes.push({
      columns: [
        { svg: qr, width: 132, link: activation.link },
        {
          width: '*',
          stack: [
            { text: texts.activation.scan(longDate(lang, activation.linkExpiresAt)), style: 'p' },
            { text: texts.activation.orCodeGoTo, margin: [0, 0, 0, 2] },
            { text: codeAddress, style: 'address', noWrap: true },
            { text: texts.activation.typeCode, margin: [0, 0, 0, 2] },
            { text: formatActivationCode(activation.code), style: 'code', noWrap: true },
            { text: texts.activation.codeValid(longDate(lang, activation.codeExpiresAt)), style: 'p' },
          ],
        },
      ],
      columnGap: 16,
    });
    nodes.push({ text: texts.activation.keepSafe, style: 'note' });
  } else if (activation.kind === 'mailed') {
    nodes.push({ text: texts.activation.heading, style: 'h2', headlineLevel: 1 });
    nodes.push({
      text: texts.activation.mailed(longDate(lang, activation.sentAt), longDate(lang, activation.linkExpiresAt)),
      style: 'p',
    });
    nodes.push({ text: keepNumbersWhole(texts.activation.mailedHelp(SUPPORT_TEAM_PHONE.display)), style: 'p' });
  } else if (activation.kind === 'active') {
    nodes.push({ text: texts.alreadyActive(printedAddress(input.publicUrl, WEB_PATHS.signIn)), style: 'p' });
  }
  return nodes;
}

export async function renderPackagePdf(input: PackagePdfInput): Promise<Buffer> {
  const texts = HANDOVER_PDF_TEXTS[input.lang];
  const qr = input.activation.kind === 'invitation' ? await qrSvg(input.activation.link) : null;
  const parts = [...input.edition.parts].sort((a, b) => a.position - b.position);

  const content: Node[] = [
    ...coverNodes(input, texts, qr),
    {
      toc: {
        title: { text: texts.contents, style: 'h1' },
        outlines: true,
        textStyle: { fontSize: 11.5 },
        textMargin: [0, 3, 0, 3],
      },
      pageBreak: 'before',
    },
    { text: texts.contentsIntro, style: 'p', margin: [0, 12, 0, 0] },
  ];
  for (const part of parts) {
    const { blocks } = parseMarkdown(part.body[input.lang]);
    content.push(
      { text: part.title[input.lang], style: 'h1', tocItem: true, pageBreak: 'before' },
      { text: part.summary[input.lang], style: 'lead' },
      ...flowNodes(blocks, (block) => blockNode(block, input.publicUrl)),
    );
  }
  content.push(
    { text: texts.helpHeading, style: 'h1', tocItem: true, pageBreak: 'before' },
    { text: texts.helpIntro, style: 'p' },
    {
      table: {
        widths: ['auto', '*'],
        body: [
          [
            { text: EMERGENCY_NUMBER, style: 'number' },
            { text: texts.helpEmergency, style: 'p' },
          ],
          [
            { text: SUPPORT_TEAM_PHONE.display, style: 'number', noWrap: true },
            { text: texts.helpSupport, style: 'p' },
          ],
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 6, 0, 12],
    },
    { text: texts.helpOnline(printedAddress(input.publicUrl, '')), style: 'p' },
  );

  const doc = {
    info: {
      title: `${texts.documentTitle}: ${input.person.name}`,
      subject: texts.subtitle,
      author: 'Netwerk Weerbaar Bestuur',
      creator: 'Weerbaar',
      producer: 'Weerbaar',
    },
    // /Lang in the catalogue needs PDF 1.4 or newer.
    version: '1.7',
    language: DOCUMENT_LOCALE[input.lang],
    displayTitle: true,
    pageSize: 'A4',
    pageMargins: [60, 56, 60, 64],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.3, color: COLORS.text },
    styles: {
      title: { fontSize: 30, bold: true, color: COLORS.accent, margin: [0, 40, 0, 4] },
      subtitle: { fontSize: 12, color: COLORS.muted, margin: [0, 0, 0, 40] },
      coverLabel: { fontSize: 11, color: COLORS.muted },
      coverName: { fontSize: 24, bold: true, margin: [0, 2, 0, 6] },
      coverOffice: { fontSize: 15, margin: [0, 0, 0, 4] },
      coverDate: { fontSize: 13, margin: [0, 0, 0, 4] },
      coverVersion: { fontSize: 10, color: COLORS.muted },
      boxHeading: { fontSize: 12, bold: true, margin: [0, 0, 0, 4] },
      h1: { fontSize: 20, bold: true, color: COLORS.accent, margin: [0, 0, 0, 10] },
      h2: { fontSize: 15, bold: true, margin: [0, 14, 0, 6] },
      h3: { fontSize: 13, bold: true, margin: [0, 10, 0, 4] },
      h4: { fontSize: 11.5, bold: true, margin: [0, 8, 0, 4] },
      lead: { fontSize: 12.5, margin: [0, 0, 0, 10] },
      p: { margin: [0, 0, 0, 8] },
      listText: { margin: [0, 0, 0, 3] },
      list: { margin: [0, 0, 0, 8] },
      note: { fontSize: 10, italics: true, color: COLORS.muted, margin: [0, 10, 0, 0] },
      address: { fontSize: 12.5, bold: true, margin: [0, 0, 0, 8] },
      code: { fontSize: 20, bold: true, characterSpacing: 2, margin: [0, 0, 0, 8] },
      number: { fontSize: 16, bold: true, margin: [0, 2, 12, 2] },
    },
    // A heading never ends a page: it moves to the next one with its text.
    pageBreakBefore: (current: { headlineLevel?: number }, nodes: { getFollowingNodesOnPage(): unknown[] }) =>
      Boolean(current.headlineLevel) && nodes.getFollowingNodesOnPage().length === 0,
    footer: (page: number, pages: number) => ({
      text: texts.footer(page, pages),
      alignment: 'center',
      fontSize: 8.5,
      color: COLORS.muted,
      margin: [60, 24, 60, 0],
    }),
    content,
  };
  return renderPdf(doc);
}
