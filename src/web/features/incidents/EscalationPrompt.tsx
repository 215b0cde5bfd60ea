import { useTranslation } from 'react-i18next';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { EscalationSignal } from '../../../shared/incidents.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Heading2, Link, Paragraph, UnorderedList, UnorderedListItem } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/**
 * The calm prompt when the person's own incidents escalate: why (in numbers), and the 24/7 number. It is
 * a suggestion, not an alarm: no red, no sound, nothing sent anywhere.
 */
export function EscalationPrompt({ signals }: { signals: readonly EscalationSignal[] }) {
  const { t } = useTranslation();
  if (signals.length === 0) return null;
  return (
    <section className="weerbaar-incident-escalation" aria-labelledby="escalation-heading">
      <Heading2 id="escalation-heading">{t('incidents.escalation.heading')}</Heading2>
      <Paragraph>{t('incidents.escalation.intro')}</Paragraph>
      <UnorderedList>
        {signals.map((signal) => (
          <UnorderedListItem key={signal.reason}>
            {signal.reason === 'serious'
              ? t(`incidents.escalation.serious_${signal.severity === 'very_serious' ? 'very_serious' : 'serious'}`)
              : t(`incidents.escalation.${signal.reason}`, { count: signal.count, days: signal.days })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        {t('incidents.escalation.call')}{' '}
        <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`} className="weerbaar-incident-escalation__phone">
          {SUPPORT_TEAM_PHONE.display}
        </Link>
      </Paragraph>
      <Paragraph>
        <RouterLink to={WEB_PATHS.askSupport}>{t('incidents.escalation.ask')}</RouterLink>.{' '}
        {t('incidents.escalation.danger')}
      </Paragraph>
    </section>
  );
}
