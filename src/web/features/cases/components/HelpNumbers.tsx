import { useTranslation } from 'react-i18next';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../../shared/contact.ts';
import { Heading2, Heading3, Link, Paragraph } from '../../../ui/index.ts';

/**
 * "Call 112 first": shown before anything else when someone says they are in danger now. Calm words,
 * one clear action, and the support team's number beside it.
 */
export function CallFirst({ headingLevel = 2, id = 'bel-eerst-112' }: { headingLevel?: 2 | 3; id?: string }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? Heading2 : Heading3;
  return (
    <section className="weerbaar-call-first" aria-labelledby={id}>
      <Heading id={id} className="weerbaar-call-first__heading">
        {t('cases.help.callFirstHeading')}
      </Heading>
      <Paragraph>{t('cases.help.callFirstBody')}</Paragraph>
      <p className="weerbaar-call-first__action">
        <Link href={`tel:${EMERGENCY_NUMBER}`} className="weerbaar-call-link">
          {t('cases.help.call112')}
        </Link>
      </p>
      <Paragraph>
        {t('cases.help.afterwards')} <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`}>{SUPPORT_TEAM_PHONE.display}</Link>
      </Paragraph>
    </section>
  );
}

/** The quiet version: where danger is mentioned, both numbers are one tap away. */
export function HelpNumbersNote() {
  const { t } = useTranslation();
  return (
    <Paragraph className="weerbaar-help-note">
      {t('cases.help.noteDanger')} <Link href={`tel:${EMERGENCY_NUMBER}`}>{EMERGENCY_NUMBER}</Link>.{' '}
      {t('cases.help.noteSupport')} <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`}>{SUPPORT_TEAM_PHONE.display}</Link>.
    </Paragraph>
  );
}
