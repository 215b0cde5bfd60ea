import { useTranslation } from 'react-i18next';
import { packagePartPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Heading1, Heading2, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { MyEnrolments } from './MyEnrolments.tsx';
import { OpenSessions } from './OpenSessions.tsx';
import '../../ui/prose.css';
import '../account/account.css';
import './training.css';

/**
 * /training: what the training is (and is not), for everyone; for a signed-in office holder also their
 * enrolments and the sessions to come. Dates and places are shown only to signed-in office holders:
 * where and when a group of mayors meets is not for the open internet.
 */
export function TrainingPage() {
  const { t } = useTranslation();
  usePageTitle(t('training.page.title'));
  const session = useSession();
  const officeholder = session.hasRole('officeholder');

  return (
    <div className="weerbaar-prose weerbaar-training">
      <Heading1>{t('training.page.title')}</Heading1>
      <Paragraph lead>{t('training.page.lead')}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t('training.page.facts.provider')}</UnorderedListItem>
        <UnorderedListItem>{t('training.page.facts.duration')}</UnorderedListItem>
        <UnorderedListItem>{t('training.page.facts.audience')}</UnorderedListItem>
        <UnorderedListItem>{t('training.page.facts.notSelfDefence')}</UnorderedListItem>
      </UnorderedList>
      <Paragraph>
        <RouterLink to={packagePartPath('training')}>{t('training.page.readMore')}</RouterLink>
      </Paragraph>
      <div className="weerbaar-training__note" role="note" aria-labelledby="training-unverified">
        <Heading2 id="training-unverified">{t('training.page.unverifiedHeading')}</Heading2>
        <Paragraph>{t('training.page.unverified')}</Paragraph>
      </div>

      {session.loading ? (
        <Paragraph role="status">{t('training.loading')}</Paragraph>
      ) : !session.person ? (
        <>
          <Heading2>{t('training.page.sessionsHeading')}</Heading2>
          <Paragraph>{t('training.page.signInFirst')}</Paragraph>
          <Paragraph>
            <RouterLink to={WEB_PATHS.signIn}>{t('training.page.signInLink')}</RouterLink>
          </Paragraph>
        </>
      ) : officeholder ? (
        <>
          <MyEnrolments />
          <OpenSessions />
        </>
      ) : (
        <>
          <Heading2>{t('training.page.sessionsHeading')}</Heading2>
          <Paragraph>{t('training.page.forOfficeholders')}</Paragraph>
          {session.hasRole('training_coordinator') && (
            <Paragraph>
              <RouterLink to={WEB_PATHS.trainingCoordination}>{t('training.nav.coordination')}</RouterLink>
            </Paragraph>
          )}
        </>
      )}
    </div>
  );
}
