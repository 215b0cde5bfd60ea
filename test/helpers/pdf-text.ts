import { inflateSync } from 'node:zlib';

/**
 * Reads back what a reader of a pdfmake/pdfkit PDF sees, for tests, in plain Node (no PDF library):
 *
 * 1. Every `n 0 obj … endobj` is found; a stream's bytes are inflated (FlateDecode, node:zlib).
 * 2. Each font's ToUnicode CMap (`bfchar` / `bfrange`) maps the 2-byte glyph ids pdfkit writes for an
 *    embedded subset font back to Unicode.
 * 3. Each page's content stream is walked: `Tf` picks the font (through the page's /Resources /Font),
 *    `Tm` places a run (a new y means a new line), and the hex strings of `TJ`/`Tj` are decoded.
 *    pdfmake writes each word as its own run with its trailing space, so runs join without a separator.
 *
 * Enough for the documents this project makes; not a general PDF parser (no object streams, no
 * cross-reference streams, no encryption).
 */

export interface PdfObject {
  id: number;
  dict: string;
  stream: Buffer | null;
}

export interface PdfDocumentText {
  /** The text of each page, lines joined with `\n`. */
  pages: string[];
  /** Everything, pages joined with a form feed. */
  text: string;
  info: Record<string, string>;
  /** /Lang of the catalogue. */
  lang: string | null;
  /** /URI targets of link annotations, in page order. */
  links: string[];
  /** Titles of the outline (bookmarks), in order. */
  outline: string[];
  /** True when the fonts are embedded (FontFile2) — and so the text is real, not outlines. */
  fontsEmbedded: boolean;
}

export function readPdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const id = Number(match[1]);
    const start = match.index + match[0].length;
    const endObj = source.indexOf('endobj', start);
    const streamStart = />>\s*stream\r?\n/g;
    streamStart.lastIndex = start;
    const stream = streamStart.exec(source);
    if (!stream || endObj < stream.index) {
      objects.set(id, { id, dict: source.slice(start, endObj), stream: null });
      header.lastIndex = endObj + 'endobj'.length;
      continue;
    }
    const dict = source.slice(start, stream.index + 2);
    const dataStart = stream.index + stream[0].length;
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? '-1');
    const dataEnd = length >= 0 ? dataStart + length : source.indexOf('endstream', dataStart);
    let bytes = pdf.subarray(dataStart, dataEnd);
    if (/\/Filter\s*\/FlateDecode/.test(dict)) bytes = inflateSync(bytes);
    objects.set(id, { id, dict, stream: Buffer.from(bytes) });
    header.lastIndex = source.indexOf('endobj', dataEnd) + 'endobj'.length;
  }
  return objects;
}

/** A PDF literal string `( … )` with its escapes, decoded (UTF-16BE with a BOM, else PDFDocEncoding ≈ Latin-1). */
export function decodeLiteral(raw: string): string {
  let bytes = '';
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i] as string;
    if (char !== '\\') {
      bytes += char;
      continue;
    }
    const next = raw[++i] ?? '';
    const octal = /^[0-7]{1,3}/.exec(raw.slice(i))?.[0];
    if (octal) {
      bytes += String.fromCharCode(Number.parseInt(octal, 8));
      i += octal.length - 1;
    } else {
      bytes += { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }[next] ?? next;
    }
  }
  if (bytes.startsWith('\u00fe\u00ff')) return Buffer.from(bytes.slice(2), 'latin1').swap16().toString('utf16le');
  return bytes;
}

/** The literal string starting at `from` (just after its `(`), with balanced parentheses. */
function literalAt(text: string, from: number): string {
  let depth = 1;
  let i = from;
  for (; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) break;
  }
  return text.slice(from, i);
}

function ref(dict: string, key: string): number | null {
  const match = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return match ? Number(match[1]) : null;
}

function hexToUnicode(spaced: string): string {
  // A ligature maps to several code units, written with spaces: <0066 0069> is "fi".
  const hex = spaced.replace(/\s+/g, '');
  const codes: number[] = [];
  for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(Number.parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...codes);
}

/** glyph id → text, from a ToUnicode CMap. */
export function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (section[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) {
      map.set(Number.parseInt(pair[1] ?? '', 16), hexToUnicode(pair[2] ?? ''));
    }
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = section[1] ?? '';
    for (const range of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F\s]+>)/g)) {
      const low = Number.parseInt(range[1] ?? '', 16);
      const high = Number.parseInt(range[2] ?? '', 16);
      const target = range[3] ?? '';
      if (target.startsWith('[')) {
        const values = [...target.matchAll(/<([0-9a-fA-F\s]+)>/g)].map((value) => hexToUnicode(value[1] ?? ''));
        values.forEach((value, offset) => {
          map.set(low + offset, value);
        });
      } else {
        const start = Number.parseInt(target.slice(1, -1).replace(/\s+/g, ''), 16);
        for (let code = low; code <= high; code++) map.set(code, String.fromCharCode(start + code - low));
      }
    }
  }
  return map;
}

