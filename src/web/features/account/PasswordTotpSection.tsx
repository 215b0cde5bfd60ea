import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Credentials,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type TotpSetupResponse,
} from '../../../shared/auth.ts';
import { apiDelete, apiPost, isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  ConfirmDialog,
  ErrorSummary,
  type FieldProblem,
  Heading3,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { NewPasswordField } from '../auth/PasswordField.tsx';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { TotpSetup } from '../auth/TotpSetup.tsx';
import { type Announce, endedText, useRefreshCredentials } from './sections.ts';

/** Password with an authenticator app: set it up, change the password, or remove it. */
export function PasswordTotpSection({ credentials, announce }: { credentials: Credentials; announce: Announce }) {
  const { t } = useTranslation();
  const withStepUp = useStepUp();
  const refresh = useRefreshCredentials();
  const [password, setPassword] = useState('');
  const [setup, setSetup] = useState<TotpSetupResponse | null>(null);
  const [code, setCode] = useState('');
  const [endOthers, setEndOthers] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const form = useFormProblems();

  function handle(error: unknown) {
    if (error instanceof StepUpCancelled) return;
    const fields = fieldProblemsFrom(t, error, { 'body/password': 'new-password', 'body/totpCode': 'totp-code' });
    if (isApiError(error, 'totp_invalid'))
      fields.push({ fieldId: 'totp-code', message: t('auth.problems.totp_invalid') });
    if (fields.length > 0) {
      form.report(fields);
      return;
    }
    if (isApiError(error, 'totp_setup_missing')) setSetup(null);
    setFailure(problemMessage(t, error));
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems: FieldProblem[] = [];
    if (password.length < PASSWORD_MIN_LENGTH) {
      problems.push({
        fieldId: 'new-password',
        message: t('auth.password.tooShort', { min: PASSWORD_MIN_LENGTH, length: password.length }),
      });
    } else if (password.length > PASSWORD_MAX_LENGTH) {
      problems.push({ fieldId: 'new-password', message: t('auth.password.tooLong', { max: PASSWORD_MAX_LENGTH }) });
    }
    if (!form.report(problems)) return;
    setBusy(true);
    try {
      const answer = await withStepUp(() => apiPost<TotpSetupResponse>('/api/me/password-totp/start', { password }));
      setCode('');
      setSetup(answer);
    } catch (error) {
      handle(error);
    } finally {
      setBusy(false);
    }
  }

  async function complete(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const digits = code.replace(/\s+/g, '');
    if (!form.report(/^\d{6}$/.test(digits) ? [] : [{ fieldId: 'totp-code', message: t('auth.totp.codeInvalid') }])) {
      return;
    }
    setBusy(true);
    try {
      const result = await withStepUp(() =>
        apiPost<{ endedSessions: number }>('/api/me/password-totp/complete', {
          password,
          totpCode: digits,
          endOtherSessions: endOthers,
        }),
      );
      setSetup(null);
      setPassword('');
      setCode('');
      await refresh();
      announce(endedText(t, t('account.passwordTotp.added'), result.endedSessions));
    } catch (error) {
      setCode('');
      handle(error);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setConfirmRemove(false);
    setFailure(null);
    try {
      const result = await withStepUp(() => apiDelete<{ endedSessions: number }>('/api/me/password-totp'));
      await refresh();
      announce(endedText(t, t('account.passwordTotp.removed'), result.endedSessions));
    } catch (error) {
      handle(error);
    }
  }

  return (
    <section aria-labelledby="password-totp-heading">
      <Heading3 id="password-totp-heading">{t('account.passwordTotp.heading')}</Heading3>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {credentials.passkeyRequired ? (
        <Paragraph>{t('account.passwordTotp.notForStaff')}</Paragraph>
      ) : credentials.passwordTotp ? (
        <>
          <Paragraph>{t('account.passwordTotp.active')}</Paragraph>
          <ButtonGroup>
            <Button appearance="secondary-action-button" onClick={() => setConfirmRemove(true)}>
              {t('account.passwordTotp.remove')}
            </Button>
          </ButtonGroup>
          <ConfirmDialog
            open={confirmRemove}
            title={t('account.passwordTotp.confirmTitle')}
            confirmLabel={t('account.passwordTotp.confirmRemove')}
            cancelLabel={t('auth.cancel')}
            onCancel={() => setConfirmRemove(false)}
            onConfirm={() => void remove()}
          >
            <Paragraph>{t('account.passwordTotp.confirmBody')}</Paragraph>
          </ConfirmDialog>
        </>
      ) : setup ? (
        <form noValidate onSubmit={(event) => void complete(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TotpSetup setup={setup} code={code} onCodeChange={setCode} error={form.errorFor('totp-code')} />
          <CheckboxField
            id="password-end-others"
            label={t('account.endOthers')}
            checked={endOthers}
            onCheckedChange={setEndOthers}
          />
          <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('account.passwordTotp.save')}
            </Button>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                setSetup(null);
                form.clear();
              }}
            >
              {t('auth.cancel')}
            </Button>
          </ButtonGroup>
        </form>
      ) : (
        <form noValidate onSubmit={(event) => void start(event)}>
          <Paragraph>{t('account.passwordTotp.intro')}</Paragraph>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <NewPasswordField
            id="new-password"
            value={password}
            onValueChange={setPassword}
            error={form.errorFor('new-password')}
          />
          <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('account.passwordTotp.start')}
            </Button>
          </ButtonGroup>
        </form>
      )}
    </section>
  );
}
