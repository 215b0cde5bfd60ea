import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AftercareRequest } from '../../../shared/aftercare.ts';
import { Alert, Button, ErrorSummary, Heading2, Paragraph, RadioGroup, TextField } from '../../ui/index.ts';
import { problemText, useAskForAftercare, useMyCases } from './data.ts';

const NEW = 'new';
type Channel = 'phone' | 'in_app';
type When = 'any_time' | 'office_hours' | 'evenings';

/**
 * Asking for aftercare yourself: with one of your own open support requests, or as a new question to the
 * Ondersteuningsteam (how to reach you). Either way a confidant opens the plan with you.
 */
export function AskAftercare({ announce }: { announce: (message: string) => void }) {
  const { t } = useTranslation();
  const cases = useMyCases();
  const ask = useAskForAftercare();
  const open = (cases.data?.cases ?? []).filter((item) => item.type === 'support' && item.closedAt === null);
  const [which, setWhich] = useState<string>(NEW);
  const [channel, setChannel] = useState<Channel>('phone');
  const [phone, setPhone] = useState('');
  const [when, setWhen] = useState<When>('any_time');
  const [phoneError, setPhoneError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const caseId = which === NEW ? undefined : which;

  const submit = () => {
    setAttempt((count) => count + 1);
    if (!caseId && channel === 'phone' && !phone.trim()) {
      setPhoneError(t('aftercare.ask.phoneMissing'));
      return;
    }
    setPhoneError(undefined);
    const request: AftercareRequest = caseId
      ? { caseId }
      : { contact: { channel, when, ...(channel === 'phone' ? { phone: phone.trim() } : {}) } };
    ask.mutate(request, {
      onSuccess: (answer) => announce(t('aftercare.ask.sent', { reference: answer.reference })),
    });
  };

  return (
    <section aria-labelledby="aftercare-ask-heading" className="weerbaar-aftercare-part">
      <Heading2 id="aftercare-ask-heading">{t('aftercare.ask.heading')}</Heading2>
      <Paragraph>{t('aftercare.ask.lead')}</Paragraph>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <ErrorSummary
          heading={t('aftercare.form.errorSummary', { count: phoneError ? 1 : 0 })}
          problems={phoneError ? [{ fieldId: 'aftercare-ask-phone', message: phoneError }] : []}
          attempt={attempt}
        />
        {open.length > 0 && (
          <RadioGroup
            id="aftercare-ask-case"
            legend={t('aftercare.ask.which')}
            choices={[
              ...open.map((item) => ({
                value: item.id,
                label: t('aftercare.ask.existing', { reference: item.reference }),
              })),
              { value: NEW, label: t('aftercare.ask.newCase') },
            ]}
            value={which}
            onValueChange={setWhich}
          />
        )}
        {!caseId && (
          <>
            <RadioGroup
              id="aftercare-ask-channel"
              legend={t('aftercare.ask.channel')}
              choices={[
                { value: 'phone', label: t('aftercare.ask.channelPhone') },
                { value: 'in_app', label: t('aftercare.ask.channelInApp') },
              ]}
              value={channel}
              onValueChange={(value) => setChannel(value as Channel)}
            />
            {channel === 'phone' && (
              <TextField
                id="aftercare-ask-phone"
                label={t('aftercare.ask.phone')}
                type="tel"
                autoComplete="tel"
                value={phone}
                onValueChange={setPhone}
                error={phoneError}
              />
            )}
            <RadioGroup
              id="aftercare-ask-when"
              legend={t('aftercare.ask.when')}
              choices={[
                { value: 'any_time', label: t('aftercare.ask.whenAny') },
                { value: 'office_hours', label: t('aftercare.ask.whenOffice') },
                { value: 'evenings', label: t('aftercare.ask.whenEvenings') },
              ]}
              value={when}
              onValueChange={(value) => setWhen(value as When)}
            />
          </>
        )}
        {ask.isError && (
          <Alert type="error" role="alert">
            <Paragraph>{problemText(t, ask.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="primary-action-button" disabled={ask.isPending}>
          {t('aftercare.ask.send')}
        </Button>
      </form>
    </section>
  );
}
