import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type CaseDetail, FEEDBACK_MAX_LENGTH } from '../../../shared/cases.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { Alert, Button, Heading2, Heading3, Paragraph, RadioGroup, TextareaField, TextField } from '../../ui/index.ts';
import { useStepUp } from '../auth/StepUp.tsx';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from './components/StatusRegion.tsx';
import { caseApi, useCaseAction } from './data.ts';
import { formatDate, problemMessage } from './format.ts';

const RATINGS = ['5', '4', '3', '2', '1'] as const;

function FeedbackForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = useCaseAction<{ rating: number; body?: string }>(caseId, caseApi.action(caseId, 'feedback'));
  return (
    <form
      noValidate
      aria-labelledby="feedback-heading"
      onSubmit={(event) => {
        event.preventDefault();
        if (!rating) {
          setError(t('cases.closure.feedbackRatingMissing'));
          document.getElementById('rating-5')?.focus();
          return;
        }
        setError(undefined);
        send.mutate({ rating: Number(rating), ...(body.trim() ? { body: body.trim() } : {}) });
      }}
    >
      <Heading3 id="feedback-heading">{t('cases.closure.feedbackHeading')}</Heading3>
      <Paragraph>{t('cases.closure.feedbackLead')}</Paragraph>
      <RadioGroup
        id="rating"
        legend={t('cases.closure.rating')}
        choices={RATINGS.map((value) => ({ value, label: t(`cases.closure.ratings.${value}`) }))}
        value={rating}
        onValueChange={setRating}
        error={error}
      />
      <TextareaField
        id="feedback-body"
        label={t('cases.closure.feedbackBody')}
        value={body}
        onValueChange={setBody}
        maxLength={FEEDBACK_MAX_LENGTH}
        rows={4}
      />
      {send.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, send.error)}</Paragraph>
        </Alert>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={send.isPending}>
        {t('cases.closure.sendFeedback')}
      </Button>
    </form>
  );
}

/** The requester's choices around closing: withdraw, feedback, reopen, early deletion. */
export function CaseClosure({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const actions = new Set(detail.viewer.actions);
  const closed = detail.status === 'closed';
  const status = useStatusMessage();
  const navigate = useNavigate();
  const withStepUp = useStepUp();
  const [dialog, setDialog] = useState<'withdraw' | 'erase' | 'reopen' | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | undefined>();
  const reopen = useCaseAction<{ reason: string }>(detail.id, caseApi.action(detail.id, 'reopen'));
  const withdraw = useCaseAction<{ outcome: 'withdrawn' }>(detail.id, caseApi.action(detail.id, 'close'));
  const erase = useCaseAction<{ reference: string }>(detail.id, caseApi.action(detail.id, 'erase'));

  const mayWithdraw = !closed && actions.has('close');
  if (!closed && !mayWithdraw) return null;

  return (
    <section aria-labelledby="closure-heading">
      <Heading2 id="closure-heading" tabIndex={-1}>
        {t(closed ? 'cases.closure.headingClosed' : 'cases.closure.headingOpen')}
      </Heading2>
      {mayWithdraw && (
        <>
          <Paragraph>{t('cases.closure.withdrawLead')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => setDialog('withdraw')}>
            {t('cases.closure.withdraw')}
          </Button>
        </>
      )}
      {closed && detail.feedback && <Paragraph>{t('cases.closure.feedbackThanks')}</Paragraph>}
      {closed && !detail.feedback && actions.has('give_feedback') && <FeedbackForm caseId={detail.id} />}
      {closed && actions.has('reopen') && (
        <>
          <Heading3>{t('cases.closure.reopenHeading')}</Heading3>
          <Paragraph>
            {t('cases.closure.reopenLead', { date: detail.reopenUntil ? formatDate(detail.reopenUntil) : '' })}
          </Paragraph>
          <Button appearance="secondary-action-button" onClick={() => setDialog('reopen')}>
            {t('cases.closure.reopen')}
          </Button>
        </>
      )}
      {closed && actions.has('erase') && (
        <>
          <Heading3>{t('cases.closure.eraseHeading')}</Heading3>
          <Paragraph>{t('cases.closure.eraseLead')}</Paragraph>
          <Button appearance="secondary-action-button" onClick={() => setDialog('erase')}>
            {t('cases.closure.erase')}
          </Button>
        </>
      )}
      <ConfirmDialog
        open={dialog === 'withdraw'}
        title={t('cases.closure.withdrawTitle')}
        confirmLabel={t('cases.closure.withdrawConfirm')}
        busy={withdraw.isPending}
        error={withdraw.error ? problemMessage(t, withdraw.error) : null}
        onCancel={() => setDialog(null)}
        onConfirm={() =>
          withdraw.mutate(
            { outcome: 'withdrawn' },
            {
              onSuccess: () => {
                setDialog(null);
                status.announce(t('cases.closure.withdrawn'));
              },
            },
          )
        }
      >
        <Paragraph>{t('cases.closure.withdrawBody')}</Paragraph>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'reopen'}
        title={t('cases.closure.reopenTitle', { reference: detail.reference })}
        confirmLabel={t('cases.closure.reopenConfirm')}
        busy={reopen.isPending}
        error={reopen.error ? problemMessage(t, reopen.error) : null}
        onCancel={() => {
          setDialog(null);
          setReasonError(undefined);
        }}
        onConfirm={() => {
          // Why it is reopened goes to whoever helps, as the requester's message in the conversation.
          if (!reason.trim()) {
            setReasonError(t('cases.closure.reopenReasonMissing'));
            document.getElementById('reopen-reason')?.focus();
            return;
          }
          setReasonError(undefined);
          reopen.mutate(
            { reason: reason.trim() },
            {
              onSuccess: () => {
                setDialog(null);
                setReason('');
                status.announce(t('cases.closure.reopened'));
              },
            },
          );
        }}
      >
        <Paragraph>{t('cases.closure.reopenBody')}</Paragraph>
        <TextareaField
          id="reopen-reason"
          label={t('cases.closure.reopenReason')}
          value={reason}
          onValueChange={setReason}
          error={reasonError}
          maxLength={5000}
          rows={3}
        />
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === 'erase'}
        title={t('cases.closure.eraseTitle')}
        confirmLabel={t('cases.closure.eraseConfirm')}
        busy={erase.isPending}
        error={erase.error ? problemMessage(t, erase.error) : null}
        onCancel={() => {
          setDialog(null);
          setReferenceError(undefined);
        }}
        onConfirm={() => {
          if (reference.trim().toUpperCase() !== detail.reference) {
            setReferenceError(t('cases.closure.eraseReferenceWrong'));
            document.getElementById('erase-reference')?.focus();
            return;
          }
          setReferenceError(undefined);
          // Deleting needs a recent sign-in: the shared dialog asks for it, then deletion is tried again.
          const typed = reference.trim();
          withStepUp(() => erase.mutateAsync({ reference: typed }))
            .then(() => navigate(WEB_PATHS.myCases, { state: { erased: detail.reference } }))
            .catch(() => undefined);
        }}
      >
        <Paragraph>{t('cases.closure.eraseBody')}</Paragraph>
        <TextField
          id="erase-reference"
          label={t('cases.closure.eraseReference', { reference: detail.reference })}
          value={reference}
          onValueChange={setReference}
          error={referenceError}
          autoComplete="off"
          maxLength={20}
        />
      </ConfirmDialog>
      <StatusRegion message={status.message} />
    </section>
  );
}
