import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { SUPPORT_CASE_TYPE, type supportRequestResponseSchema } from '../../../shared/support.ts';
import { myCasePath } from '../../../shared/web-paths.ts';
import { Heading1, Heading2, Link, OrderedList, OrderedListItem, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { CallFirst } from '../cases/components/HelpNumbers.tsx';
import { useCaseTypeInfo } from '../cases/data.ts';
import { useTargetText } from '../cases/labels.ts';
import type { SupportAnswers } from './form.ts';

type Response = z.infer<typeof supportRequestResponseSchema>;

/** After sending: what happens next and who will call, with the 24/7 number; 112 first when in danger. */
export function SupportConfirmation({ response, answers }: { response: Response; answers: SupportAnswers }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const targets = useCaseTypeInfo(SUPPORT_CASE_TYPE)?.firstResponseTargets;
  const target = useTargetText(targets?.[response.urgency]);
  const colleague = answers.concernFor === 'colleague';
  const who = colleague
    ? t('support.confirmation.whoCoordinator')
    : response.association
      ? t('support.confirmation.whoAssociation', { association: t(`support.association.${response.association}`) })
      : t('support.confirmation.whoTeam');

  useEffect(() => {
    heading.current?.focus();
  }, []);

  return (
    <>
      {response.call112First && <CallFirst />}
      <Heading1 ref={heading} tabIndex={-1}>
        {t('support.confirmation.title')}
      </Heading1>
      <Paragraph lead>{t('support.confirmation.lead', { reference: response.reference })}</Paragraph>
      <Heading2>{t('support.confirmation.nextHeading')}</Heading2>
      <OrderedList>
        <OrderedListItem>{who}</OrderedListItem>
        <OrderedListItem>
          {answers.channel === 'phone'
            ? t('support.confirmation.byPhone', { phone: answers.phone })
            : t('support.confirmation.inApp')}{' '}
          {target && t('support.confirmation.within', { target })}
        </OrderedListItem>
        <OrderedListItem>{t('support.confirmation.together')}</OrderedListItem>
      </OrderedList>
      <Paragraph>
        <RouterLink to={myCasePath(response.caseId)}>{t('support.confirmation.toCase')}</RouterLink>
      </Paragraph>
      <Heading2>{t('support.confirmation.meanwhileHeading')}</Heading2>
      <Paragraph>
        {t('support.confirmation.meanwhile')}{' '}
        <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`}>{SUPPORT_TEAM_PHONE.display}</Link>.{' '}
        {t('support.confirmation.danger')} <Link href="tel:112">112</Link>.
      </Paragraph>
    </>
  );
}
