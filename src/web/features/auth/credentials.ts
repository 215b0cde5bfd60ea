import { useQuery } from '@tanstack/react-query';
import type { Credentials } from '../../../shared/auth.ts';
import { apiGet } from '../../api/client.ts';

export const CREDENTIALS_QUERY_KEY = ['me', 'credentials'] as const;

/** My sign-in methods: passkeys, whether password + app is set up, recovery codes left. */
export function useCredentials(enabled = true) {
  return useQuery({
    queryKey: CREDENTIALS_QUERY_KEY,
    queryFn: ({ signal }) => apiGet<Credentials>('/api/me/credentials', signal),
    enabled,
  });
}
