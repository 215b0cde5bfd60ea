import { Navigate, Outlet, type RouteObject } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { AccessLogPage } from '../features/account/AccessLogPage.tsx';
import { AccountPage } from '../features/account/AccountPage.tsx';
import { SessionsPage } from '../features/account/SessionsPage.tsx';
import { InvitationsPage } from '../features/admin/InvitationsPage.tsx';
import { InvitePage } from '../features/admin/InvitePage.tsx';
import { OutboxMessagePage, OutboxPage } from '../features/admin/OutboxPage.tsx';
import { PeoplePage } from '../features/admin/PeoplePage.tsx';
import { PersonPage } from '../features/admin/PersonPage.tsx';
import { ActivationPage } from '../features/auth/ActivationPage.tsx';
import { SignInPage } from '../features/auth/SignInPage.tsx';
import { RelativesPage } from '../features/relatives/RelativesPage.tsx';
import { RequireRole, RequireSignIn } from './guards.tsx';

/**
 * Sign-in, activation, my account, relatives and the admin pages. Pages behind sign-in send visitors
 * to /inloggen and come back afterwards; role pages explain when they are not for you.
 */
export const identityRoutes: RouteObject[] = [
  {
    // One wrapper for the spacing of these pages (NL Design System "space around" on paragraphs and fields).
    element: (
      <div className="weerbaar-page">
        <Outlet />
      </div>
    ),
    children: [
      { path: WEB_PATHS.signIn, element: <SignInPage /> },
      { path: WEB_PATHS.activate, element: <ActivationPage /> },
      {
        element: <RequireSignIn />,
        children: [
          { path: WEB_PATHS.account, element: <AccountPage /> },
          { path: WEB_PATHS.accountSessions, element: <SessionsPage /> },
          { path: WEB_PATHS.accountAccessLog, element: <AccessLogPage /> },
          {
            element: <RequireRole roles={['officeholder']} />,
            children: [{ path: WEB_PATHS.relatives, element: <RelativesPage /> }],
          },
          {
            element: <RequireRole roles={['admin']} />,
            children: [
              { path: WEB_PATHS.admin, element: <Navigate to={WEB_PATHS.adminPeople} replace /> },
              { path: WEB_PATHS.adminPeople, element: <PeoplePage /> },
              { path: WEB_PATHS.adminInvite, element: <InvitePage /> },
              { path: WEB_PATHS.adminPerson, element: <PersonPage /> },
              { path: WEB_PATHS.adminInvitations, element: <InvitationsPage /> },
              { path: WEB_PATHS.adminOutbox, element: <OutboxPage /> },
              { path: WEB_PATHS.adminOutboxMessage, element: <OutboxMessagePage /> },
            ],
          },
        ],
      },
    ],
  },
];
