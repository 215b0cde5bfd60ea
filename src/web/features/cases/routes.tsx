import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { RequireSignIn } from '../../session/guards.tsx';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { SipaRequestPage } from '../sipa/SipaRequestPage.tsx';
import { StaffCasePage } from '../staff/StaffCasePage.tsx';
import { WorkQueuePage } from '../staff/WorkQueuePage.tsx';
import { SupportRequestPage } from '../support/SupportRequestPage.tsx';
import { PAGE_ROLES } from './access.ts';
import { useSession } from './api.ts';
import { CasePage } from './CasePage.tsx';
import { MyCasesPage } from './MyCasesPage.tsx';

/** Asking for help, my cases, SIPA and the staff work queue. */
export const caseRoutes: RouteObject[] = [
  {
    // Behind sign-in (to /inloggen and back again), with the shared "confirm it is you" dialog.
    element: <RequireSignIn />,
    children: [
      { path: WEB_PATHS.askSupport, element: <SupportRequestPage /> },
      { path: WEB_PATHS.myCases, element: <MyCasesPage /> },
      { path: WEB_PATHS.myCase, element: <CasePage /> },
      { path: WEB_PATHS.sipaRequest, element: <SipaRequestPage /> },
      { path: WEB_PATHS.workQueue, element: <WorkQueuePage /> },
      { path: WEB_PATHS.staffCase, element: <StaffCasePage /> },
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
