import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Credentials,
  PASSKEY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type PasskeyRegistrationOptions,
  type TotpSetupResponse,
} from '../../../shared/auth.ts';
import { apiDelete, apiPost, isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  ConfirmDialog,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  StatusMessage,
  TextField,
  VisuallyHidden,
} from '../../ui/index.ts';
import { CREDENTIALS_QUERY_KEY, useCredentials } from '../auth/credentials.ts';
import { useFormProblems } from '../auth/form.ts';
import { rolesInWords } from '../auth/labels.ts';
import { formatDateTime } from '../auth/messages.ts';
import { NewPasswordField } from '../auth/PasswordField.tsx';
import { createPasskey } from '../auth/passkeys.ts';
import { RecoveryCodes } from '../auth/RecoveryCodes.tsx';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { TotpSetup } from '../auth/TotpSetup.tsx';
import { AccountNav } from './AccountNav.tsx';
import './account.css';

type Announce = (message: string) => void;

/** After a change that signed out other devices, say how many. */
function endedText(t: ReturnType<typeof useTranslation>['t'], done: string, ended: number): string {
  return ended > 0 ? `${done} ${t('account.endedSessions', { count: ended })}` : done;
}

/** My account: who I am, my passkeys, password + authenticator app, and recovery codes. */
export function AccountPage() {
  const { t } = useTranslation();
  usePageTitle(t('account.title'));
  const session = useSession();
  const credentials = useCredentials();
  const [status, setStatus] = useState('');
  const person = session.person;

  return (
    <>
      <Heading1>{t('account.title')}</Heading1>
      <AccountNav />
      {person && (
        <Paragraph>
          {t('account.signedInAs', { name: person.displayName ?? person.email, email: person.email })}{' '}
          {person.roles.length > 0 && t('account.roles', { roles: rolesInWords(t, person.roles) })}
        </Paragraph>
      )}
      <StatusMessage>{status}</StatusMessage>
      <Heading2>{t('account.methodsHeading')}</Heading2>
      <Paragraph>{t('account.methodsIntro')}</Paragraph>
      {credentials.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {credentials.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, credentials.error)}</Paragraph>
        </Alert>
      )}
      {credentials.data && (
        <>
          <PasskeysSection credentials={credentials.data} announce={setStatus} />
          <PasswordTotpSection credentials={credentials.data} announce={setStatus} />
          <RecoveryCodesSection credentials={credentials.data} announce={setStatus} />
        </>
      )}
    </>
  );
}

function useRefreshCredentials() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: CREDENTIALS_QUERY_KEY });
}

