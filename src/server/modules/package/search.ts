import { eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Locale } from '../../../shared/locale.ts';
import {
  type PackageSearchResult,
  SEARCH_MAX_RESULTS,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
  type SnippetSegment,
} from '../../../shared/package.ts';
import type { Db } from '../../db/index.ts';
import { packageParts, packagePartTranslations as t } from './db.ts';

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;
const SEARCH_CONFIG: Record<Locale, string> = { nl: 'dutch', en: 'english' };
/** A match in the other language still counts, a little less than one in the language being read. */
const OTHER_LANGUAGE_WEIGHT = 0.8;
const HEADLINE_OPTIONS = `MaxWords=35, MinWords=18, ShortWord=2, StartSel=${SNIPPET_MARK_START}, StopSel=${SNIPPET_MARK_END}`;

/**
 * The query as database input. Words keep only letters and digits, so joining them into a tsquery can
 * never produce tsquery syntax (no `&`, `|`, `!`, quotes); each word matches as a prefix ("woning" finds
 * "woningscan"). The whole query is also matched literally, with LIKE's wildcards escaped. Splitting on
 * one negated character class is linear, whatever the input.
 */
export function searchTerms(query: string): { prefixQuery: string | null; likePattern: string } {
  const words = query
    .normalize('NFKC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    // Counted in code points, so a cut never splits a character outside the BMP in two.
    .map((word) => Array.from(word))
    .filter((characters) => characters.length >= 2)
    .slice(0, MAX_WORDS)
    .map((characters) => `${characters.slice(0, MAX_WORD_LENGTH).join('')}:*`);
  const literal = query.trim().replace(/[\\%_]/g, (character) => `\\${character}`);
  return { prefixQuery: words.length > 0 ? words.join(' & ') : null, likePattern: `%${literal}%` };
}

/** Cuts a headline made with the private-use marks into plain segments; no markup leaves the server. */
export function toSegments(headline: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let match = false;
  let text = '';
  for (const character of headline) {
    if (character === SNIPPET_MARK_START || character === SNIPPET_MARK_END) {
      if (text) segments.push({ text, match });
      text = '';
      match = character === SNIPPET_MARK_START;
    } else {
      text += character;
    }
  }
  if (text) segments.push({ text, match });
  return segments;
}

/** A quote on one line, with an ellipsis where it starts or ends inside the text. */
function quoted(segments: SnippetSegment[], whole: string): SnippetSegment[] {
  const flat = segments.map((segment) => ({ ...segment, text: segment.text.replace(/\s+/g, ' ') }));
  const text = flat
    .map((segment) => segment.text)
    .join('')
    .trim();
  const plain = whole.replace(/\s+/g, ' ').trim();
  if (text && !plain.startsWith(text)) flat.unshift({ text: '… ', match: false });
  if (text && !plain.endsWith(text)) flat.push({ text: ' …', match: false });
  return flat;
}

/** Beginning of a text, cut at a word, for parts that matched only literally. */
function opening(text: string, words = 30): SnippetSegment[] {
  const all = text.split(/\s+/).filter(Boolean);
  const shown = all.slice(0, words).join(' ');
  return [{ text: all.length > words ? `${shown} …` : shown, match: false }];
}

/**
 * Searches titles, summaries and page texts in both languages. Ranked by full-text relevance (title
 * above summary above text, the reader's language above the other), a literal title match on top; ties
 * in package order, so the same query always gives the same list.
 */
export async function searchPackage(db: Db, query: string, locale: Locale): Promise<PackageSearchResult[]> {
  const { prefixQuery, likePattern } = searchTerms(query);
  const tsquery = prefixQuery
    ? sql`CASE ${t.locale} WHEN 'nl' THEN to_tsquery('dutch', ${prefixQuery}) ELSE to_tsquery('english', ${prefixQuery}) END`
    : null;
  const literal = or(ilike(t.title, likePattern), ilike(t.summary, likePattern), ilike(t.bodyText, likePattern));
  const conditions: SQL[] = [];
  if (tsquery) conditions.push(sql`${t.searchVector} @@ ${tsquery}`);
  if (literal) conditions.push(literal);
  const matches = await db
    .select({
      slug: t.slug,
      locale: t.locale,
      position: packageParts.position,
      rank: (tsquery ? sql`ts_rank(${t.searchVector}, ${tsquery})::float8` : sql`0::float8`).mapWith(Number),
      titleHit: sql`${ilike(t.title, likePattern)}`.mapWith(Boolean),
    })
    .from(t)
    .innerJoin(packageParts, eq(packageParts.slug, t.slug))
    .where(or(...conditions));

  const best = new Map<string, { score: number; position: number }>();
  for (const row of matches) {
    const score = row.rank * (row.locale === locale ? 1 : OTHER_LANGUAGE_WEIGHT) + (row.titleHit ? 1 : 0);
    const known = best.get(row.slug);
    if (!known || score > known.score) best.set(row.slug, { score, position: row.position });
  }
  const ranked = [...best.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.position - b.position)
    .slice(0, SEARCH_MAX_RESULTS)
    .map(([slug]) => slug);
  if (ranked.length === 0) return [];

  const config = SEARCH_CONFIG[locale];
  const rows = await db
    .select({
      slug: t.slug,
      locale: t.locale,
      title: t.title,
      bodyText: t.bodyText,
      // Only the reader's language needs a quote.
      headline: prefixQuery
        ? sql<string>`CASE WHEN ${t.locale} = ${locale} THEN ts_headline(${config}::regconfig, ${t.bodyText}, to_tsquery(${config}::regconfig, ${prefixQuery}), ${HEADLINE_OPTIONS}) ELSE '' END`
        : sql<string>`''`,
    })
    .from(t)
    .where(inArray(t.slug, ranked));
  return ranked.map((slug) => {
    const own = rows.filter((row) => row.slug === slug);
    const title = { nl: '', en: '' };
    for (const row of own) title[row.locale as Locale] = row.title;
    const reading = own.find((row) => row.locale === locale);
    const segments = reading?.headline ? quoted(toSegments(reading.headline), reading.bodyText) : [];
    return { slug, title, snippet: segments.length > 0 ? segments : opening(reading?.bodyText ?? '') };
  });
}
