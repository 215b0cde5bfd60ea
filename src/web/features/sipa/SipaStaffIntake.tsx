import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import {
  SIPA_INTAKE_AGREEMENTS,
  SIPA_INTAKE_MESSAGE_MAX_LENGTH,
  type SipaRecordIntake,
  sipaDetailOf,
} from '../../../shared/sipa.ts';
import { Alert, Button, Heading2, Link, Paragraph, RadioGroup, TextareaField, TextField } from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';

/** Now, as the value of a datetime-local field (the browser's local time, to the minute). */
function localNow(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/**
 * The advisor's first task on a SIPA request: call the requester (the number and the times they gave),
 * then record that the intake was held and what was agreed. Until then nothing confidential comes in.
 */
export function SipaCallPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const sipa = sipaDetailOf(detail);
  const [heldAt, setHeldAt] = useState(localNow);
  const [agreement, setAgreement] = useState('');
  const [message, setMessage] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const record = useCaseAction<SipaRecordIntake>(detail.id, caseApi.action(detail.id, 'sipa/intake'));
  const status = useStatusMessage();
  if (!sipa) return null;
  // Recorded: the panel goes, its announcement stays (the live region keeps its place in the page).
  const open = detail.viewer.actions.includes('record_intake');
  const intake = sipa.intake;

  const submit = () => {
    const found = new Map<string, string>();
    const when = new Date(heldAt);
    if (heldAt === '' || Number.isNaN(when.getTime()) || when.getTime() > Date.now() + 5 * 60_000) {
      found.set('heldAt', t('sipa.callPanel.errors.heldAt'));
    }
    if (agreement === '') found.set('agreement', t('sipa.callPanel.errors.agreement'));
    setErrors(found);
    if (found.size > 0) {
      document.getElementById(found.has('heldAt') ? 'intake-heldAt' : 'intake-agreement-share_details')?.focus();
      return;
    }
    record.mutate(
      {
        heldAt: when.toISOString(),
        agreement: agreement as SipaRecordIntake['agreement'],
        message: message.trim(),
      },
      { onSuccess: () => status.announce(t('sipa.callPanel.saved')) },
    );
  };

  return (
    <>
      {open && (
        <section aria-labelledby="sipa-call-heading" className="weerbaar-panel weerbaar-panel--attention">
          <Heading2 id="sipa-call-heading">{t('sipa.callPanel.heading')}</Heading2>
          <Paragraph>{t('sipa.callPanel.lead')}</Paragraph>
          {intake?.phone && (
            <Paragraph>
              {t('sipa.callPanel.call')} <Link href={`tel:${intake.phone}`}>{intake.phone}</Link>
              {intake.callTimes.length > 0 &&
                ` (${intake.callTimes.map((time) => t(`sipa.options.callTime.${time}`)).join(', ')})`}
            </Paragraph>
          )}
          <Paragraph>{t('sipa.callPanel.noConfidential')}</Paragraph>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <TextField
              id="intake-heldAt"
              type="datetime-local"
              label={t('sipa.callPanel.heldAt')}
              value={heldAt}
              onValueChange={setHeldAt}
              error={errors.get('heldAt')}
            />
            <RadioGroup
              id="intake-agreement"
              legend={t('sipa.callPanel.agreement')}
              choices={SIPA_INTAKE_AGREEMENTS.map((value) => ({
                value,
                label: t(`sipa.callPanel.agreements.${value}`),
              }))}
              value={agreement}
              onValueChange={setAgreement}
              error={errors.get('agreement')}
            />
            <TextareaField
              id="intake-message"
              label={t('sipa.callPanel.message')}
              description={t('sipa.callPanel.messageHint')}
              value={message}
              onValueChange={setMessage}
              maxLength={SIPA_INTAKE_MESSAGE_MAX_LENGTH}
              rows={4}
            />
            {record.isError && (
              <Alert type="error" role="alert">
                <Paragraph>{problemMessage(t, record.error)}</Paragraph>
              </Alert>
            )}
            <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
              {t('sipa.callPanel.save')}
            </Button>
          </form>
        </section>
      )}
      <StatusRegion message={status.message} />
    </>
  );
}
