import { lazy, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import type { Role } from '../../shared/roles.ts';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { onUnauthorized } from '../api/client.ts';
import { type SignInState, signInPath } from '../features/auth/navigation.ts';
import { usePagePending } from '../shell/page-ready.ts';
import { usePageTitle } from '../shell/usePageTitle.ts';
import { Heading1, Paragraph } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { farewellNotice, isSigningOut, useSession } from './session.ts';

/** The "confirm it is you" dialog (passkeys, forms) is for signed-in pages only: not in the first load. */
const loadStepUp = () => import('../features/auth/StepUp.tsx');
const StepUpProvider = lazy(async () => ({ default: (await loadStepUp()).StepUpProvider }));

/** Once someone is signed in, fetch what every signed-in page needs ahead of their first such page. */
export function preloadSignedInParts() {
  void loadStepUp().catch(() => undefined);
}

function Loading() {
  const { t } = useTranslation();
  usePagePending();
  return <Paragraph role="status">{t('session.loading')}</Paragraph>;
}

/**
 * Pages behind sign-in: without a session, off to /inloggen, which comes back here afterwards.
 * Signed-in pages share the "confirm it is you" dialog.
 */
export function RequireSignIn() {
  const session = useSession();
  const location = useLocation();
  if (session.loading) return <Loading />;
  if (!session.person) {
    const notice = farewellNotice() ?? 'signInRequired';
    const state: SignInState = { notice };
    // After signing out on purpose there is no page to come back to; after a lapse there is.
    const comeBack = notice === 'signInRequired' || notice === 'expired';
    return (
      <Navigate
        to={comeBack ? signInPath(location.pathname + location.search) : WEB_PATHS.signIn}
        replace
        state={state}
      />
    );
  }
  return (
    <Suspense fallback={<Loading />}>
      <StepUpProvider>
        <Outlet />
      </StepUpProvider>
    </Suspense>
  );
}

/** Pages for some roles only; anyone else sees a calm explanation (the server refuses the data anyway). */
export function RequireRole({ roles }: { roles: Role[] }) {
  const session = useSession();
  if (!session.hasRole(...roles)) return <NoAccess />;
  return <Outlet />;
}

function NoAccess() {
  const { t } = useTranslation();
  usePageTitle(t('session.noAccess.title'));
  return (
    <>
      <Heading1>{t('session.noAccess.title')}</Heading1>
      <Paragraph>{t('session.noAccess.body')}</Paragraph>
      <Paragraph>
        <RouterLink to={WEB_PATHS.home}>{t('session.noAccess.home')}</RouterLink>
      </Paragraph>
    </>
  );
}

/**
 * When the API says the session is gone (it lapsed, or was ended on another device), forget it here
 * too and go to the sign-in page, which explains why and comes back afterwards.
 */
export function useSessionEndedRedirect() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // While a page's code is still loading, the person is on their way there: come back to that page.
  const pending = useNavigation().location;
  const signedIn = session.person !== null;
  const here = (pending ?? location).pathname + (pending ?? location).search;

  useEffect(
    () =>
      onUnauthorized(() => {
        if (!signedIn || isSigningOut()) return;
        const state: SignInState = { notice: 'expired' };
        navigate(signInPath(here), { replace: true, state });
        void session.forget('expired');
      }),
    [signedIn, here, navigate, session.forget],
  );
}
