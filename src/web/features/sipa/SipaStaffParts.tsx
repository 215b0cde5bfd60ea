import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CaseDetail } from '../../../shared/cases.ts';
import { SIPA_TEXT_MAX_LENGTH, type SipaAdvice, sipaDetailOf } from '../../../shared/sipa.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Alert, Button, ButtonGroup, Heading2, Paragraph, TextareaField } from '../../ui/index.ts';
import { ConfirmDialog } from '../cases/components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { ADVICE_SECTIONS } from './SipaCaseParts.tsx';

/**
 * After taking a SIPA request the advisor sees who it is about and must first say whether there is a
 * conflict of interest. "Conflict" hands the request back to the queue; both answers are recorded.
 */
export function SipaConflictCheck({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [handingBack, setHandingBack] = useState(false);
  const navigate = useNavigate();
  const check = useCaseAction<{ decision: 'no_conflict' | 'conflict' }>(
    detail.id,
    caseApi.action(detail.id, 'sipa/conflict-check'),
  );
  const sipa = sipaDetailOf(detail);
  if (sipa?.conflictCheck !== 'pending' || !detail.viewer.actions.includes('conflict_check')) return null;
  const person = sipa.intake?.personConcerned ?? null;
  return (
    <section aria-labelledby="conflict-heading" className="weerbaar-panel weerbaar-panel--attention">
      <Heading2 id="conflict-heading">{t('sipa.conflict.heading')}</Heading2>
      {person && <Paragraph>{t('sipa.conflict.person', { name: person.name, position: person.position })}</Paragraph>}
      <Paragraph>{t('sipa.conflict.lead')}</Paragraph>
      {check.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, check.error)}</Paragraph>
        </Alert>
      )}
      <ButtonGroup>
        <Button
          appearance="primary-action-button"
          disabled={check.isPending}
          onClick={() => check.mutate({ decision: 'no_conflict' })}
        >
          {t('sipa.conflict.none')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setHandingBack(true)}>
          {t('sipa.conflict.handBack')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={handingBack}
        title={t('sipa.conflict.confirmTitle')}
        confirmLabel={t('sipa.conflict.confirm')}
        busy={check.isPending}
        error={check.error ? problemMessage(t, check.error) : null}
        onCancel={() => setHandingBack(false)}
        onConfirm={() =>
          check.mutate(
            { decision: 'conflict' },
            {
              // The request is no longer ours to see: back to the queue, which says what happened.
              onSuccess: () => navigate(WEB_PATHS.workQueue, { state: { handedBack: detail.reference } }),
            },
          )
        }
      >
        <Paragraph>{t('sipa.conflict.confirmBody')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}

type Draft = Record<(typeof ADVICE_SECTIONS)[number], string> & { researchQuestions: string };

/** The structured advice, section by section; empty sections stay out of the PDF. */
export function SipaAdviceForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const existing = sipaDetailOf(detail)?.advice;
  const [draft, setDraft] = useState<Draft>(() => ({
    preliminaryInquiry: existing?.preliminaryInquiry ?? '',
    assignment: existing?.assignment ?? '',
    investigatorChoice: existing?.investigatorChoice ?? '',
    safeguards: existing?.safeguards ?? '',
    privacy: existing?.privacy ?? '',
    communication: existing?.communication ?? '',
    researchQuestions: existing?.researchQuestions.join('\n') ?? '',
  }));
  const [error, setError] = useState<string | undefined>();
  const save = useCaseAction<{ advice: SipaAdvice }>(detail.id, caseApi.action(detail.id, 'sipa/advice'), 'PUT');
  const status = useStatusMessage();
  if (!detail.viewer.actions.includes('record_advice')) return null;

  const submit = () => {
    const questions = draft.researchQuestions
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const advice: SipaAdvice = {
      preliminaryInquiry: draft.preliminaryInquiry.trim(),
      assignment: draft.assignment.trim(),
      researchQuestions: questions,
      investigatorChoice: draft.investigatorChoice.trim(),
      safeguards: draft.safeguards.trim(),
      privacy: draft.privacy.trim(),
      communication: draft.communication.trim(),
    };
    if (ADVICE_SECTIONS.every((section) => advice[section] === '') && questions.length === 0) {
      setError(t('sipa.adviceForm.empty'));
      document.getElementById('advice-preliminaryInquiry')?.focus();
      return;
    }
    setError(undefined);
    save.mutate({ advice }, { onSuccess: () => status.announce(t('sipa.adviceForm.saved')) });
  };

  return (
    <section aria-labelledby="sipa-advice-form-heading">
      <Heading2 id="sipa-advice-form-heading">{t('sipa.adviceForm.heading')}</Heading2>
      <Paragraph>{t('sipa.adviceForm.lead')}</Paragraph>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {ADVICE_SECTIONS.map((section, index) => (
          <div key={section}>
            <TextareaField
              id={`advice-${section}`}
              label={t(`sipa.advice.section.${section}`)}
              description={t(`sipa.adviceForm.hint.${section}`)}
              value={draft[section]}
              onValueChange={(value) => setDraft((current) => ({ ...current, [section]: value }))}
              error={index === 0 ? error : undefined}
              maxLength={SIPA_TEXT_MAX_LENGTH}
              rows={4}
            />
            {section === 'assignment' && (
              <TextareaField
                id="advice-researchQuestions"
                label={t('sipa.advice.section.researchQuestions')}
                description={t('sipa.adviceForm.hint.researchQuestions')}
                value={draft.researchQuestions}
                onValueChange={(value) => setDraft((current) => ({ ...current, researchQuestions: value }))}
                rows={4}
              />
            )}
          </div>
        ))}
        {save.isError && (
          <Alert type="error" role="alert">
            <Paragraph>{problemMessage(t, save.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t('sipa.adviceForm.save')}
        </Button>
      </form>
      <StatusRegion message={status.message} />
    </section>
  );
}
