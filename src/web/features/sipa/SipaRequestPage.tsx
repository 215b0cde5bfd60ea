import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { PHONE_INPUT_MAX_LENGTH } from '../../../shared/phone.ts';
import {
  REPRESENTATIVE_BODIES,
  SIPA_CALL_TIMES,
  SIPA_CAPACITIES,
  SIPA_CASE_TYPE,
  SIPA_ORGANISATION_MAX_LENGTH,
  SIPA_TOPICS,
  type SipaRequest,
  type sipaRequestResponseSchema,
} from '../../../shared/sipa.ts';
import { myCasePath } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  CheckboxField,
  CheckboxGroup,
  ErrorSummary,
  Heading1,
  Heading2,
  Paragraph,
  RadioGroup,
  TextField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { apiPost, isApiError } from '../cases/api.ts';
import { PageGate } from '../cases/components/PageGate.tsx';
import { useCaseTypeInfo } from '../cases/data.ts';
import { problemMessage, serverFieldErrors } from '../cases/format.ts';
import { useTargetText } from '../cases/labels.ts';
import { SIPA_REQUESTER_ROLES } from './case-type.ts';
import { EMPTY_SIPA, SIPA_ANCHORS, type SipaAnswers, sipaFieldOf, toSipaRequest, validateSipa } from './form.ts';

type SipaResponse = z.infer<typeof sipaRequestResponseSchema>;

