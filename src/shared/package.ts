import { z } from 'zod';
import { DEFAULT_LOCALE, LOCALES, localizedTextSchema } from './locale.ts';

/** A part of the Veiligheidspakket as the API presents it: both languages at once, so switching is instant. */
export const packagePartSchema = z.object({
  slug: z.string(),
  position: z.number().int(),
  title: localizedTextSchema,
  summary: localizedTextSchema,
});

export const packagePartsResponseSchema = z.object({
  parts: z.array(packagePartSchema),
});

export type PackagePart = z.infer<typeof packagePartSchema>;
export type PackagePartsResponse = z.infer<typeof packagePartsResponseSchema>;

/** One part with its full page text: Markdown (the subset in src/shared/markdown), in both languages. */
export const packagePartDetailSchema = packagePartSchema.extend({
  body: localizedTextSchema,
});

export const packagePartResponseSchema = z.object({
  part: packagePartDetailSchema,
});

/** Slugs are lower-case words joined by hyphens; anything else cannot be a part. */
export const PACKAGE_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const packageSlugSchema = z.string().min(1).max(80).regex(PACKAGE_SLUG_PATTERN);

/** Search input is bounded: a few words are enough to find a part of the package. */
export const SEARCH_QUERY_MIN_LENGTH = 2;
export const SEARCH_QUERY_MAX_LENGTH = 100;
export const SEARCH_MAX_RESULTS = 20;

export const packageSearchQuerySchema = z.object({
  q: z.string().trim().min(SEARCH_QUERY_MIN_LENGTH).max(SEARCH_QUERY_MAX_LENGTH),
  locale: z.enum(LOCALES).default(DEFAULT_LOCALE),
});

/**
 * Private-use characters that mark the matched words in a snippet while it is made in the database;
 * the API sends segments instead, so no markup ever travels. Content may not contain them.
 */
export const SNIPPET_MARK_START = '\uE000';
export const SNIPPET_MARK_END = '\uE001';

/** A piece of a search snippet; `match` pieces are the words that were searched for. */
export const snippetSegmentSchema = z.object({ text: z.string(), match: z.boolean() });

export const packageSearchResultSchema = z.object({
  slug: z.string(),
  title: localizedTextSchema,
  /** A short quote from the part's page text, in the requested language. */
  snippet: z.array(snippetSegmentSchema),
});

export const packageSearchResponseSchema = z.object({
  query: z.string(),
  locale: z.enum(LOCALES),
  results: z.array(packageSearchResultSchema),
});

export type PackagePartDetail = z.infer<typeof packagePartDetailSchema>;
export type PackagePartResponse = z.infer<typeof packagePartResponseSchema>;
export type SnippetSegment = z.infer<typeof snippetSegmentSchema>;
export type PackageSearchResult = z.infer<typeof packageSearchResultSchema>;
export type PackageSearchResponse = z.infer<typeof packageSearchResponseSchema>;
