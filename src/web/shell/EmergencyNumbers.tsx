import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../shared/contact.ts';
import { Link } from '../ui/index.ts';

/**
 * 112 and the support team's 24/7 number: on every page, in the bar above the header and in the footer.
 * The bar stays in view while the page scrolls, so on a narrow screen it says the same in fewer words
 * (`compact`: both labels are there, the theme shows one). A number is never broken across lines.
 */
export function EmergencyNumbers({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation();
  const label = (long: string, short: string) =>
    compact ? (
      <>
        <span className="weerbaar-narrow-only">{t(short)}</span>
        <span className="weerbaar-wide-only">{t(long)}</span>
      </>
    ) : (
      t(long)
    );
  return (
    <ul className="weerbaar-emergency-numbers">
      <li>
        {label('emergency.acute', 'emergency.acuteShort')}{' '}
        <Link href={`tel:${EMERGENCY_NUMBER}`} aria-label={t('emergency.callEmergency')} className="weerbaar-nowrap">
          <strong>{EMERGENCY_NUMBER}</strong>
        </Link>
      </li>
      <li>
        {label('emergency.supportTeam', 'emergency.supportTeamShort')}{' '}
        <Link
          href={`tel:${SUPPORT_TEAM_PHONE.tel}`}
          aria-label={t('emergency.callSupportTeam', { number: SUPPORT_TEAM_PHONE.display })}
          className="weerbaar-nowrap"
        >
          <strong>{SUPPORT_TEAM_PHONE.display}</strong>
        </Link>
      </li>
    </ul>
  );
}
