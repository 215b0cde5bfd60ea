import { useQuery } from '@tanstack/react-query';
import { apiGet } from '../../api/client.ts';

/** The part of GET /api/me/zelfscan/results this form needs: which saved results exist, and when. */
interface SavedResults {
  results: { id: string; createdAt: string }[];
}

/**
 * The latest saved zelfscan result, if the person has one: they may choose to share it with their
 * confidant. Without saved results (or while the API does not offer them) nothing is offered.
 */
export function useLatestZelfscan() {
  const query = useQuery({
    queryKey: ['zelfscan', 'results'],
    queryFn: ({ signal }) => apiGet<SavedResults>('/api/me/zelfscan/results', signal),
    retry: false,
    staleTime: 60_000,
  });
  const results = query.data?.results ?? [];
  return results.reduce<SavedResults['results'][number] | null>(
    (latest, result) => (!latest || result.createdAt > latest.createdAt ? result : latest),
    null,
  );
}