function PasskeysSection({ credentials, announce }: { credentials: Credentials; announce: Announce }) {
  const { t } = useTranslation();
  const withStepUp = useStepUp();
  const refresh = useRefreshCredentials();
  const [name, setName] = useState('');
  const [endOthers, setEndOthers] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ id: string; name: string } | null>(null);
  const form = useFormProblems();

  async function add(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const trimmed = name.trim();
    const problems: FieldProblem[] = [];
    if (!trimmed) problems.push({ fieldId: 'passkey-name', message: t('account.passkeys.nameRequired') });
    else if (trimmed.length > PASSKEY_NAME_MAX_LENGTH) {
      problems.push({
        fieldId: 'passkey-name',
        message: t('account.passkeys.nameTooLong', { max: PASSKEY_NAME_MAX_LENGTH }),
      });
    }
    if (!form.report(problems)) return;
    setBusy(true);
    try {
      const result = await withStepUp(async () => {
        const options = await apiPost<PasskeyRegistrationOptions>('/api/me/passkeys/options');
        const response = await createPasskey(options);
        return apiPost<{ endedSessions: number }>('/api/me/passkeys', {
          response,
          name: trimmed,
          endOtherSessions: endOthers,
        });
      });
      setName('');
      setEndOthers(false);
      await refresh();
      announce(endedText(t, t('account.passkeys.added', { name: trimmed }), result.endedSessions));
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(passkey: { id: string; name: string }) {
    setRemoving(null);
    setFailure(null);
    try {
      const result = await withStepUp(() =>
        apiDelete<{ endedSessions: number }>(`/api/me/passkeys/${encodeURIComponent(passkey.id)}`),
      );
      await refresh();
      announce(endedText(t, t('account.passkeys.removed', { name: passkey.name }), result.endedSessions));
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(problemMessage(t, error));
    }
  }

  return (
    <section aria-labelledby="passkeys-heading">
      <Heading3 id="passkeys-heading">{t('account.passkeys.heading')}</Heading3>
      <Paragraph>{t('account.passkeys.intro')}</Paragraph>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {credentials.passkeys.length === 0 ? (
        <Paragraph>{t('account.passkeys.none')}</Paragraph>
      ) : (
        <ul className="weerbaar-cards" aria-label={t('account.passkeys.listLabel')}>
          {credentials.passkeys.map((passkey) => (
            <li key={passkey.id} className="weerbaar-card">
              <p className="weerbaar-card__title">
                <strong>{passkey.name}</strong>
              </p>
              <dl className="weerbaar-facts">
                <dt>{t('account.passkeys.createdAt')}</dt>
                <dd>{formatDateTime(passkey.createdAt)}</dd>
                <dt>{t('account.passkeys.lastUsedAt')}</dt>
                <dd>{passkey.lastUsedAt ? formatDateTime(passkey.lastUsedAt) : t('account.passkeys.neverUsed')}</dd>
              </dl>
              <Button appearance="secondary-action-button" onClick={() => setRemoving(passkey)}>
                {t('account.passkeys.remove')}
                <VisuallyHidden>{`: ${passkey.name}`}</VisuallyHidden>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('account.passkeys.confirmTitle')}
        confirmLabel={t('account.passkeys.confirmRemove')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && void remove(removing)}
      >
        <Paragraph>{t('account.passkeys.confirmBody', { name: removing?.name ?? '' })}</Paragraph>
      </ConfirmDialog>

      <form noValidate onSubmit={(event) => void add(event)} aria-labelledby="passkey-add-heading">
        <h4 id="passkey-add-heading" className="utrecht-heading-4">
          {t('account.passkeys.addHeading')}
        </h4>
        <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <TextField
          id="passkey-name"
          label={t('account.passkeys.name')}
          description={t('account.passkeys.nameDescription')}
          value={name}
          onValueChange={setName}
          error={form.errorFor('passkey-name')}
          required
        />
        <CheckboxField
          id="passkey-end-others"
          label={t('account.endOthers')}
          checked={endOthers}
          onCheckedChange={setEndOthers}
        />
        <StatusMessage type="info">{busy ? t('account.passkeys.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('account.passkeys.add')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}

function PasswordTotpSection({ credentials, announce }: { credentials: Credentials; announce: Announce }) {
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

function RecoveryCodesSection({ credentials, announce }: { credentials: Credentials; announce: Announce }) {
  const { t } = useTranslation();
  const withStepUp = useStepUp();
  const refresh = useRefreshCredentials();
  const [confirm, setConfirm] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function regenerate() {
    setConfirm(false);
    setFailure(null);
    try {
      const result = await withStepUp(() =>
        apiPost<{ recoveryCodes: string[]; endedSessions: number }>('/api/me/recovery-codes', {}),
      );
      setCodes(result.recoveryCodes);
      await refresh();
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(problemMessage(t, error));
    }
  }

  return (
    <section aria-labelledby="recovery-codes-heading">
      <Heading3 id="recovery-codes-heading">{t('account.recovery.heading')}</Heading3>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {codes ? (
        <RecoveryCodes
          codes={codes}
          headingLevel={3}
          doneLabel={t('account.recovery.done')}
          onDone={() => {
            setCodes(null);
            announce(t('account.recovery.saved'));
          }}
        />
      ) : (
        <>
          <Paragraph>{t('account.recovery.remaining', { count: credentials.recoveryCodesRemaining })}</Paragraph>
          {credentials.recoveryCodesRemaining <= 3 && (
            <Alert type="warning">
              <Paragraph>{t('account.recovery.low')}</Paragraph>
            </Alert>
          )}
          <ButtonGroup>
            <Button appearance="secondary-action-button" onClick={() => setConfirm(true)}>
              {t('account.recovery.regenerate')}
            </Button>
          </ButtonGroup>
          <ConfirmDialog
            open={confirm}
            title={t('account.recovery.confirmTitle')}
            confirmLabel={t('account.recovery.confirmRegenerate')}
            cancelLabel={t('auth.cancel')}
            onCancel={() => setConfirm(false)}
            onConfirm={() => void regenerate()}
          >
            <Paragraph>{t('account.recovery.confirmBody')}</Paragraph>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
