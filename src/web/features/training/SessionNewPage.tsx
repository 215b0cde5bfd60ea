import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { trainingSessionPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Heading1, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TRAINING_QUERY_KEY, trainingApi, useOfferings } from './api.ts';
import { trainingProblem } from './labels.ts';
import { SessionForm } from './SessionForm.tsx';

/** /training/beheer/sessies/nieuw: plan a session of an offering. */
export function SessionNewPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.sessionForm.newTitle'));
  const navigate = useNavigate();
  const client = useQueryClient();
  const offerings = useOfferings();
  return (
    <>
      <Heading1>{t('training.sessionForm.newTitle')}</Heading1>
      <Paragraph>
        <RouterLink to={WEB_PATHS.trainingCoordination}>{t('training.coordination.back')}</RouterLink>
      </Paragraph>
      {offerings.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {offerings.isError && <Paragraph>{trainingProblem(t, offerings.error)}</Paragraph>}
      {offerings.data && offerings.data.length === 0 && <Paragraph>{t('training.coordination.noOfferings')}</Paragraph>}
      {offerings.data && offerings.data.length > 0 && (
        <SessionForm
          offerings={offerings.data}
          initial={null}
          submitLabel={t('training.sessionForm.create')}
          onSubmit={async ({ offeringId, ...values }) => {
            const session = await trainingApi.createSession({ offeringId: offeringId ?? '', ...values });
            await client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY });
            navigate(trainingSessionPath(session.id), { state: { notice: 'created' } });
          }}
        />
      )}
    </>
  );
}
