import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { useSession } from '../../session/session.ts';
import { Heading1, Link, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { INCIDENT_ROLES } from './routes.tsx';

/** Incident pages are for office holders and relatives; anyone else reads a calm explanation. */
export function IncidentGate({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  if (session.hasRole(...INCIDENT_ROLES)) return <div className="weerbaar-incidents">{children}</div>;
  return (
    <div className="weerbaar-incidents">
      <Heading1>{title}</Heading1>
      <Paragraph>{t('session.noAccess.body')}</Paragraph>
      <Paragraph>
        <RouterLink to={WEB_PATHS.home}>{t('session.noAccess.home')}</RouterLink>
      </Paragraph>
      <Paragraph>
        <Link href={`tel:${EMERGENCY_NUMBER}`}>{EMERGENCY_NUMBER}</Link> ·{' '}
        <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`}>{SUPPORT_TEAM_PHONE.display}</Link>
      </Paragraph>
    </div>
  );
}
