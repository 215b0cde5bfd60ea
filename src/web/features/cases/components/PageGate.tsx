import '../../../ui/prose.css';
import '../cases.css';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../../shared/roles.ts';
import type { SessionInfo } from '../../../../shared/session.ts';
import { WEB_PATHS } from '../../../../shared/web-paths.ts';
import { usePageTitle } from '../../../shell/usePageTitle.ts';
import { Alert, Heading1, Paragraph } from '../../../ui/index.ts';
import { RouterLink } from '../../../ui/RouterLink.tsx';
import { useSession } from '../api.ts';
import { HelpNumbersNote } from './HelpNumbers.tsx';

interface PageGateProps {
  title: string;
  roles: readonly Role[];
  children: (session: SessionInfo) => ReactNode;
}

/**
 * Pages behind sign-in: while the session loads, when nobody is signed in, or when the role does not
 * fit, the page says so plainly (and keeps the help numbers in view). The server checks every call.
 */
export function PageGate(props: PageGateProps) {
  // Running text at the reading size with space between paragraphs, as on the package pages.
  return (
    <div className="weerbaar-prose weerbaar-cases">
      <Gate {...props} />
    </div>
  );
}

function Gate({ title, roles, children }: PageGateProps) {
  const { t } = useTranslation();
  const session = useSession();
  const allowed = session.hasRole(...roles);
  usePageTitle(allowed || !session.person ? title : t('cases.gate.notForYouTitle'));

  if (session.loading) {
    return (
      <>
        <Heading1>{title}</Heading1>
        <Paragraph role="status">{t('cases.gate.loading')}</Paragraph>
      </>
    );
  }
  if (!session.info) {
    return (
      <>
        <Heading1>{title}</Heading1>
        <Alert type="error">
          <Paragraph>{t('cases.errors.network')}</Paragraph>
        </Alert>
        <HelpNumbersNote />
      </>
    );
  }
  if (!session.person) {
    return (
      <>
        <Heading1>{title}</Heading1>
        <Paragraph>{t('cases.gate.signIn')}</Paragraph>
        <Paragraph>
          <RouterLink to={WEB_PATHS.signIn}>{t('cases.gate.signInLink')}</RouterLink>
        </Paragraph>
        <HelpNumbersNote />
      </>
    );
  }
  if (!allowed) {
    return (
      <>
        <Heading1>{t('cases.gate.notForYouTitle')}</Heading1>
        <Paragraph>{t('cases.gate.notForYou')}</Paragraph>
        <HelpNumbersNote />
      </>
    );
  }
  return <>{children(session.info)}</>;
}
