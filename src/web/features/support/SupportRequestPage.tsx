import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { z } from 'zod';
import type { SupportRequest, supportRequestResponseSchema } from '../../../shared/support.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Heading2,
  Paragraph,
} from '../../ui/index.ts';
import { apiPost, isApiError } from '../cases/api.ts';
import { HelpNumbersNote } from '../cases/components/HelpNumbers.tsx';
import { PageGate } from '../cases/components/PageGate.tsx';
import { problemMessage, serverFieldErrors } from '../cases/format.ts';
import { formatDay } from '../incidents/data.ts';
import { isPendingIncidentShare, type PendingIncidentShare } from '../incidents/share-data.ts';
import { SUPPORT_REQUESTER_ROLES } from './case-type.ts';
import {
  EMPTY_ANSWERS,
  STEPS,
  type Step,
  type SupportAnswers,
  stepOfField,
  toFieldProblems,
  toRequest,
  validateStep,
} from './form.ts';
import { Review } from './Review.tsx';
import { SupportConfirmation } from './SupportConfirmation.tsx';
import { AffectedStep, ContactStep, MoreStep, SituationStep, type StepProps } from './steps.tsx';

type SupportRequestResponse = z.infer<typeof supportRequestResponseSchema>;

const STEP_COMPONENTS: Record<Step, (props: StepProps) => React.JSX.Element> = {
  situation: SituationStep,
  affected: AffectedStep,
  contact: ContactStep,
  more: MoreStep,
};

/** /hulp-vragen: ask the Ondersteuningsteam for support, in four calm steps. */
export function SupportRequestPage() {
  const { t } = useTranslation();
  return (
    <PageGate title={t('support.request.title')} roles={SUPPORT_REQUESTER_ROLES}>
      {(session) => <SupportRequestForm mayRaiseConcern={session.person?.roles.includes('officeholder') ?? false} />}
    </PageGate>
  );
}

function SupportRequestForm({ mayRaiseConcern }: { mayRaiseConcern: boolean }) {
  const { t } = useTranslation();
  // An incident the person chose to share on its consent screen (incidents/ShareIncidentPage.tsx).
  const handedOver = (useLocation().state as { incidentShare?: unknown } | null)?.incidentShare;
  const [incidentShare, setIncidentShare] = useState(isPendingIncidentShare(handedOver) ? handedOver : null);
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<SupportAnswers>(EMPTY_ANSWERS);
  const [step, setStep] = useState<Step>('situation');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const submit = useMutation({
    mutationFn: (request: SupportRequest) => apiPost<SupportRequestResponse>('/api/support/requests', request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });

  const index = STEPS.indexOf(step);
  const stepTitle = t(`support.steps.${step}`);
  usePageTitle(
    submit.data
      ? t('support.confirmation.title')
      : t('support.request.pageTitle', { step: index + 1, total: STEPS.length, title: stepTitle }),
  );

  // A new step: move focus to its heading, so keyboard and screen reader users start at the top of it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of step
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeading.current?.focus();
  }, [step]);

  if (submit.data) return <SupportConfirmation response={submit.data} answers={answers} />;

  const change = (patch: Partial<SupportAnswers>) => setAnswers((current) => ({ ...current, ...patch }));
  const goTo = (next: Step) => {
    setErrors(new Map());
    setStep(next);
  };

  const next = () => {
    const found = validateStep(step, answers, t);
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    const following = STEPS[index + 1];
    if (following) goTo(following);
    else send();
  };

  const send = () => {
    const request = toRequest(answers);
    submit.mutate(incidentShare ? { ...request, incident: incidentShare.consent } : request, {
      onError: (error) => {
        if (isApiError(error, 'zelfscan_result_not_found')) {
          setStep('more');
          setErrors(new Map([['zelfscanResultId', t('cases.errors.zelfscan_result_not_found')]]));
          setAttempt((count) => count + 1);
          return;
        }
        const fields = serverFieldErrors(error);
        if (fields.size === 0) return;
        const [first] = fields.keys();
        const found = new Map<string, string>();
        for (const field of fields.keys()) {
          const key = field.split('.').at(-1) ?? field;
          found.set(key, t(`support.request.errors.${key}`, { defaultValue: t('cases.errors.validation_failed') }));
        }
        setStep(stepOfField(first ?? ''));
        setErrors(found);
        setAttempt((count) => count + 1);
      },
    });
  };

  const problems: FieldProblem[] = toFieldProblems(errors);
  const StepFields = STEP_COMPONENTS[step];

  return (
    <>
      <Heading1>{t('support.request.title')}</Heading1>
      {step === 'situation' && (
        <>
          <Paragraph lead>{t('support.request.lead')}</Paragraph>
          <Paragraph>{t('support.request.confidential')}</Paragraph>
          <HelpNumbersNote />
        </>
      )}
      {step !== 'situation' && answers.acuteDanger === 'yes' && <HelpNumbersNote />}
      {incidentShare && <IncidentShareNote share={incidentShare} onDrop={() => setIncidentShare(null)} />}
      <form
        noValidate
        aria-labelledby="step-heading"
        onSubmit={(event) => {
          event.preventDefault();
          next();
        }}
      >
        <ErrorSummary
          heading={t('cases.form.errorSummary', { count: problems.length })}
          problems={problems}
          attempt={attempt}
        />
        <p className="weerbaar-step-progress" aria-hidden="true">
          {t('support.request.progress', { step: index + 1, total: STEPS.length })}
        </p>
        <Heading2 id="step-heading" ref={stepHeading} tabIndex={-1} className="weerbaar-step-heading">
          <span className="weerbaar-visually-hidden">
            {t('support.request.progress', { step: index + 1, total: STEPS.length })}:{' '}
          </span>
          {stepTitle}
        </Heading2>
        <StepFields answers={answers} change={change} errors={errors} mayRaiseConcern={mayRaiseConcern} />
        {step === 'more' && <Review answers={answers} goTo={goTo} />}
        {submit.isError &&
          serverFieldErrors(submit.error).size === 0 &&
          !isApiError(submit.error, 'zelfscan_result_not_found') && (
            <Alert type="error" role="alert">
              <Paragraph>{problemMessage(t, submit.error)}</Paragraph>
              <HelpNumbersNote />
            </Alert>
          )}
        <ButtonGroup className="weerbaar-form-actions">
          <Button type="submit" appearance="primary-action-button" disabled={submit.isPending}>
            {step === 'more' ? t('support.request.send') : t('support.request.next')}
          </Button>
          {index > 0 && (
            <Button
              type="button"
              appearance="secondary-action-button"
              onClick={() => goTo(STEPS[index - 1] ?? 'situation')}
            >
              {t('support.request.previous')}
            </Button>
          )}
        </ButtonGroup>
        {submit.isPending && <Paragraph role="status">{t('support.request.sending')}</Paragraph>}
      </form>
    </>
  );
}

/** The incident that goes with this request, as chosen on its consent screen; it can still be left out. */
function IncidentShareNote({ share, onDrop }: { share: PendingIncidentShare; onDrop: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert type="info">
      <Paragraph>
        {t('incidents.share.withRequest', {
          date: formatDay(share.occurredOn),
          parts: share.consent.fields.length,
          files: share.consent.evidenceIds.length,
        })}
      </Paragraph>
      <Button type="button" appearance="subtle-button" onClick={onDrop}>
        {t('incidents.share.withRequestDrop')}
      </Button>
    </Alert>
  );
}
