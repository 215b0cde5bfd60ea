import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Locale } from '../../../shared/locale.ts';
import type { PackagePartResponse, PackagePartsResponse, PackageSearchResponse } from '../../../shared/package.ts';
import { SEARCH_QUERY_MAX_LENGTH, SEARCH_QUERY_MIN_LENGTH } from '../../../shared/package.ts';
import { ApiError, apiGet } from '../../api/client.ts';

/** The parts; also fetched ahead by the home page's route (routes.tsx), alongside its code and texts. */
export const packagePartsQuery = queryOptions({
  queryKey: ['package', 'parts'],
  queryFn: ({ signal }) => apiGet<PackagePartsResponse>('/api/package/parts', signal),
  staleTime: 60_000,
});

export function usePackageParts() {
  return useQuery(packagePartsQuery);
}

/**
 * One part with its page text in both languages, so switching language needs no new request. Also
 * fetched ahead by the part's route (routes.tsx).
 */
export function packagePartQuery(slug: string) {
  return queryOptions({
    queryKey: ['package', 'part', slug],
    queryFn: ({ signal }) => apiGet<PackagePartResponse>(`/api/package/parts/${encodeURIComponent(slug)}`, signal),
    staleTime: 60_000,
    // A part that does not exist will not appear by asking again.
    retry: (failures, error) => !(error instanceof ApiError && error.status === 404) && failures < 1,
  });
}

export function usePackagePart(slug: string) {
  return useQuery(packagePartQuery(slug));
}

/** True when the query is one the API accepts; shorter or longer ones are not sent at all. */
export function isSearchable(query: string): boolean {
  const trimmed = query.trim();
  return trimmed.length >= SEARCH_QUERY_MIN_LENGTH && trimmed.length <= SEARCH_QUERY_MAX_LENGTH;
}

/** Search results; the quotes come in the reader's language, so the language is part of the key. */
export function usePackageSearch(query: string, locale: Locale) {
  const q = query.trim();
  return useQuery({
    queryKey: ['package', 'search', q, locale],
    queryFn: ({ signal }) =>
      apiGet<PackageSearchResponse>(`/api/package/search?${new URLSearchParams({ q, locale })}`, signal),
    enabled: isSearchable(q),
    staleTime: 60_000,
  });
}
