import { Lexer, type MarkedToken, type Token } from 'marked';

/**
 * The Markdown subset Weerbaar's content uses, as a small tree the web app renders to React elements
 * itself. Nothing here is ever HTML: raw HTML in the source is dropped (and reported), so content can
 * never put markup or scripts on a page.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: 2 | 3 | 4; children: Inline[] }
  /** `tight`: a list item's text without a paragraph of its own (rendered without <p>). */
  | { type: 'paragraph'; children: Inline[]; tight?: boolean }
  | { type: 'list'; ordered: boolean; items: Block[][] };

export interface MarkdownProblem {
  code: 'raw_html' | 'unsupported' | 'heading_level';
  /** The offending source, shortened, so an author can find it. */
  source: string;
}

export interface MarkdownDocument {
  blocks: Block[];
  /** What was dropped or changed; content loading refuses a document with problems. */
  problems: MarkdownProblem[];
}

const excerpt = (raw: string) => (raw.length > 60 ? `${raw.slice(0, 57)}...` : raw).trim();

export function parseMarkdown(source: string): MarkdownDocument {
  const problems: MarkdownProblem[] = [];
  // gfm off: no tables, no bare-URL autolinks; the subset is headings, paragraphs, lists, links, emphasis.
  const tokens = Lexer.lex(source, { gfm: false });
  return { blocks: toBlocks(tokens, problems), problems };
}

function toBlocks(tokens: Token[], problems: MarkdownProblem[]): Block[] {
  const blocks: Block[] = [];
  for (const generic of tokens) {
    const token = generic as MarkedToken;
    switch (token.type) {
      case 'space':
        break;
      case 'heading': {
        // Level 1 is the page's own title; content starts at level 2 and goes no deeper than 4.
        if (token.depth < 2 || token.depth > 4) problems.push({ code: 'heading_level', source: excerpt(token.raw) });
        const level = Math.min(4, Math.max(2, token.depth)) as 2 | 3 | 4;
        blocks.push({ type: 'heading', level, children: toInlines(token.tokens, problems) });
        break;
      }
      case 'paragraph':
        blocks.push({ type: 'paragraph', children: toInlines(token.tokens, problems) });
        break;
      case 'text':
        blocks.push({ type: 'paragraph', tight: true, children: toInlines(token.tokens ?? [token], problems) });
        break;
      case 'list':
        blocks.push({
          type: 'list',
          ordered: token.ordered,
          items: token.items.map((item) => toBlocks(item.tokens, problems)),
        });
        break;
      case 'html':
        problems.push({ code: 'raw_html', source: excerpt(token.raw) });
        break;
      default:
        problems.push({ code: 'unsupported', source: excerpt(token.raw) });
    }
  }
  return blocks;
}

function toInlines(tokens: Token[], problems: MarkdownProblem[]): Inline[] {
  const inlines: Inline[] = [];
  for (const generic of tokens) {
    const token = generic as MarkedToken;
    switch (token.type) {
      case 'text':
        // A list item's text carries its inline tokens; inline text is a leaf.
        if (token.tokens && token.tokens.length > 0) {
          inlines.push(...toInlines(token.tokens, problems));
        } else {
          inlines.push({ type: 'text', text: token.text });
        }
        break;
      case 'escape':
      case 'codespan':
        inlines.push({ type: 'text', text: token.text });
        break;
      case 'strong':
        inlines.push({ type: 'strong', children: toInlines(token.tokens, problems) });
        break;
      case 'em':
        inlines.push({ type: 'em', children: toInlines(token.tokens, problems) });
        break;
      case 'link':
        inlines.push({ type: 'link', href: token.href, children: toInlines(token.tokens, problems) });
        break;
      case 'br':
        inlines.push({ type: 'break' });
        break;
      case 'html':
        problems.push({ code: 'raw_html', source: excerpt(token.raw) });
        break;
      default:
        problems.push({ code: 'unsupported', source: excerpt(token.raw) });
    }
  }
  return inlines;
}

/** Every link target in the document, in reading order; for the content check. */
export function linkTargets(blocks: Block[]): string[] {
  const hrefs: string[] = [];
  const visitInlines = (inlines: Inline[]) => {
    for (const inline of inlines) {
      if (inline.type === 'link') hrefs.push(inline.href);
      if ('children' in inline) visitInlines(inline.children);
    }
  };
  for (const block of blocks) {
    if (block.type === 'list') hrefs.push(...block.items.flatMap((item) => linkTargets(item)));
    else visitInlines(block.children);
  }
  return hrefs;
}

/** The text a reader sees, one line per block; what search indexes and quotes from. */
export function plainText(blocks: Block[]): string {
  const inlineText = (inlines: Inline[]): string =>
    inlines
      .map((inline) =>
        inline.type === 'text' ? inline.text : inline.type === 'break' ? ' ' : inlineText(inline.children),
      )
      .join('');
  return blocks
    .map((block) =>
      block.type === 'list' ? block.items.map((item) => plainText(item)).join('\n') : inlineText(block.children),
    )
    .join('\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
