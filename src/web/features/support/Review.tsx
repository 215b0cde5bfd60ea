import { useTranslation } from 'react-i18next';
import {
  Button,
  DataList,
  DataListActions,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading3,
} from '../../ui/index.ts';
import type { Step, SupportAnswers } from './form.ts';

/** What will be sent, step by step, each with a way back to change it. */
export function Review({ answers, goTo }: { answers: SupportAnswers; goTo: (step: Step) => void }) {
  const { t } = useTranslation();
  const list = (group: string, values: readonly string[]) =>
    values.map((value) => t(`support.options.${group}.${value}`)).join(', ');
  const rows: { step: Step; key: string; value: string }[] = [
    { step: 'situation', key: 'acuteDanger', value: t(`support.options.yesNo.${answers.acuteDanger || 'no'}`) },
    { step: 'situation', key: 'concernFor', value: t(`support.options.concernFor.${answers.concernFor}`) },
    { step: 'situation', key: 'situation', value: list('situation', answers.situation) },
    { step: 'situation', key: 'since', value: answers.since ? t(`support.options.since.${answers.since}`) : '' },
    { step: 'affected', key: 'affected', value: list('affected', answers.affected) },
    ...(answers.concernFor === 'colleague'
      ? [
          {
            step: 'affected' as const,
            key: 'colleague',
            value: [
              answers.personName,
              answers.personOffice ? t(`support.options.office.${answers.personOffice}`) : '',
              answers.personRegion,
            ]
              .filter(Boolean)
              .join(', '),
          },
        ]
      : []),
    {
      step: 'contact',
      key: 'channel',
      value: answers.channel
        ? `${t(`support.options.channel.${answers.channel}`)}${answers.channel === 'phone' ? `: ${answers.phone}` : ''}`
        : '',
    },
    { step: 'contact', key: 'when', value: answers.when ? t(`support.options.when.${answers.when}`) : '' },
    ...(answers.zelfscanResultId
      ? [{ step: 'more' as const, key: 'zelfscan', value: t('support.review.zelfscanShared') }]
      : []),
  ];
  return (
    <section aria-labelledby="review-heading" className="weerbaar-review">
      <Heading3 id="review-heading">{t('support.review.heading')}</Heading3>
      <DataList>
        {rows.map((row) => (
          <DataListItem key={row.key}>
            <DataListKey>{t(`support.review.${row.key}`)}</DataListKey>
            <DataListValue>{row.value || t('support.review.empty')}</DataListValue>
            <DataListActions className="weerbaar-review__change">
              <Button
                appearance="subtle-button"
                onClick={() => goTo(row.step)}
                aria-label={t('support.review.changeLabel', { what: t(`support.review.${row.key}`) })}
              >
                {t('support.review.change')}
              </Button>
            </DataListActions>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
