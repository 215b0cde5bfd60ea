import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useSession } from './api.ts';
import { caseTypeViews, loadRequesterParts, loadStaffParts, requesterRoles, staffRoles } from './case-types.ts';

/**
 * Asking for help (each registered case type's request page), my cases and the staff work queue. A
 * function, so it reads the case-type registry once the composition point (src/web/case-types.ts) filled it.
 */
export function caseRoutes(): RouteObject[] {
  return [
    {
      // Behind sign-in (to /inloggen and back again), with the shared "confirm it is you" dialog.
      element: <PageGate />,
      children: [
        ...caseTypeViews().flatMap(({ request }) =>
          request ? [{ path: request.path, lazy: async () => ({ Component: await request.page() }) }] : [],
        ),
        { path: WEB_PATHS.myCases, lazy: async () => ({ Component: (await import('./MyCasesPage.tsx')).MyCasesPage }) },
        {
          path: WEB_PATHS.myCase,
          // The case types' parts of the page load with it, so the page shows whole.
          lazy: async () => {
            const [page] = await Promise.all([import('./CasePage.tsx'), loadRequesterParts()]);
            return { Component: page.CasePage };
          },
        },
        {
          path: WEB_PATHS.workQueue,
          lazy: async () => ({ Component: (await import('../staff/WorkQueuePage.tsx')).WorkQueuePage }),
        },
        {
          path: WEB_PATHS.staffCase,
          lazy: async () => {
            const [page] = await Promise.all([import('../staff/StaffCasePage.tsx'), loadStaffParts()]);
            return { Component: page.StaffCasePage };
          },
        },
      ],
    },
  ];
}

/** Main menu entries for the case pages, per role: the types' request pages, my cases, the work queue. */
export function CaseNavItems() {
  const { t } = useTranslation();
  const session = useSession();
  const person = session.person;
  if (!person) return null;
  const entry = (path: string, label: string) => (
    <li key={path}>
      <RouterLink to={path}>{t(label)}</RouterLink>
    </li>
  );
  const requests = (placement: 'main' | 'more') =>
    caseTypeViews().flatMap(({ request }) =>
      request &&
      request.nav.placement === placement &&
      session.hasRole(...request.roles) &&
      (request.nav.shownTo?.(person) ?? true)
        ? [entry(request.path, request.nav.label)]
        : [],
    );
  return (
    <>
      {requests('main')}
      {session.hasRole(...requesterRoles()) && entry(WEB_PATHS.myCases, 'cases.nav.myCases')}
      {requests('more')}
      {session.hasRole(...staffRoles()) && entry(WEB_PATHS.workQueue, 'staff.nav.workQueue')}
    </>
  );
}
