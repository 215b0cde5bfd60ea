import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { type SipaAdvice, type SipaIntake, sipaDetailOf } from '../../../shared/sipa.ts';
import { apiSaveFile } from '../../api/client.ts';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading2,
  Heading3,
  Link,
  OrderedList,
  OrderedListItem,
  Paragraph,
} from '../../ui/index.ts';
import { formatDateTime, problemMessage } from '../cases/format.ts';

export const sipaAdvicePdfPath = (caseId: string) => `/api/cases/${caseId}/sipa/advice.pdf`;

/** The text sections of the advice, in the order of the Handreiking's phases. */
export const ADVICE_SECTIONS = [
  'preliminaryInquiry',
  'assignment',
  'investigatorChoice',
  'safeguards',
  'privacy',
  'communication',
] as const satisfies readonly (keyof SipaAdvice)[];

/** The advice as the requester reads it, with the PDF, and the decision plainly left with them. */
export function SipaAdviceView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sipa = sipaDetailOf(detail);
  const advice = sipa?.advice;
  if (!advice || !sipa?.adviceIssuedAt) return null;
  const mayDownload = detail.viewer.actions.includes('download_advice');

  const download = () => {
    setError(null);
    setBusy(true);
    apiSaveFile(sipaAdvicePdfPath(detail.id), { fallbackName: `sipa-advies-${detail.reference}.pdf` })
      .catch((failure: unknown) => setError(problemMessage(t, failure)))
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="sipa-advice-heading">
      <Heading2 id="sipa-advice-heading">{t('sipa.advice.heading')}</Heading2>
      <Paragraph>{t('sipa.advice.issuedAt', { date: formatDateTime(sipa.adviceIssuedAt) })}</Paragraph>
      <Alert type="info">
        <Paragraph>
          <strong>{t('sipa.advice.decisionYours')}</strong>
        </Paragraph>
      </Alert>
      {mayDownload && (
        <Paragraph>
          <Button appearance="primary-action-button" onClick={download} disabled={busy}>
            {t('sipa.advice.download')}
          </Button>
        </Paragraph>
      )}
      {error && (
        <Alert type="error" role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {ADVICE_SECTIONS.map((section) => (
        <div key={section}>
          {advice[section].trim() !== '' && (
            <>
              <Heading3>{t(`sipa.advice.section.${section}`)}</Heading3>
              <Paragraph className="weerbaar-pre-line">{advice[section]}</Paragraph>
            </>
          )}
          {section === 'assignment' && advice.researchQuestions.length > 0 && (
            <>
              <Heading3>{t('sipa.advice.section.researchQuestions')}</Heading3>
              <OrderedList>
                {advice.researchQuestions.map((question) => (
                  <OrderedListItem key={question}>{question}</OrderedListItem>
                ))}
              </OrderedList>
            </>
          )}
        </div>
      ))}
    </section>
  );
}

/** The request (and, after the phone intake, the details) as the requester and the assigned advisor see it. */
export function SipaIntakeView({ intake }: { intake: SipaIntake }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [
      'capacity',
      intake.representativeBody
        ? `${t(`sipa.options.capacity.${intake.capacity}`)}: ${t(`sipa.options.body.${intake.representativeBody}`)}`
        : t(`sipa.options.capacity.${intake.capacity}`),
    ],
  ];
  if (intake.organisation) rows.push(['organisation', intake.organisation]);
  rows.push(['topic', t(`sipa.options.topic.${intake.topic}`)]);
  if (intake.phone) rows.push(['phone', intake.phone]);
  if (intake.callTimes.length > 0) {
    rows.push(['callTimes', intake.callTimes.map((time) => t(`sipa.options.callTime.${time}`)).join(', ')]);
  }
  if (intake.signal) {
    rows.push(
      ['signalWhat', intake.signal.what],
      ['signalSince', t(`sipa.options.since.${intake.signal.since}`)],
      ['signalSource', t(`sipa.options.source.${intake.signal.source}`)],
    );
  }
  if (intake.personConcerned) {
    rows.push(['personName', intake.personConcerned.name], ['personPosition', intake.personConcerned.position]);
  }
  if (intake.answers) {
    rows.push(
      ['doneSoFar', intake.answers.doneSoFar || t('sipa.intake.nothing')],
      ['question', intake.answers.question],
    );
  }
  return (
    <section aria-labelledby="sipa-intake-heading">
      <Heading2 id="sipa-intake-heading">{t('sipa.intake.heading')}</Heading2>
      <DataList>
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`sipa.review.${key}`)}</DataListKey>
            <DataListValue className="weerbaar-pre-line">
              {key === 'phone' ? <Link href={`tel:${value}`}>{value}</Link> : value}
            </DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}
