import type { KnownContent } from '../../../shared/content-links.ts';
import { BODY_MAX_LENGTH } from '../../../shared/package-admin.ts';
import { describeContentProblem, partBodyProblems } from '../../../shared/package-content-check.ts';

/** Generous for a page of plain text; keeps one content file from filling the database or the page. */
export const MAX_BODY_LENGTH = BODY_MAX_LENGTH;

/**
 * What makes a part's page text acceptable: the Markdown subset only, links that lead somewhere real,
 * and a closing "what you can do next" section with at least one link. Returns readable problems; an
 * empty list means the text may be published. The rules live in src/shared/package-content-check.ts,
 * which an admin's save runs too (with the reasons as field errors).
 */
export function checkPartBody(markdown: string, known: KnownContent): string[] {
  return partBodyProblems(markdown, known).map(describeContentProblem);
}
