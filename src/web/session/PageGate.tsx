import { createContext, lazy, type ReactNode, Suspense, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { Role } from '../../shared/roles.ts';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { type SignInState, signInPath } from '../features/auth/navigation.ts';
import { usePagePending } from '../shell/page-ready.ts';
import { usePageTitle } from '../shell/usePageTitle.ts';
import { Heading1, Paragraph } from '../ui/index.ts';
import { RouterLink } from '../ui/RouterLink.tsx';
import { farewellNotice, useSession } from './session.ts';

/** The "confirm it is you" dialog (passkeys, forms) is for signed-in pages only: not in the first load. */
const loadStepUp = () => import('../features/auth/StepUp.tsx');
const StepUpProvider = lazy(async () => ({ default: (await loadStepUp()).StepUpProvider }));

/** Once someone is signed in, fetch what every signed-in page needs ahead of their first such page. */
export function preloadSignedInParts() {
  void loadStepUp().catch(() => undefined);
}

/** True below a gate: someone is signed in there, and the "confirm it is you" dialog is in place. */
const InsideGate = createContext(false);

interface PageGateProps {
  /** Who may use the page; without roles, anyone signed in. */
  roles?: readonly Role[];
  /** The page's title while it is open to this person (the page may set a more precise one itself). */
  title?: string;
  /** The page; as a route element without children, the matched child route. */
  children?: ReactNode;
}

/**
 * The one gate for pages behind sign-in and for pages of some roles only; every such check of a page
 * runs here. Without a session, off to /inloggen, which comes back here afterwards (after signing out on
 * purpose there is no page to come back to). A page for other roles says so calmly; the server refuses
 * its data anyway. Signed-in pages share the "confirm it is you" dialog. Gates may nest (sign-in for a
 * group of routes, a role for some of them): the outer one holds the dialog.
 */
export function PageGate({ roles, title, children }: PageGateProps) {
  const session = useSession();
  const location = useLocation();
  const inside = useContext(InsideGate);
  if (session.loading) return <Loading />;
  if (!session.person) {
    const notice = farewellNotice() ?? 'signInRequired';
    const state: SignInState = { notice };
    const comeBack = notice === 'signInRequired' || notice === 'expired';
    return (
      <Navigate
        to={comeBack ? signInPath(location.pathname + location.search) : WEB_PATHS.signIn}
        replace
        state={state}
      />
    );
  }
  if (roles && !session.hasRole(...roles)) return <NoAccess />;
  const page = (
    <>
      {title !== undefined && <PageTitle text={title} />}
      {children ?? <Outlet />}
    </>
  );
  if (inside) return page;
  return (
    <InsideGate.Provider value={true}>
      <Suspense fallback={<Loading />}>
        <StepUpProvider>{page}</StepUpProvider>
      </Suspense>
    </InsideGate.Provider>
  );
}

/** Rendered before the page, so a title the page sets itself takes over. */
function PageTitle({ text }: { text: string }) {
  usePageTitle(text);
  return null;
}

function Loading() {
  const { t } = useTranslation();
  usePagePending();
  return <Paragraph role="status">{t('session.loading')}</Paragraph>;
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
