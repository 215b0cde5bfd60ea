import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Role } from '../../shared/roles.ts';
import type { SessionInfo } from '../../shared/session.ts';
import { apiGet, apiPost, setCsrfToken } from '../api/client.ts';
import type { SignInNotice } from '../features/auth/navigation.ts';

export const SESSION_QUERY_KEY = ['session'] as const;

/**
 * Why the session just ended, for the sign-in page. Whichever navigation gets there first (the page that
 * ended the session, or the guard of a signed-in page seeing nobody signed in), the message is the same.
 */
let farewell: SignInNotice | null = null;

export function farewellNotice(): SignInNotice | null {
  return farewell;
}

export function clearFarewell() {
  farewell = null;
}

/**
 * True from "sign out" until this tab has forgotten the session. Requests already under way (the menu's
 * notification count, a page's refresh) then answer 401; that is the sign-out itself, not a session
 * that lapsed, so the sign-in page must keep saying "you signed out".
 */
let signingOut = false;

export function isSigningOut(): boolean {
  return signingOut;
}

async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const info = await apiGet<SessionInfo>('/api/auth/session', signal);
  setCsrfToken(info.csrfToken);
  return info;
}

const sessionQuery = {
  queryKey: SESSION_QUERY_KEY,
  queryFn: ({ signal }: { signal?: AbortSignal }) => fetchSession(signal),
  staleTime: 60_000,
  retry: 1,
};

/** Who is signed in (if anyone), the CSRF token and the environment; asked once per page load and after changes. */
export function useSessionQuery() {
  return useQuery(sessionQuery);
}

/** Asks for the session before the app renders: the shell waits for its answer (main.tsx). */
export function prefetchSession(queryClient: QueryClient) {
  void queryClient.prefetchQuery(sessionQuery);
}

export type SignedInPerson = NonNullable<SessionInfo['person']>;

export interface Session {
  /** True until the first answer came (or failed). */
  loading: boolean;
  info: SessionInfo | undefined;
  person: SignedInPerson | null;
  demo: boolean;
  localMail: boolean;
  hasRole: (...roles: Role[]) => boolean;
  /** Asks the server again (after signing in or out); resolves with the new information. */
  refresh: () => Promise<SessionInfo | undefined>;
  /**
   * Ends this session on the server and forgets everything cached for it. `then` runs in between
   * (typically a navigation to the sign-in page).
   */
  signOut: (then?: () => void) => Promise<void>;
  /** Ends every session of this person (this one too), then `then`, then forgets it here. */
  signOutEverywhere: (then: () => void) => Promise<void>;
  /** Forgets the signed-in state locally (the session already ended on the server), and why. */
  forget: (notice?: SignInNotice) => Promise<void>;
}

export function useSession(): Session {
  const query = useSessionQuery();
  const queryClient = useQueryClient();
  const person = query.data?.person ?? null;

  const refresh = useCallback(async () => {
    const info = await queryClient.fetchQuery({
      queryKey: SESSION_QUERY_KEY,
      queryFn: ({ signal }) => fetchSession(signal),
      staleTime: 0,
    });
    return info;
  }, [queryClient]);

  const forget = useCallback(
    async (notice?: SignInNotice) => {
      farewell = notice ?? null;
      setCsrfToken(null);
      // Everything cached belonged to the person who was signed in; only the session itself is asked again.
      queryClient.removeQueries({ predicate: (cached) => cached.queryKey[0] !== SESSION_QUERY_KEY[0] });
      await refresh();
    },
    [queryClient, refresh],
  );

  const signOut = useCallback(
    async (then?: () => void) => {
      signingOut = true;
      try {
        await apiPost('/api/auth/sign-out');
      } finally {
        try {
          then?.();
          await forget('signedOut');
        } finally {
          signingOut = false;
        }
      }
    },
    [forget],
  );

  const signOutEverywhere = useCallback(
    async (then: () => void) => {
      signingOut = true;
      try {
        await apiPost('/api/me/sessions/end-all');
        then();
        await forget('signedOutEverywhere');
      } finally {
        signingOut = false;
      }
    },
    [forget],
  );

  const hasRole = useCallback((...roles: Role[]) => roles.some((role) => person?.roles.includes(role)), [person]);

  return {
    loading: query.isPending,
    info: query.data,
    person,
    demo: query.data?.environment.demo ?? false,
    localMail: query.data?.environment.localMail ?? false,
    hasRole,
    refresh,
    signOut,
    signOutEverywhere,
    forget,
  };
}
