import { classifyLink, type KnownContent } from './content-links.ts';
import { type Block, linkTargets, parseMarkdown } from './markdown/document.ts';
import { SNIPPET_MARK_END, SNIPPET_MARK_START } from './package.ts';
import {
  BODY_MAX_LENGTH,
  type ContentField,
  type PackageRevisionTexts,
  SUMMARY_MAX_LENGTH,
  TITLE_MAX_LENGTH,
} from './package-admin.ts';

/**
 * The content check of a part's texts: the one set of rules for the shipped files (checked when they
 * load and in the unit suite) and for an admin's save (refused with these reasons). Pure and shared, so
 * the edit page can show the same reasons while the admin types.
 */
export type ContentProblemCode =
  | 'empty'
  | 'too_long'
  | 'reserved_character'
  | 'raw_html'
  | 'unsupported'
  | 'heading_level'
  | 'link_not_allowed'
  | 'missing_next_steps';

export interface ContentProblem {
  code: ContentProblemCode;
  /** The offending source (shortened) or link, so an author can find it. */
  source?: string;
  /** For `too_long`: the limit. */
  max?: number;
}

export interface FieldContentProblem extends ContentProblem {
  field: ContentField;
}

const hasReservedCharacter = (text: string) => text.includes(SNIPPET_MARK_START) || text.includes(SNIPPET_MARK_END);

/** A title or summary: plain text, not empty, not too long. */
export function plainTextProblems(text: string, max: number): ContentProblem[] {
  if (text.trim().length === 0) return [{ code: 'empty' }];
  const problems: ContentProblem[] = [];
  if (text.trim().length > max) problems.push({ code: 'too_long', max });
  if (hasReservedCharacter(text)) problems.push({ code: 'reserved_character' });
  if (/<[A-Za-z!/?]/.test(text)) problems.push({ code: 'raw_html', source: excerpt(text) });
  return problems;
}

/**
 * A page text: the Markdown subset only, links that lead somewhere real, and a closing "what you can do
 * next" section with at least one link.
 */
export function partBodyProblems(markdown: string, known: KnownContent): ContentProblem[] {
  if (markdown.trim().length === 0) return [{ code: 'empty' }];
  if (markdown.length > BODY_MAX_LENGTH) return [{ code: 'too_long', max: BODY_MAX_LENGTH }];
  const problems: ContentProblem[] = [];
  if (hasReservedCharacter(markdown)) problems.push({ code: 'reserved_character' });
  const document = parseMarkdown(markdown);
  for (const problem of document.problems) problems.push({ code: problem.code, source: problem.source });
  for (const href of linkTargets(document.blocks)) {
    if (!classifyLink(href, known)) problems.push({ code: 'link_not_allowed', source: href });
  }
  if (!endsWithNextSteps(document.blocks)) problems.push({ code: 'missing_next_steps' });
  return problems;
}

/** Every problem of a part's texts, field by field (`title.nl` … `body.en`); empty means it may be published. */
export function checkPartTexts(texts: PackageRevisionTexts, known: KnownContent): FieldContentProblem[] {
  const problems: FieldContentProblem[] = [];
  for (const locale of ['nl', 'en'] as const) {
    for (const problem of plainTextProblems(texts.title[locale], TITLE_MAX_LENGTH)) {
      problems.push({ field: `title.${locale}`, ...problem });
    }
    for (const problem of plainTextProblems(texts.summary[locale], SUMMARY_MAX_LENGTH)) {
      problems.push({ field: `summary.${locale}`, ...problem });
    }
    for (const problem of partBodyProblems(texts.body[locale], known)) {
      problems.push({ field: `body.${locale}`, ...problem });
    }
  }
  return problems;
}

/** The problem as one English sentence, for logs, the content loader and API clients. */
export function describeContentProblem(problem: ContentProblem): string {
  switch (problem.code) {
    case 'empty':
      return 'the text is empty';
    case 'too_long':
      return `the text is longer than ${problem.max} characters`;
    case 'reserved_character':
      return 'the text contains a character reserved for search highlighting (U+E000 or U+E001)';
    case 'raw_html':
      return `raw HTML is not allowed: "${problem.source}"`;
    case 'unsupported':
      return `this Markdown is not supported (use headings, paragraphs, lists, links and emphasis): "${problem.source}"`;
    case 'heading_level':
      return `headings start at level 2 (##) and go no deeper than level 4: "${problem.source}"`;
    case 'link_not_allowed':
      return `link "${problem.source}" leads nowhere allowed (a page of Weerbaar that exists, https, tel: or mailto:)`;
    case 'missing_next_steps':
      return 'the text must end with a level-2 section ("what you can do next") that holds at least one link';
  }
}

function excerpt(raw: string): string {
  return (raw.length > 60 ? `${raw.slice(0, 57)}...` : raw).trim();
}

function endsWithNextSteps(blocks: Block[]): boolean {
  const lastHeading = blocks.findLastIndex((block) => block.type === 'heading');
  const heading = blocks[lastHeading];
  if (heading?.type !== 'heading' || heading.level !== 2) return false;
  return linkTargets(blocks.slice(lastHeading + 1)).length > 0;
}
