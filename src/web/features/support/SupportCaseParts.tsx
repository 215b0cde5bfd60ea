import { type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { ADVICE_LINK_TARGETS, type AdviceItem, type SupportIntake, supportDetailOf } from '../../../shared/support.ts';
import { packagePartPath } from '../../../shared/web-paths.ts';
import {
  Alert,
  Button,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  focusField,
  Heading2,
  Heading3,
  Link,
  Paragraph,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ConfirmDialog } from '../cases/components/ConfirmDialog.tsx';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { formatDateTime, problemMessage } from '../cases/format.ts';

/** Where an advice item leads: a part of the package, or this case's conversation. */
function AdviceLink({ item }: { item: AdviceItem }) {
  const { t } = useTranslation();
  const target = ADVICE_LINK_TARGETS[item.linkKey];
  const label = t(`support.advice.link.${item.linkKey}`);
  if (target.packageSlug) return <RouterLink to={packagePartPath(target.packageSlug)}>{label}</RouterLink>;
  return (
    <Link
      href="#conversation-heading"
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        event.preventDefault();
        focusField('conversation-heading');
      }}
    >
      {label}
    </Link>
  );
}

/** The confidant's advice: what to do next, each with where to act on it. */
export function SupportAdviceView({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const support = supportDetailOf(detail);
  const advice = support?.advice ?? [];
  if (advice.length === 0) return null;
  return (
    <section aria-labelledby="advice-heading">
      <Heading2 id="advice-heading">{t('support.advice.heading')}</Heading2>
      {support?.adviceRecordedAt && (
        <Paragraph>{t('support.advice.recordedAt', { date: formatDateTime(support.adviceRecordedAt) })}</Paragraph>
      )}
      <ol className="weerbaar-advice-list">
        {advice.map((item) => (
          <li key={item.kind} className="weerbaar-card">
            <Heading3>{t(`support.advice.kind.${item.kind}`)}</Heading3>
            <Paragraph className="weerbaar-pre-line">{item.explanation}</Paragraph>
            <Paragraph>
              <AdviceLink item={item} />
            </Paragraph>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** What the requester told us, as the requester (and assigned staff) see it. */
export function SupportIntakeView({ intake }: { intake: SupportIntake }) {
  const { t } = useTranslation();
  const list = (group: string, values: readonly string[]) =>
    values.map((value) => t(`support.options.${group}.${value}`)).join(', ');
  const rows: [string, string][] = [
    ['acuteDanger', t(`support.options.yesNo.${intake.acuteDanger ? 'yes' : 'no'}`)],
    ['concernFor', t(`support.options.concernFor.${intake.concernFor}`)],
    ['situation', list('situation', intake.situation)],
    ['since', t(`support.options.since.${intake.since}`)],
    ['affected', list('affected', intake.affected)],
    [
      'channel',
      `${t(`support.options.channel.${intake.contact.channel}`)}${intake.contact.phone ? `: ${intake.contact.phone}` : ''}`,
    ],
    ['when', t(`support.options.when.${intake.contact.when}`)],
  ];
  if (intake.personConcerned) {
    const person = intake.personConcerned;
    const office = person.office ? t(`support.options.office.${person.office}`, { defaultValue: person.office }) : '';
    rows.push(['colleague', [person.name, office, person.region].filter(Boolean).join(', ')]);
  }
  if (intake.body) rows.push(['body', intake.body]);
  return (
    <section aria-labelledby="intake-heading">
      <Heading2 id="intake-heading">{t('support.intake.heading')}</Heading2>
      <DataList>
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{t(`support.review.${key}`)}</DataListKey>
            <DataListValue className="weerbaar-pre-line">{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
    </section>
  );
}

/** The shared zelfscan result: the requester can take it back at any time. */
export function SharedZelfscan({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const withdraw = useCaseAction<Record<string, never>>(
    detail.id,
    caseApi.action(detail.id, 'support/zelfscan/withdraw'),
  );
  const shared = supportDetailOf(detail)?.zelfscan;
  if (!shared) return null;
  const mayWithdraw = detail.viewer.actions.includes('withdraw_zelfscan');
  return (
    <section aria-labelledby="zelfscan-heading">
      <Heading2 id="zelfscan-heading" tabIndex={-1}>
        {t('support.zelfscan.heading')}
      </Heading2>
      <Paragraph>{t('support.zelfscan.shared', { date: formatDateTime(shared.sharedAt) })}</Paragraph>
      {mayWithdraw && (
        <Button appearance="secondary-action-button" onClick={() => setConfirming(true)}>
          {t('support.zelfscan.withdraw')}
        </Button>
      )}
      {withdraw.isError && !confirming && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, withdraw.error)}</Paragraph>
        </Alert>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('support.zelfscan.confirmTitle')}
        confirmLabel={t('support.zelfscan.confirm')}
        busy={withdraw.isPending}
        error={withdraw.error ? problemMessage(t, withdraw.error) : null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => withdraw.mutate({}, { onSuccess: () => setConfirming(false) })}
      >
        <Paragraph>{t('support.zelfscan.confirmBody')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