function pageFonts(objects: Map<number, PdfObject>, pageDict: string): Map<string, Map<number, string>> {
  const fonts = new Map<string, Map<number, string>>();
  let resources = pageDict;
  const resourcesRef = ref(pageDict, 'Resources');
  if (resourcesRef !== null) resources = objects.get(resourcesRef)?.dict ?? '';
  let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
  const fontRef = ref(resources, 'Font');
  if (!fontDict && fontRef !== null) fontDict = objects.get(fontRef)?.dict ?? '';
  for (const entry of fontDict.matchAll(/\/([A-Za-z0-9]+)\s+(\d+) 0 R/g)) {
    const font = objects.get(Number(entry[2]));
    const cmapId = font ? ref(font.dict, 'ToUnicode') : null;
    const cmap = cmapId !== null ? objects.get(cmapId)?.stream : null;
    fonts.set(entry[1] ?? '', cmap ? parseToUnicode(cmap.toString('latin1')) : new Map());
  }
  return fonts;
}

function pageText(content: string, fonts: Map<string, Map<number, string>>): string {
  const lines: string[] = [];
  let line = '';
  let lastY: number | null = null;
  let font = new Map<number, string>();
  const decode = (hex: string) => {
    let out = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) out += font.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '\uFFFD';
    return out;
  };
  const tokens =
    /(\/[A-Za-z0-9]+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+Tm|\[((?:[^\]])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
  for (let match = tokens.exec(content); match; match = tokens.exec(content)) {
    if (match[1]) {
      font = fonts.get(match[1].slice(1)) ?? new Map();
    } else if (match[7] !== undefined) {
      const y = Number(match[7]);
      if (lastY !== null && Math.abs(y - lastY) > 0.5) {
        lines.push(line.trimEnd());
        line = '';
      }
      lastY = y;
    } else if (match[8] !== undefined) {
      for (const hex of match[8].matchAll(/<([0-9a-fA-F]*)>/g)) line += decode(hex[1] ?? '');
    } else if (match[9] !== undefined) {
      line += decode(match[9]);
    }
  }
  if (line) lines.push(line.trimEnd());
  return lines.join('\n');
}

export function extractPdfText(pdf: Buffer): PdfDocumentText {
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) throw new Error('not a PDF');
  const objects = readPdfObjects(pdf);
  const pages: string[] = [];
  const links: string[] = [];
  const byId = [...objects.values()].sort((a, b) => a.id - b.id);
  // Page order: the /Kids of the page tree, in order.
  const tree = byId.find((object) => /\/Type\s*\/Pages/.test(object.dict));
  const kids = [...(/\/Kids\s*\[([^\]]*)\]/.exec(tree?.dict ?? '')?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((kid) =>
    Number(kid[1]),
  );
  for (const pageId of kids) {
    const page = objects.get(pageId);
    if (!page) continue;
    const fonts = pageFonts(objects, page.dict);
    const contentRefs = [...(/\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)];
    const content = contentRefs.map((id) => objects.get(Number(id[1]))?.stream?.toString('latin1') ?? '').join('\n');
    pages.push(pageText(content, fonts));
    const annots = /\/Annots\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? '';
    for (const annot of annots.matchAll(/(\d+) 0 R/g)) {
      let dict = objects.get(Number(annot[1]))?.dict ?? '';
      const action = ref(dict, 'A');
      if (action !== null) dict = objects.get(action)?.dict ?? '';
      const uriAt = dict.indexOf('/URI (');
      if (uriAt >= 0) links.push(decodeLiteral(literalAt(dict, uriAt + '/URI ('.length)));
    }
  }
  const info: Record<string, string> = {};
  const infoId = ref(pdf.toString('latin1').slice(pdf.toString('latin1').lastIndexOf('trailer')), 'Info');
  const infoDict = infoId !== null ? (objects.get(infoId)?.dict ?? '') : '';
  for (const entry of infoDict.matchAll(/\/(\w+)\s+(?:(\d+) 0 R|\()/g)) {
    const key = entry[1] ?? '';
    if (entry[2]) {
      const target = objects.get(Number(entry[2]))?.dict.trim() ?? '';
      if (target.startsWith('(')) info[key] = decodeLiteral(literalAt(target, 1));
    } else {
      info[key] = decodeLiteral(literalAt(infoDict, (entry.index ?? 0) + entry[0].length));
    }
  }
  const catalog = byId.find((object) => /\/Type\s*\/Catalog/.test(object.dict))?.dict ?? '';
  const langAt = catalog.indexOf('/Lang (');
  const lang = langAt >= 0 ? decodeLiteral(literalAt(catalog, langAt + '/Lang ('.length)) : null;
  const outline: string[] = [];
  for (const object of byId) {
    if (!/\/Parent\s+\d+ 0 R/.test(object.dict) || !/\/Dest\b|\/A\b/.test(object.dict)) continue;
    const titleAt = object.dict.indexOf('/Title (');
    if (titleAt >= 0) outline.push(decodeLiteral(literalAt(object.dict, titleAt + '/Title ('.length)));
  }
  const fontsEmbedded = byId.some((object) => /\/FontFile2\s+\d+ 0 R/.test(object.dict));
  return { pages, text: pages.join('\f'), info, lang, links, outline, fontsEmbedded };
}

/** Collapses runs of whitespace, so a test can look for a sentence that wrapped over two lines. */
export function flattenText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
