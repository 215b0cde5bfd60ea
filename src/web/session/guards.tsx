import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocation, useNavigate, useNavigation } from 'react-router';
import type { SessionInfo } from '../../shared/session.ts';
import { onUnauthorized } from '../api/client.ts';
import { type SignInState, signInPath } from '../features/auth/navigation.ts';
import { isSigningOut, SESSION_QUERY_KEY, useSession } from './session.ts';

// Pages behind sign-in or a role: see PageGate.tsx, the one gate.

/**
 * When the API says the session is gone (it lapsed, or was ended on another device), forget it here
 * too and go to the sign-in page, which explains why and comes back afterwards.
 */
export function useSessionEndedRedirect() {
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  // While a page's code is still loading, the person is on their way there: come back to that page.
  const pending = useNavigation().location;
  const signedIn = session.person !== null;
  const here = (pending ?? location).pathname + (pending ?? location).search;

  useEffect(
    () =>
      onUnauthorized(() => {
        // The cached session, not this render's: a request sent before signing out can answer 401 after the
        // tab has forgotten the session but before this effect saw it, and must not turn "you signed out"
        // into "you were inactive".
        const current = queryClient.getQueryData<SessionInfo>(SESSION_QUERY_KEY);
        if (!signedIn || !current?.person || isSigningOut()) return;
        const state: SignInState = { notice: 'expired' };
        navigate(signInPath(here), { replace: true, state });
        void session.forget('expired');
      }),
    [signedIn, here, navigate, session.forget, queryClient],
  );
}
