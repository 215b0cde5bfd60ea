import type { Block, Inline } from '../../../shared/markdown/document.ts';
import type { PdfNode } from '../../lib/pdf.ts';

/**
 * How a package part flows over the printed pages, so that no page carries only a line or two (issue 12):
 * a heading stays with what follows it, a short section stays on one page, a long one keeps its first
 * and its last blocks together and never splits a short paragraph or list.
 *
 * pdfmake keeps a node marked `unbreakable` on one page, but it has no multi-page unbreakable blocks: what
 * does not fit on one page is cut off. So only what certainly fits is kept together, judged by a generous
 * estimate of its lines (an A4 page of the package holds about 40).
 */
export const KEEP_TOGETHER_MAX_LINES = 18;

/** The fewest lines the end of a part may bring to a page of its own. */
const MIN_LAST_LINES = 5;

/** Fewer characters than a line of 11 pt Roboto holds over the text width, so the estimate errs long. */
const CHARS_PER_LINE = 75;

function plainLength(inlines: Inline[]): number {
  let length = 0;
  for (const inline of inlines) {
    if (inline.type === 'text') length += inline.text.length;
    else if (inline.type === 'break') length += CHARS_PER_LINE;
    // A link is printed with its address after it: count that too.
    else length += plainLength(inline.children) + (inline.type === 'link' ? inline.href.length + 3 : 0);
  }
  return length;
}

/** Roughly how many lines a block takes, margins included. */
export function estimatedLines(block: Block): number {
  if (block.type === 'heading') return 2.5;
  if (block.type === 'paragraph') return Math.ceil(plainLength(block.children) / CHARS_PER_LINE) + 0.5;
  return block.items.reduce((sum, item) => sum + item.reduce((lines, child) => lines + estimatedLines(child), 0), 0.5);
}

/** The blocks cut at each heading: what comes before the first heading, then a heading with its text. */
function sections(blocks: Block[]): Block[][] {
  const result: Block[][] = [];
  for (const block of blocks) {
    const current = result.at(-1);
    if (block.type === 'heading' || !current) result.push([block]);
    else current.push(block);
  }
  return result;
}

/** The groups of a section that stay together when the whole section does not fit the estimate. */
function groupsOf(section: Block[]): Block[][] {
  const leading = section[0]?.type === 'heading' ? 2 : 1;
  const head = section.slice(0, leading);
  const rest = section.slice(leading);
  const tail = rest.length > 2 ? rest.slice(-2) : [];
  const middle = rest.slice(0, rest.length - tail.length);
  return [head, ...middle.map((block) => [block]), ...(tail.length > 0 ? [tail] : [])];
}

const lines = (blocks: Block[]) => blocks.reduce((sum, block) => sum + estimatedLines(block), 0);

/**
 * The part's blocks as pdfmake nodes, kept together where that is safe. The part ends on a page of its own
 * only with a few lines at least: a short last group takes the one before it along.
 */
export function flowNodes(blocks: Block[], render: (block: Block) => PdfNode): PdfNode[] {
  const groups = sections(blocks).flatMap((section) =>
    lines(section) <= KEEP_TOGETHER_MAX_LINES ? [section] : groupsOf(section),
  );
  while (groups.length > 1) {
    const last = groups.at(-1) ?? [];
    const before = groups.at(-2) ?? [];
    if (lines(last) >= MIN_LAST_LINES || lines([...before, ...last]) > KEEP_TOGETHER_MAX_LINES) break;
    groups.splice(-2, 2, [...before, ...last]);
  }
  return groups.flatMap((group) =>
    lines(group) <= KEEP_TOGETHER_MAX_LINES ? [{ stack: group.map(render), unbreakable: true }] : group.map(render),
  );
}
