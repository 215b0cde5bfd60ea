import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import { TRAINING_COORDINATOR_ROLE } from '../../../shared/training-role.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { PageGate } from '../../session/PageGate.tsx';
import { useSession } from '../../session/session.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** The training page (anyone; sessions for signed-in office holders) and the coordinators' pages. */
export const trainingRoutes: RouteObject[] = [
  {
    path: WEB_PATHS.training,
    lazy: async () => ({ Component: (await import('./TrainingPage.tsx')).TrainingPage }),
  },
  {
    element: <PageGate roles={[TRAINING_COORDINATOR_ROLE]} />,
    children: [
      {
        children: [
          {
            path: WEB_PATHS.trainingCoordination,
            lazy: async () => ({ Component: (await import('./CoordinatorPage.tsx')).CoordinatorPage }),
          },
          {
            path: WEB_PATHS.trainingOfferingNew,
            lazy: async () => ({ Component: (await import('./OfferingFormPage.tsx')).OfferingFormPage }),
          },
          {
            path: WEB_PATHS.trainingOffering,
            lazy: async () => ({ Component: (await import('./OfferingFormPage.tsx')).OfferingFormPage }),
          },
          {
            path: WEB_PATHS.trainingSessionNew,
            lazy: async () => ({ Component: (await import('./SessionNewPage.tsx')).SessionNewPage }),
          },
          {
            path: WEB_PATHS.trainingSession,
            lazy: async () => ({ Component: (await import('./SessionPage.tsx')).SessionPage }),
          },
        ],
      },
    ],
  },
];

/** Main menu: "Training" for office holders, "Trainingen beheren" for training coordinators. */
export function TrainingNavItems() {
  const { t } = useTranslation();
  const session = useSession();
  if (!session.person) return null;
  return (
    <>
      {session.hasRole('officeholder') && (
        <li>
          <RouterLink to={WEB_PATHS.training} end>
            {t('training.nav.training')}
          </RouterLink>
        </li>
      )}
      {session.hasRole(TRAINING_COORDINATOR_ROLE) && (
        <li>
          <RouterLink to={WEB_PATHS.trainingCoordination}>{t('training.nav.coordination')}</RouterLink>
        </li>
      )}
    </>
  );
}
