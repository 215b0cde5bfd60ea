import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AFTERCARE_CONSENT_VIA,
  AFTERCARE_MAX_STEPS,
  AFTERCARE_STEP_NOTE_MAX_LENGTH,
  AFTERCARE_STEP_TOPICS,
  type AftercareConsentVia,
  type AftercareStepInput,
  type AftercareStepTopic,
} from '../../../shared/aftercare.ts';
import type { CaseDetail } from '../../../shared/cases.ts';
import { supportDetailOf } from '../../../shared/support.ts';
import {
  Alert,
  Button,
  ErrorSummary,
  fieldAnchor,
  Heading3,
  Heading4,
  Paragraph,
  RadioGroup,
  SelectField,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { formatDate, problemText, useOpenPlan } from './data.ts';

interface StepDraft {
  key: number;
  topic: AftercareStepTopic;
  note: string;
  owner: 'person' | 'confidant';
  dueOn: string;
}

/**
 * The confidant opens the plan, with the person's consent (how it was given is recorded): the practical
 * steps, who does each and by when. The check-in rhythm comes from the settings (about 1 and 4 weeks);
 * the person chooses which relatives take part, on their own page.
 */
export function OpenPlanForm({ detail, onOpened }: { detail: CaseDetail; onOpened: () => void }) {
  const { t } = useTranslation();
  const open = useOpenPlan(detail.id);
  const incidents = supportDetailOf(detail)?.incidents ?? [];
  const [consent, setConsent] = useState<AftercareConsentVia | undefined>();
  const [incidentId, setIncidentId] = useState('');
  const [steps, setSteps] = useState<StepDraft[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [consentError, setConsentError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const consentChoices = AFTERCARE_CONSENT_VIA.map((via) => ({
    value: via,
    label: t(`aftercare.staff.consentVia.${via}`),
  }));

  const update = (key: number, change: Partial<StepDraft>) =>
    setSteps((current) => current.map((step) => (step.key === key ? { ...step, ...change } : step)));

  const submit = () => {
    setAttempt((count) => count + 1);
    if (!consent) {
      setConsentError(t('aftercare.staff.consentMissing'));
      return;
    }
    setConsentError(undefined);
    const body = {
      consent: { via: consent },
      ...(incidentId ? { incidentId } : {}),
      steps: steps.map(
        (step): AftercareStepInput => ({
          topic: step.topic,
          owner: step.owner,
          ...(step.note.trim() ? { note: step.note.trim() } : {}),
          ...(step.dueOn ? { dueOn: step.dueOn } : {}),
        }),
      ),
    };
    open.mutate(body, { onSuccess: onOpened });
  };

  return (
    <form
      noValidate
      aria-labelledby="aftercare-open-heading"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Heading3 id="aftercare-open-heading">{t('aftercare.staff.openHeading')}</Heading3>
      <ErrorSummary
        heading={t('aftercare.form.errorSummary', { count: consentError ? 1 : 0 })}
        problems={
          consentError ? [{ fieldId: fieldAnchor('aftercare-consent', consentChoices), message: consentError }] : []
        }
        attempt={attempt}
      />
      <RadioGroup
        id="aftercare-consent"
        legend={t('aftercare.staff.consent')}
        choices={consentChoices}
        value={consent}
        onValueChange={(value) => {
          setConsent(value as AftercareConsentVia);
          setConsentError(undefined);
        }}
        error={consentError}
      />
      {incidents.length > 0 && (
        <SelectField
          id="aftercare-incident"
          label={t('aftercare.staff.incident')}
          value={incidentId}
          onValueChange={setIncidentId}
          placeholder={t('aftercare.staff.incidentNone')}
          options={incidents.map((incident) => ({
            value: incident.incidentId,
            label: t('aftercare.staff.incidentOption', { date: formatDate(incident.sharedAt) }),
          }))}
        />
      )}
      <Paragraph>{t('aftercare.staff.rhythm')}</Paragraph>
      <Heading4>{t('aftercare.staff.stepsHeading')}</Heading4>
      <Paragraph>{t('aftercare.staff.stepsLead')}</Paragraph>
      {steps.map((step, index) => (
        <fieldset key={step.key} className="weerbaar-aftercare-card weerbaar-aftercare-step">
          <legend className="weerbaar-aftercare-card__title">
            {t('aftercare.staff.stepNumber', { number: index + 1 })}
          </legend>
          <SelectField
            id={`aftercare-step-${step.key}-topic`}
            label={t('aftercare.staff.stepTopic')}
            value={step.topic}
            onValueChange={(topic) => update(step.key, { topic: topic as AftercareStepTopic })}
            options={AFTERCARE_STEP_TOPICS.map((topic) => ({
              value: topic,
              label: t(`aftercare.steps.topic.${topic}`),
            }))}
          />
          <TextareaField
            id={`aftercare-step-${step.key}-note`}
            label={t('aftercare.staff.stepNote')}
            value={step.note}
            onValueChange={(note) => update(step.key, { note })}
            maxLength={AFTERCARE_STEP_NOTE_MAX_LENGTH}
            rows={2}
          />
          <SelectField
            id={`aftercare-step-${step.key}-owner`}
            label={t('aftercare.staff.stepOwner')}
            value={step.owner}
            onValueChange={(owner) => update(step.key, { owner: owner as StepDraft['owner'] })}
            options={(['person', 'confidant'] as const).map((owner) => ({
              value: owner,
              label: t(`aftercare.steps.ownerKind.${owner}`),
            }))}
          />
          <TextField
            id={`aftercare-step-${step.key}-due`}
            label={t('aftercare.staff.stepDue')}
            type="date"
            value={step.dueOn}
            onValueChange={(dueOn) => update(step.key, { dueOn })}
          />
          <Button
            appearance="subtle-button"
            onClick={() => setSteps((current) => current.filter((item) => item.key !== step.key))}
          >
            {t('aftercare.staff.removeStep', { number: index + 1 })}
          </Button>
        </fieldset>
      ))}
      {steps.length < AFTERCARE_MAX_STEPS && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            onClick={() => {
              setSteps((current) => [
                ...current,
                {
                  key: nextKey,
                  // The first topic not agreed yet: new steps walk through the usual ones.
                  topic:
                    AFTERCARE_STEP_TOPICS.find((topic) => !current.some((step) => step.topic === topic)) ?? 'other',
                  note: '',
                  owner: 'person',
                  dueOn: '',
                },
              ]);
              setNextKey((key) => key + 1);
            }}
          >
            {t('aftercare.staff.addStep')}
          </Button>
        </Paragraph>
      )}
      {open.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemText(t, open.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={open.isPending}>
        {t('aftercare.staff.open')}
      </Button>
    </form>
  );
}
