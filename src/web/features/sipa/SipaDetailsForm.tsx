import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import {
  SIPA_SIGNAL_SOURCES,
  SIPA_SINCE,
  SIPA_TEXT_MAX_LENGTH,
  type SipaDetails,
  sipaDetailOf,
} from '../../../shared/sipa.ts';
import {
  Alert,
  Button,
  ErrorSummary,
  Heading2,
  Heading3,
  Paragraph,
  RadioGroup,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { problemMessage, serverFieldErrors } from '../cases/format.ts';
import {
  EMPTY_SIPA_DETAILS,
  SIPA_DETAIL_ANCHORS,
  type SipaDetailAnswers,
  sipaDetailFieldOf,
  toSipaDetails,
  validateSipaDetails,
} from './form.ts';

/**
 * Where the requester stands in SIPA's process, in their words: before the phone intake (an advisor
 * calls; send nothing confidential), and after it, when agreed, the form for the signal, the person
 * concerned and the question over this secure channel.
 */
export function SipaRequesterProcess({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const sipa = sipaDetailOf(detail);
  if (!sipa || detail.status === 'closed') return null;
  if (sipa.phoneIntake.state === 'pending') {
    const phone = sipa.intake?.phone;
    return (
      <Alert type="info">
        <Paragraph>{phone ? t('sipa.process.waitForCall', { phone }) : t('sipa.process.waitForCallNoPhone')}</Paragraph>
        <Paragraph>{t('sipa.process.nothingConfidential')}</Paragraph>
      </Alert>
    );
  }
  if (detail.viewer.actions.includes('share_details')) return <SipaDetailsForm detail={detail} />;
  return null;
}

function SipaDetailsForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<SipaDetailAnswers>(EMPTY_SIPA_DETAILS);
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const share = useCaseAction<SipaDetails>(detail.id, caseApi.action(detail.id, 'sipa/details'), 'PUT');
  const change = (patch: Partial<SipaDetailAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`sipa.options.${group}.${value}`) }));

  const send = () => {
    const found = validateSipaDetails(answers, t);
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    share.mutate(toSipaDetails(answers), {
      onError: (error) => {
        const fields = serverFieldErrors(error);
        if (fields.size === 0) return;
        const mapped = new Map<string, string>();
        for (const path of fields.keys()) {
          const field = sipaDetailFieldOf(path);
          mapped.set(field, t(`sipa.details.errors.${field}`, { defaultValue: problemMessage(t, error) }));
        }
        setErrors(mapped);
        setAttempt((count) => count + 1);
      },
    });
  };
  const summary = [...errors].map(([field, message]) => ({ fieldId: SIPA_DETAIL_ANCHORS[field] ?? field, message }));

  return (
    <section aria-labelledby="sipa-details-heading" className="weerbaar-panel weerbaar-panel--attention">
      <Heading2 id="sipa-details-heading">{t('sipa.details.heading')}</Heading2>
      <Paragraph>{t('sipa.details.lead')}</Paragraph>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <ErrorSummary
          heading={t('cases.form.errorSummary', { count: summary.length })}
          problems={summary}
          attempt={attempt}
        />
        <Heading3>{t('sipa.details.signalHeading')}</Heading3>
        <TextareaField
          id="what"
          label={t('sipa.details.what')}
          description={t('sipa.details.whatHint')}
          value={answers.what}
          onValueChange={(value) => change({ what: value })}
          error={errors.get('what')}
          maxLength={SIPA_TEXT_MAX_LENGTH}
        />
        <RadioGroup
          id="signalSince"
          legend={t('sipa.details.since')}
          choices={options('since', SIPA_SINCE)}
          value={answers.since}
          onValueChange={(value) => change({ since: value })}
          error={errors.get('since')}
        />
        <RadioGroup
          id="source"
          legend={t('sipa.details.source')}
          choices={options('source', SIPA_SIGNAL_SOURCES)}
          value={answers.source}
          onValueChange={(value) => change({ source: value })}
          error={errors.get('source')}
        />
        <Heading3>{t('sipa.details.personHeading')}</Heading3>
        <Paragraph>{t('sipa.details.personMinimal')}</Paragraph>
        <TextField
          id="personName"
          label={t('sipa.details.personName')}
          value={answers.personName}
          onValueChange={(value) => change({ personName: value })}
          error={errors.get('personName')}
          maxLength={200}
          autoComplete="off"
        />
        <TextField
          id="personPosition"
          label={t('sipa.details.personPosition')}
          description={t('sipa.details.personPositionHint')}
          value={answers.personPosition}
          onValueChange={(value) => change({ personPosition: value })}
          error={errors.get('personPosition')}
          maxLength={200}
          autoComplete="off"
        />
        <Heading3>{t('sipa.details.questionHeading')}</Heading3>
        <TextareaField
          id="doneSoFar"
          label={t('sipa.details.doneSoFar')}
          description={t('sipa.details.doneSoFarHint')}
          value={answers.doneSoFar}
          onValueChange={(value) => change({ doneSoFar: value })}
          maxLength={SIPA_TEXT_MAX_LENGTH}
        />
        <TextareaField
          id="question"
          label={t('sipa.details.question')}
          description={t('sipa.details.questionHint')}
          value={answers.question}
          onValueChange={(value) => change({ question: value })}
          error={errors.get('question')}
          maxLength={SIPA_TEXT_MAX_LENGTH}
        />
        {share.isError && serverFieldErrors(share.error).size === 0 && (
          <Alert type="error" role="alert">
            <Paragraph>{problemMessage(t, share.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={share.isPending}>
          {t('sipa.details.send')}
        </Button>
      </form>
    </section>
  );
}
