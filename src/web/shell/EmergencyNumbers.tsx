import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../shared/contact.ts';
import { Link } from '../ui/index.ts';

/** 112 and the support team's 24/7 number: on every page, in the bar above the header and in the footer. */
export function EmergencyNumbers() {
  const { t } = useTranslation();
  return (
    <ul className="weerbaar-emergency-numbers">
      <li>
        {t('emergency.acute')}{' '}
        <Link href={`tel:${EMERGENCY_NUMBER}`} aria-label={t('emergency.callEmergency')}>
          <strong>{EMERGENCY_NUMBER}</strong>
        </Link>
      </li>
      <li>
        {t('emergency.supportTeam')}{' '}
        <Link
          href={`tel:${SUPPORT_TEAM_PHONE.tel}`}
          aria-label={t('emergency.callSupportTeam', { number: SUPPORT_TEAM_PHONE.display })}
        >
          <strong>{SUPPORT_TEAM_PHONE.display}</strong>
        </Link>
      </li>
    </ul>
  );
}