function SipaConfirmation({ response, phone }: { response: SipaResponse; phone: string }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const target = useTargetText(useCaseTypeInfo(SIPA_CASE_TYPE)?.firstResponseTargets[response.urgency]);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <Heading1 ref={heading} tabIndex={-1}>
        {t('sipa.confirmation.title')}
      </Heading1>
      <Paragraph lead>{t('sipa.confirmation.lead', { reference: response.reference })}</Paragraph>
      <Heading2>{t('sipa.confirmation.nextHeading')}</Heading2>
      <Paragraph>
        {t('sipa.confirmation.next', { phone })} {target && t('sipa.confirmation.within', { target })}
      </Paragraph>
      <Paragraph>{t('sipa.confirmation.afterCall')}</Paragraph>
      <Paragraph>{t('sipa.confirmation.noDocuments')}</Paragraph>
      <Paragraph>
        <RouterLink to={myCasePath(response.caseId)}>{t('sipa.confirmation.toCase')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** The capacity that fits the person's office, chosen in advance (they can still pick another). */
const CAPACITY_FOR_OFFICE: Record<string, string> = {
  burgemeester: 'burgemeester',
  commissaris_van_de_koning: 'commissaris_van_de_koning',
  waterschapsbestuurder: 'waterschapsvoorzitter',
};

function SipaForm({ office }: { office: string | null }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<SipaAnswers>(() => ({
    ...EMPTY_SIPA,
    capacity: CAPACITY_FOR_OFFICE[office ?? ''] ?? '',
  }));
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const submit = useMutation({
    mutationFn: (request: SipaRequest) => apiPost<SipaResponse>('/api/sipa/requests', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
  usePageTitle(submit.data ? t('sipa.confirmation.title') : t('sipa.request.title'));
  if (submit.data) return <SipaConfirmation response={submit.data} phone={answers.phone.trim()} />;

  const change = (patch: Partial<SipaAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const options = (group: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`sipa.options.${group}.${value}`) }));

  const send = () => {
    const found = validateSipa(answers, t);
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    submit.mutate(toSipaRequest(answers), {
      onError: (error) => {
        if (isApiError(error, 'capacity_not_held')) {
          setErrors(new Map([['capacity', t('cases.errors.capacity_not_held')]]));
          setAttempt((count) => count + 1);
          return;
        }
        const fields = serverFieldErrors(error);
        if (fields.size === 0) return;
        const mapped = new Map<string, string>();
        for (const path of fields.keys()) {
          const field = sipaFieldOf(path);
          mapped.set(field, t(`sipa.request.errors.${field}`, { defaultValue: t('cases.errors.validation_failed') }));
        }
        setErrors(mapped);
        setAttempt((count) => count + 1);
      },
    });
  };

  const summary = [...errors].map(([field, message]) => ({ fieldId: SIPA_ANCHORS[field] ?? field, message }));

  return (
    <>
      <Heading1>{t('sipa.request.title')}</Heading1>
      <Paragraph lead>{t('sipa.request.lead')}</Paragraph>
      <UnorderedList>
        <UnorderedListItem>{t('sipa.request.doesNot.investigate')}</UnorderedListItem>
        <UnorderedListItem>{t('sipa.request.doesNot.reports')}</UnorderedListItem>
        <UnorderedListItem>{t('sipa.request.doesNot.decide')}</UnorderedListItem>
      </UnorderedList>
      <Alert type="info">
        <Paragraph>{t('sipa.request.secureNotice')}</Paragraph>
      </Alert>
      <form
        noValidate
        aria-labelledby="sipa-form-heading"
        onSubmit={(event) => {
          event.preventDefault();
          send();
        }}
      >
        <Heading2 id="sipa-form-heading" className="weerbaar-visually-hidden">
          {t('sipa.request.formHeading')}
        </Heading2>
        <ErrorSummary
          heading={t('cases.form.errorSummary', { count: summary.length })}
          problems={summary}
          attempt={attempt}
        />
        <RadioGroup
          id="capacity"
          legend={t('sipa.request.capacity')}
          choices={options('capacity', SIPA_CAPACITIES)}
          value={answers.capacity}
          onValueChange={(value) => change({ capacity: value })}
          error={errors.get('capacity')}
        />
        {answers.capacity === 'representative_body' && (
          <RadioGroup
            id="representativeBody"
            legend={t('sipa.request.representativeBody')}
            choices={options('body', REPRESENTATIVE_BODIES)}
            value={answers.representativeBody}
            onValueChange={(value) => change({ representativeBody: value })}
            error={errors.get('representativeBody')}
          />
        )}
        <TextField
          id="organisation"
          label={t('sipa.request.organisation')}
          description={t('sipa.request.organisationHint')}
          value={answers.organisation}
          onValueChange={(value) => change({ organisation: value })}
          error={errors.get('organisation')}
          maxLength={SIPA_ORGANISATION_MAX_LENGTH}
          autoComplete="organization"
        />
        <RadioGroup
          id="topic"
          legend={t('sipa.request.topic')}
          description={t('sipa.request.topicHint')}
          choices={options('topic', SIPA_TOPICS)}
          value={answers.topic}
          onValueChange={(value) => change({ topic: value })}
          error={errors.get('topic')}
        />
        <Heading2>{t('sipa.request.callHeading')}</Heading2>
        <TextField
          id="phone"
          type="tel"
          label={t('sipa.request.phone')}
          description={t('sipa.request.phoneHint')}
          value={answers.phone}
          onValueChange={(value) => change({ phone: value })}
          error={errors.get('phone')}
          maxLength={PHONE_INPUT_MAX_LENGTH}
          autoComplete="tel"
        />
        <CheckboxGroup
          id="callTimes"
          legend={t('sipa.request.callTimes')}
          choices={options('callTime', SIPA_CALL_TIMES)}
          value={answers.callTimes}
          onValueChange={(callTimes) => change({ callTimes })}
          error={errors.get('callTimes')}
        />
        <CheckboxField
          id="urgent"
          label={t('sipa.request.urgent')}
          description={t('sipa.request.urgentHint')}
          checked={answers.urgent}
          onCheckedChange={(urgent) => change({ urgent })}
        />
        {submit.isError &&
          serverFieldErrors(submit.error).size === 0 &&
          !isApiError(submit.error, 'capacity_not_held') && (
            <Alert type="error" role="alert">
              <Paragraph>{problemMessage(t, submit.error)}</Paragraph>
            </Alert>
          )}
        <Button type="submit" appearance="primary-action-button" disabled={submit.isPending}>
          {t('sipa.request.send')}
        </Button>
      </form>
    </>
  );
}

/** /sipa/advies-vragen: ask SIPA for advice on handling a suspected integrity violation. */
export function SipaRequestPage() {
  const { t } = useTranslation();
  return (
    <PageGate title={t('sipa.request.title')} roles={SIPA_REQUESTER_ROLES}>
      {(session) => <SipaForm office={session.person?.office ?? null} />}
    </PageGate>
  );
}
