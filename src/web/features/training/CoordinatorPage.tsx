import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trainingOfferingPath, trainingSessionPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { ButtonRouterLink } from '../../ui/ButtonRouterLink.tsx';
import {
  Alert,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { TRAINING_QUERY_KEY, trainingApi, useOfferings } from './api.ts';
import { formatDay, titleOf, trainingProblem } from './labels.ts';
import '../../ui/prose.css';
import './training.css';

/** /training/beheer: every session with its counts, and the offerings. Training coordinators only. */
export function CoordinatorPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.coordination.title'));
  const sessions = useQuery({
    queryKey: [...TRAINING_QUERY_KEY, 'sessions'],
    queryFn: ({ signal }) => trainingApi.sessions(signal),
  });
  const offerings = useOfferings();

  return (
    <div className="weerbaar-training">
      <Heading1>{t('training.coordination.title')}</Heading1>
      <Paragraph lead>{t('training.coordination.lead')}</Paragraph>
      <ButtonGroup>
        {(offerings.data?.length ?? 0) > 0 && (
          <ButtonRouterLink to={WEB_PATHS.trainingSessionNew}>{t('training.coordination.newSession')}</ButtonRouterLink>
        )}
        <ButtonRouterLink to={WEB_PATHS.trainingOfferingNew} appearance="secondary-action">
          {t('training.coordination.newOffering')}
        </ButtonRouterLink>
      </ButtonGroup>

      <Heading2 id="training-sessions">{t('training.coordination.sessionsHeading')}</Heading2>
      {sessions.isPending && <Paragraph role="status">{t('training.loading')}</Paragraph>}
      {sessions.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, sessions.error)}</Paragraph>
        </Alert>
      )}
      {sessions.data && sessions.data.length === 0 && <Paragraph>{t('training.coordination.noSessions')}</Paragraph>}
      {sessions.data && sessions.data.length > 0 && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
        <section className="weerbaar-training__table" tabIndex={0} aria-labelledby="training-sessions">
          <Table>
            <TableCaption>{t('training.coordination.sessionsCaption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('training.coordination.columns.session')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('training.coordination.columns.status')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('training.coordination.columns.seats')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('training.coordination.columns.waiting')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('training.coordination.columns.attended')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sessions.data.map((session) => (
                <TableRow key={session.id}>
                  <TableCell>
                    <RouterLink to={trainingSessionPath(session.id)}>
                      {session.parts[0] ? formatDay(session.parts[0].startsAt) : ''}, {session.city}
                    </RouterLink>
                    <br />
                    {titleOf(session.offering)}
                  </TableCell>
                  <TableCell>{t(`training.sessionStatus.${session.ended ? 'ended' : session.status}`)}</TableCell>
                  <TableCell>
                    {t('training.coordination.seatsTaken', {
                      taken: session.counts.confirmed,
                      capacity: session.capacity,
                    })}
                  </TableCell>
                  <TableCell>{session.counts.waiting}</TableCell>
                  <TableCell>{session.ended ? session.counts.attended : '–'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}

      <Heading2>{t('training.coordination.offeringsHeading')}</Heading2>
      {offerings.isError && (
        <Alert type="error">
          <Paragraph>{trainingProblem(t, offerings.error)}</Paragraph>
        </Alert>
      )}
      {offerings.data && offerings.data.length === 0 && <Paragraph>{t('training.coordination.noOfferings')}</Paragraph>}
      {offerings.data && offerings.data.length > 0 && (
        <ul>
          {offerings.data.map((offering) => (
            <li key={offering.id}>
              <RouterLink to={trainingOfferingPath(offering.id)}>{titleOf(offering)}</RouterLink> ({offering.provider})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
