import type { PackageSearchResult } from '../../../shared/package.ts';
import { packagePartPath } from '../../../shared/web-paths.ts';
import { currentLocale } from '../../i18n/index.ts';
import { Heading3, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** Each result links to its part; the words that matched are marked (as text, never as HTML). */
export function SearchResults({ results }: { results: PackageSearchResult[] }) {
  const locale = currentLocale();
  return (
    <ol className="weerbaar-search-list">
      {results.map((result) => (
        <li key={result.slug} className="weerbaar-search-list__item">
          <Heading3>
            <RouterLink to={packagePartPath(result.slug)}>{result.title[locale]}</RouterLink>
          </Heading3>
          <Paragraph>
            {result.snippet.map((segment, index) =>
              segment.match ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed quote, in order
                <mark key={index}>{segment.text}</mark>
              ) : (
                segment.text
              ),
            )}
          </Paragraph>
        </li>
      ))}
    </ol>
  );
}
