import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { ProtectionState } from '../../../shared/protection.ts';
import { incidentPath } from '../../../shared/web-paths.ts';
import { ApiError } from '../../api/client.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  CheckboxField,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Heading2,
  Link,
  OrderedList,
  OrderedListItem,
  Paragraph,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDay, formatMoment, todayInNl } from '../incidents/data.ts';
import { IncidentGate } from '../incidents/IncidentGate.tsx';
import { useProtection, useRecordInformed } from './data.ts';

/**
 * /incidenten/:incidentId/beveiliging — the Stelsel bewaken en beveiligen, information only (domain.md §6),
 * and one step: "I was informed and will talk to the police", with a review date of the person's own.
 * There is no field for measures or threats, on purpose (server: modules/protection/README.md).
 */
export function ProtectionPage() {
  const { t } = useTranslation();
  usePageTitle(t('protection.title'));
  return (
    <IncidentGate title={t('protection.title')}>
      <Protection />
    </IncidentGate>
  );
}

function Protection() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const query = useProtection(incidentId);
  return (
    <>
      <Paragraph>
        <RouterLink to={incidentPath(incidentId)}>{t('protection.back')}</RouterLink>
      </Paragraph>
      <Heading1>{t('protection.title')}</Heading1>
      <Paragraph lead>{t('protection.lead')}</Paragraph>
      <Alert type="info">
        <Paragraph>{t('protection.notPart')}</Paragraph>
      </Alert>
      <Heading2>{t('protection.whoHeading')}</Heading2>
      <Paragraph>{t('protection.whoDecentral')}</Paragraph>
      <Paragraph>{t('protection.whoRijk')}</Paragraph>
      <Heading2>{t('protection.orderHeading')}</Heading2>
      <OrderedList>
        <OrderedListItem>{t('protection.orderSelf')}</OrderedListItem>
        <OrderedListItem>{t('protection.orderEmployer')}</OrderedListItem>
        <OrderedListItem>{t('protection.orderGovernment')}</OrderedListItem>
      </OrderedList>
      <Heading2>{t('protection.startsHeading')}</Heading2>
      <OrderedList>
        {(['starts1', 'starts2', 'starts3', 'starts4', 'starts5'] as const).map((key) => (
          <OrderedListItem key={key}>{t(`protection.${key}`)}</OrderedListItem>
        ))}
      </OrderedList>
      <Paragraph>{t('protection.lastStep')}</Paragraph>
      <Heading2 id="protection-talk">{t('protection.talkHeading')}</Heading2>
      <Paragraph>{t('protection.talkBody')}</Paragraph>
      <Paragraph>
        <Link href="tel:09008844">0900 8844</Link> ·{' '}
        <Link href={`tel:${SUPPORT_TEAM_PHONE.tel}`}>{SUPPORT_TEAM_PHONE.display}</Link>
      </Paragraph>
      {query.isPending ? (
        <Paragraph role="status">{t('aangifte.common.loading')}</Paragraph>
      ) : query.data ? (
        <InformedForm incidentId={incidentId} state={query.data.protection} />
      ) : (
        <Alert type="error">
          <Paragraph>
            {query.error instanceof ApiError && query.error.status === 404
              ? t('incidents.errors.not_found')
              : t('protection.generic')}
          </Paragraph>
        </Alert>
      )}
    </>
  );
}

function InformedForm({ incidentId, state }: { incidentId: string; state: ProtectionState }) {
  const { t } = useTranslation();
  const record = useRecordInformed(incidentId);
  const [informed, setInformed] = useState(state.informedAt !== null);
  const [reviewOn, setReviewOn] = useState(state.reviewOn ?? '');
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);

  const errors = new Map(local);
  if (record.error instanceof ApiError && record.error.fieldErrors.some((error) => error.field === 'body/reviewOn')) {
    errors.set('protection-review', t('protection.pastDate'));
  }
  const problems: FieldProblem[] = [...errors].map(([fieldId, message]) => ({ fieldId, message }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!informed) found.set('protection-informed', t('protection.missingInformed'));
    if (reviewOn && reviewOn < todayInNl()) found.set('protection-review', t('protection.pastDate'));
    setLocal(found);
    setSaved(false);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    record.mutate(
      { informed: true, reviewOn: reviewOn || null },
      { onSuccess: () => setSaved(true), onError: () => setAttempt((count) => count + 1) },
    );
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="protection-talk">
      <ErrorSummary heading={t('protection.errorSummary')} problems={problems} attempt={attempt} />
      {state.informedAt && (
        <Paragraph>
          {t('protection.state', { date: formatMoment(state.informedAt) })}{' '}
          {state.reviewOn ? t('protection.stateReview', { date: formatDay(state.reviewOn) }) : ''}
        </Paragraph>
      )}
      <CheckboxField
        id="protection-informed"
        label={t('protection.informed')}
        checked={informed}
        error={errors.get('protection-informed')}
        onCheckedChange={setInformed}
      />
      <TextField
        id="protection-review"
        type="date"
        label={t('protection.reviewOn')}
        description={t('protection.reviewHint')}
        value={reviewOn}
        min={todayInNl()}
        error={errors.get('protection-review')}
        onValueChange={setReviewOn}
      />
      <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
        {t('protection.save')}
      </Button>
      <StatusMessage>{saved ? t('protection.saved') : null}</StatusMessage>
      {record.isError && errors.size === 0 && (
        <Alert type="error">
          <Paragraph>{t('protection.generic')}</Paragraph>
        </Alert>
      )}
    </form>
  );
}
