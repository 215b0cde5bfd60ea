import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LOCALES, type LocalizedText, localizedTextSchema } from '../../../shared/locale.ts';
import { parseMarkdown, plainText } from '../../../shared/markdown/document.ts';
import { PACKAGE_SLUG_PATTERN } from '../../../shared/package.ts';
import { SUMMARY_MAX_LENGTH, TITLE_MAX_LENGTH } from '../../../shared/package-admin.ts';
import { describeContentProblem, plainTextProblems } from '../../../shared/package-content-check.ts';
import { checkPartBody } from './body-check.ts';

/**
 * The package texts are content, not code: `content/package/parts.json` lists the parts with their title
 * and summary, and each part's page text is Markdown in `<slug>.nl.md` and `<slug>.en.md` beside it.
 */
export const PACKAGE_CONTENT_FILE = fileURLToPath(new URL('../../../../content/package/parts.json', import.meta.url));

const slugSchema = z.string().regex(PACKAGE_SLUG_PATTERN, 'a slug is lower-case words joined by hyphens');

export const packageContentSchema = z.object({
  parts: z
    .array(z.object({ slug: slugSchema, title: localizedTextSchema, summary: localizedTextSchema }).strict())
    .min(1)
    .refine((parts) => new Set(parts.map((part) => part.slug)).size === parts.length, 'every slug must be unique'),
});

export interface PackagePartContent {
  slug: string;
  position: number;
  title: LocalizedText;
  summary: LocalizedText;
  /** The page text as Markdown. */
  body: LocalizedText;
  /** The page text as a reader sees it, for search. */
  bodyText: LocalizedText;
  contentHash: string;
}

/** Reads and checks all package content; refuses (throws) with every problem listed, so bad content never goes live. */
export async function readPackageContent(file = PACKAGE_CONTENT_FILE): Promise<PackagePartContent[]> {
  const parsed = packageContentSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`The package content in ${file} is not valid: ${z.prettifyError(parsed.error)}`);
  }
  const known = { packageSlugs: parsed.data.parts.map((part) => part.slug) };
  const problems: string[] = [];
  const parts: PackagePartContent[] = [];
  for (const [position, part] of parsed.data.parts.entries()) {
    const body = { nl: '', en: '' };
    const bodyText = { nl: '', en: '' };
    for (const locale of LOCALES) {
      const bodyFile = path.join(path.dirname(file), `${part.slug}.${locale}.md`);
      const markdown = await readFile(bodyFile, 'utf8').catch(() => null);
      if (markdown === null) {
        problems.push(`${bodyFile}: the page text is missing`);
        continue;
      }
      problems.push(...checkPartBody(markdown, known).map((problem) => `${bodyFile}: ${problem}`));
      // Titles and summaries follow the same rules as an admin's save (length, no markup).
      for (const [field, text, max] of [
        ['title', part.title[locale], TITLE_MAX_LENGTH],
        ['summary', part.summary[locale], SUMMARY_MAX_LENGTH],
      ] as const) {
        for (const problem of plainTextProblems(text, max)) {
          problems.push(`${file}: ${part.slug} ${field}.${locale}: ${describeContentProblem(problem)}`);
        }
      }
      // Stored trimmed, as the API's localized-text schema gives it out.
      body[locale] = markdown.trim();
      bodyText[locale] = plainText(parseMarkdown(markdown).blocks);
    }
    const contentHash = createHash('sha256')
      .update(JSON.stringify([position, part, body]))
      .digest('hex');
    parts.push({ ...part, position, body, bodyText, contentHash });
  }
  if (problems.length > 0) {
    throw new Error(`The package content is not valid:\n- ${problems.join('\n- ')}`);
  }
  return parts;
}
