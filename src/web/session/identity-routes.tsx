import { Navigate, Outlet, type RouteObject } from 'react-router';
import { WEB_PATHS } from '../../shared/web-paths.ts';
import { PageGate } from './PageGate.tsx';

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
      {
        path: WEB_PATHS.signIn,
        lazy: async () => ({ Component: (await import('../features/auth/SignInPage.tsx')).SignInPage }),
      },
      {
        path: WEB_PATHS.activate,
        lazy: async () => ({ Component: (await import('../features/auth/ActivationPage.tsx')).ActivationPage }),
      },
      {
        element: <PageGate />,
        children: [
          {
            path: WEB_PATHS.account,
            lazy: async () => ({ Component: (await import('../features/account/AccountPage.tsx')).AccountPage }),
          },
          {
            path: WEB_PATHS.accountSessions,
            lazy: async () => ({ Component: (await import('../features/account/SessionsPage.tsx')).SessionsPage }),
          },
          {
            path: WEB_PATHS.accountAccessLog,
            lazy: async () => ({ Component: (await import('../features/account/AccessLogPage.tsx')).AccessLogPage }),
          },
          {
            path: WEB_PATHS.accountData,
            lazy: async () => ({ Component: (await import('../features/privacy/MyDataPage.tsx')).MyDataPage }),
          },
          {
            element: <PageGate roles={['officeholder']} />,
            children: [
              {
                path: WEB_PATHS.relatives,
                lazy: async () => ({
                  Component: (await import('../features/relatives/RelativesPage.tsx')).RelativesPage,
                }),
              },
            ],
          },
          {
            element: <PageGate roles={['admin']} />,
            children: [
              { path: WEB_PATHS.admin, element: <Navigate to={WEB_PATHS.adminPeople} replace /> },
              {
                path: WEB_PATHS.adminPeople,
                lazy: async () => ({ Component: (await import('../features/admin/PeoplePage.tsx')).PeoplePage }),
              },
              {
                path: WEB_PATHS.adminInvite,
                lazy: async () => ({ Component: (await import('../features/admin/InvitePage.tsx')).InvitePage }),
              },
              {
                path: WEB_PATHS.adminPerson,
                lazy: async () => ({ Component: (await import('../features/admin/PersonPage.tsx')).PersonPage }),
              },
              {
                path: WEB_PATHS.adminInvitations,
                lazy: async () => ({
                  Component: (await import('../features/admin/InvitationsPage.tsx')).InvitationsPage,
                }),
              },
              {
                path: WEB_PATHS.adminRoleGrants,
                lazy: async () => ({
                  Component: (await import('../features/admin/RoleGrantsPage.tsx')).RoleGrantsPage,
                }),
              },
              {
                path: WEB_PATHS.adminAssociationRouting,
                lazy: async () => ({
                  Component: (await import('../features/admin/AssociationRoutingPage.tsx')).AssociationRoutingPage,
                }),
              },
              {
                path: WEB_PATHS.adminOutbox,
                lazy: async () => ({ Component: (await import('../features/admin/OutboxPage.tsx')).OutboxPage }),
              },
              {
                path: WEB_PATHS.adminOutboxMessage,
                lazy: async () => ({ Component: (await import('../features/admin/OutboxPage.tsx')).OutboxMessagePage }),
              },
            ],
          },
        ],
      },
    ],
  },
];
