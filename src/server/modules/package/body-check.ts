import { classifyLink, type KnownContent } from '../../../shared/content-links.ts';
import { type Block, linkTargets, parseMarkdown } from '../../../shared/markdown/document.ts';
import { SNIPPET_MARK_END, SNIPPET_MARK_START } from '../../../shared/package.ts';

/** Generous for a page of plain text; keeps one content file from filling the database or the page. */
export const MAX_BODY_LENGTH = 30_000;

/**
 * What makes a part's page text acceptable: the Markdown subset only, links that lead somewhere real,
 * and a closing "what you can do next" section with at least one link. Returns readable problems; an
 * empty list means the text may be published. Used when content is loaded (and later when an admin saves).
 */
export function checkPartBody(markdown: string, known: KnownContent): string[] {
  if (markdown.trim().length === 0) return ['the text is empty'];
  if (markdown.length > MAX_BODY_LENGTH) return [`the text is longer than ${MAX_BODY_LENGTH} characters`];
  const problems: string[] = [];
  if (markdown.includes(SNIPPET_MARK_START) || markdown.includes(SNIPPET_MARK_END)) {
    problems.push('the text contains a character reserved for search highlighting (U+E000 or U+E001)');
  }
  const document = parseMarkdown(markdown);
  for (const problem of document.problems) {
    const what = {
      raw_html: 'raw HTML is not allowed',
      unsupported: 'this Markdown is not supported (use headings, paragraphs, lists, links and emphasis)',
      heading_level: 'headings start at level 2 (##) and go no deeper than level 4',
    }[problem.code];
    problems.push(`${what}: "${problem.source}"`);
  }
  for (const href of linkTargets(document.blocks)) {
    if (!classifyLink(href, known)) {
      problems.push(`link "${href}" leads nowhere allowed (a page of Weerbaar that exists, https, tel: or mailto:)`);
    }
  }
  if (!endsWithNextSteps(document.blocks)) {
    problems.push('the text must end with a level-2 section ("what you can do next") that holds at least one link');
  }
  return problems;
}

function endsWithNextSteps(blocks: Block[]): boolean {
  const lastHeading = blocks.findLastIndex((block) => block.type === 'heading');
  const heading = blocks[lastHeading];
  if (heading?.type !== 'heading' || heading.level !== 2) return false;
  return linkTargets(blocks.slice(lastHeading + 1)).length > 0;
}
