import { useQueryClient } from '@tanstack/react-query';
import type { useTranslation } from 'react-i18next';
import { CREDENTIALS_QUERY_KEY } from '../auth/credentials.ts';

/** Says something in the account page's live region. */
export type Announce = (message: string) => void;

/** After a change that signed out other devices, say how many. */
export function endedText(t: ReturnType<typeof useTranslation>['t'], done: string, ended: number): string {
  return ended > 0 ? `${done} ${t('account.endedSessions', { count: ended })}` : done;
}

/** Asks for my sign-in methods again after a change. */
export function useRefreshCredentials() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CREDENTIALS_QUERY_KEY });
}
