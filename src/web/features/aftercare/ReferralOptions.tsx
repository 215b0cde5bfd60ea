import { useTranslation } from 'react-i18next';
import type { AftercareReferralOption } from '../../../shared/aftercare.ts';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { Heading3, Link, Paragraph } from '../../ui/index.ts';

const SLACHTOFFERHULP_URL = 'https://www.slachtofferhulp.nl';

/**
 * Where help goes further: the GP, Slachtofferhulp Nederland, the team's experts; always with the team's
 * 24/7 number. A calm list, no alarm: shown when the person's own answers suggest ongoing trouble, or
 * when the confidant offered it.
 */
export function ReferralOptions({
  options,
  intro,
  headingId,
}: {
  options: readonly AftercareReferralOption[];
  intro: string;
  headingId: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="weerbaar-aftercare-referral" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('aftercare.referral.heading')}</Heading3>
      <Paragraph>{intro}</Paragraph>
      <ul className="weerbaar-aftercare-list">
        {options.map((option) => (
          <li key={option} className="weerbaar-aftercare-referral__option">
            <Paragraph>
              <strong>{t(`aftercare.referral.option.${option}`)}</strong>
              <br />
              {t(`aftercare.referral.optionText.${option}`)}
              {option === 'slachtofferhulp' && (
                <>
                  {' '}
                  <Link href={SLACHTOFFERHULP_URL} rel="noopener noreferrer">
                    {t('aftercare.referral.slachtofferhulpLink')}
                  </Link>
                </>
              )}
            </Paragraph>
          </li>
        ))}
      </ul>
      <Paragraph>
        {t('aftercare.referral.call')}{' '}
        <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`} className="weerbaar-aftercare-phone">
          {SUPPORT_TEAM_PHONE.display}
        </Link>
      </Paragraph>
    </section>
  );
}
