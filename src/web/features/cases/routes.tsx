import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { PAGE_ROLES } from './access.ts';
import { useSession } from './api.ts';

/** Asking for help, my cases, SIPA and the staff work queue. */
export const caseRoutes: RouteObject[] = [
  {
    // Behind sign-in (to /inloggen and back again), with the shared "confirm it is you" dialog.
    element: <PageGate />,
    children: [
      {
        path: WEB_PATHS.askSupport,
        lazy: async () => ({ Component: (await import('../support/SupportRequestPage.tsx')).SupportRequestPage }),
      },
      { path: WEB_PATHS.myCases, lazy: async () => ({ Component: (await import('./MyCasesPage.tsx')).MyCasesPage }) },
      { path: WEB_PATHS.myCase, lazy: async () => ({ Component: (await import('./CasePage.tsx')).CasePage }) },
      {
        path: WEB_PATHS.sipaRequest,
        lazy: async () => ({ Component: (await import('../sipa/SipaRequestPage.tsx')).SipaRequestPage }),
      },
      {
        path: WEB_PATHS.workQueue,
        lazy: async () => ({ Component: (await import('../staff/WorkQueuePage.tsx')).WorkQueuePage }),
      },
      {
        path: WEB_PATHS.staffCase,
        lazy: async () => ({ Component: (await import('../staff/StaffCasePage.tsx')).StaffCasePage }),
      },
    ],
  },
];

/** Offices whose holders usually commission an integrity investigation (SIPA's own audience). */
const SIPA_OFFICES = ['burgemeester', 'commissaris_van_de_koning', 'waterschapsbestuurder'];

/** Main menu entries for the case pages, per role. */
export function CaseNavItems() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person) return null;
  const requester = session.hasRole(...PAGE_ROLES.myCases);
  const sipa = session.hasRole('officeholder') && SIPA_OFFICES.includes(session.person.office ?? '');
  return (
    <>
      {requester && (
        <li>
          <RouterLink to={WEB_PATHS.askSupport}>{t('cases.nav.askSupport')}</RouterLink>
        </li>
      )}
      {requester && (
        <li>
          <RouterLink to={WEB_PATHS.myCases}>{t('cases.nav.myCases')}</RouterLink>
        </li>
      )}
      {session.hasRole('officeholder') && (
        <li>
          <RouterLink to={WEB_PATHS.woningscan}>{t('woningscan.nav')}</RouterLink>
        </li>
      )}
      {sipa && (
        <li>
          <RouterLink to={WEB_PATHS.sipaRequest}>{t('cases.nav.sipa')}</RouterLink>
        </li>
      )}
      {session.hasRole(...PAGE_ROLES.workQueue) && (
        <li>
          <RouterLink to={WEB_PATHS.workQueue}>{t('staff.nav.workQueue')}</RouterLink>
        </li>
      )}
    </>
  );
}
