import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { clearFarewell, useSession } from '../../session/session.ts';
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
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { secondFactor, signInApi } from './api.ts';
import { useFormProblems } from './form.ts';
import { landingPath, type SignInState, safeNext } from './navigation.ts';
import { OrganisationSignIn, organisationRefusal } from './OrganisationSignIn.tsx';
import { PasskeyError } from './passkeys.ts';
import './auth.css';

/** Sign-in failures get one message, whatever was wrong, so nobody learns whether an account exists. */
function failureMessage(t: ReturnType<typeof useTranslation>['t'], error: unknown): string {
  if (isApiError(error, 'sign_in_failed', 'validation_failed')) return t('signIn.failed');
  if (error instanceof PasskeyError && error.problem === 'cancelled') return t('signIn.passkeyCancelled');
  return problemMessage(t, error);
}

export function SignInPage() {
  const { t } = useTranslation();
  usePageTitle(t('signIn.title'));
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('volgende'));
  const notice = (location.state as SignInState | null)?.notice;

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [busy, setBusy] = useState<'passkey' | 'password' | null>(null);
  // Back from signing in with an organisation that was refused: the reason shows like any other failure.
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(() => {
    const refusal = organisationRefusal(t, params.get('oidc'));
    return refusal ? { message: refusal, attempt: 1 } : null;
  });
  const form = useFormProblems();
  const failureRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  // The reason for coming here is shown now; a later visit needs no such message.
  useEffect(() => clearFarewell(), []);

  async function signedIn() {
    const info = await session.refresh();
    navigate(next ?? landingPath(info?.person?.roles), { replace: true });
  }

  function fail(error: unknown) {
    setFailure((previous) => ({ message: failureMessage(t, error), attempt: (previous?.attempt ?? 0) + 1 }));
  }

  async function withPasskey() {
    if (busy) return;
    setBusy('passkey');
    setFailure(null);
    try {
      await signInApi.withPasskey();
      await signedIn();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  }

  function check(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    if (!email.trim()) problems.push({ fieldId: 'sign-in-email', message: t('signIn.emailRequired') });
    if (!password) problems.push({ fieldId: 'sign-in-password', message: t('signIn.passwordRequired') });
    if (useRecoveryCode) {
      if (!code.trim()) problems.push({ fieldId: 'sign-in-code', message: t('signIn.recoveryCodeRequired') });
    } else if (!/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      problems.push({ fieldId: 'sign-in-code', message: t('signIn.codeInvalid') });
    }
    return problems;
  }

  async function withPassword(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!form.report(check())) return;
    setBusy('password');
    try {
      await signInApi.withPassword({ email: email.trim(), password, ...secondFactor({ useRecoveryCode, code }) });
      await signedIn();
    } catch (error) {
      setCode('');
      fail(error);
    } finally {
      setBusy(null);
    }
  }

  if (session.person) {
    return (
      <div className="weerbaar-narrow">
        <Heading1>{t('signIn.title')}</Heading1>
        <Paragraph>
          {t('signIn.alreadySignedIn', { name: session.person.displayName ?? session.person.email })}
        </Paragraph>
        <Paragraph>
          <RouterLink to={next ?? landingPath(session.person.roles)}>{t('signIn.continue')}</RouterLink>
        </Paragraph>
      </div>
    );
  }

  return (
    <div className="weerbaar-narrow">
      <Heading1>{t('signIn.title')}</Heading1>
      {notice && (
        <Alert type={notice === 'expired' || notice === 'signInRequired' ? 'info' : 'ok'}>
          <Paragraph>{t(`signIn.notice.${notice}`)}</Paragraph>
        </Alert>
      )}
      <Paragraph lead>{t('signIn.lead')}</Paragraph>
      {failure && (
        <div ref={failureRef} tabIndex={-1} className="weerbaar-focus-target">
          <Alert type="error">
            <Paragraph>{failure.message}</Paragraph>
          </Alert>
        </div>
      )}
      <StatusMessage type="info">{busy ? t('signIn.busy') : ''}</StatusMessage>

      <section aria-labelledby="sign-in-passkey">
        <Heading2 id="sign-in-passkey">{t('signIn.passkeyHeading')}</Heading2>
        <Paragraph>{t('signIn.passkeyIntro')}</Paragraph>
        <ButtonGroup>
          <Button appearance="primary-action-button" onClick={() => void withPasskey()}>
            {t('signIn.passkeyButton')}
          </Button>
        </ButtonGroup>
      </section>

      <OrganisationSignIn />

      <section aria-labelledby="sign-in-password-heading" className="weerbaar-method">
        <Heading2 id="sign-in-password-heading">{t('signIn.passwordHeading')}</Heading2>
        <Paragraph>{t('signIn.passwordIntro')}</Paragraph>
        <form noValidate onSubmit={(event) => void withPassword(event)} aria-labelledby="sign-in-password-heading">
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TextField
            id="sign-in-email"
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            spellCheck={false}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor('sign-in-email')}
            required
          />
          <TextField
            id="sign-in-password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onValueChange={setPassword}
            error={form.errorFor('sign-in-password')}
            required
          />
          <TextField
            key={useRecoveryCode ? 'recovery' : 'totp'}
            id="sign-in-code"
            label={useRecoveryCode ? t('signIn.recoveryCode') : t('signIn.code')}
            description={useRecoveryCode ? t('signIn.recoveryCodeDescription') : t('signIn.codeDescription')}
            inputMode={useRecoveryCode ? 'text' : 'numeric'}
            autoComplete={useRecoveryCode ? 'off' : 'one-time-code'}
            spellCheck={false}
            autoCapitalize="off"
            value={code}
            onValueChange={setCode}
            error={form.errorFor('sign-in-code')}
            required
            className={useRecoveryCode ? undefined : 'weerbaar-field--short'}
          />
          <ButtonGroup>
            <Button
              appearance="subtle-button"
              onClick={() => {
                setUseRecoveryCode((value) => !value);
                setCode('');
                form.clear();
              }}
            >
              {useRecoveryCode ? t('signIn.useAppCode') : t('signIn.useRecoveryCode')}
            </Button>
          </ButtonGroup>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('signIn.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </section>

      <section aria-labelledby="sign-in-help" className="weerbaar-method">
        <Heading2 id="sign-in-help">{t('signIn.helpHeading')}</Heading2>
        <Paragraph>{t('signIn.noAccount')}</Paragraph>
        <Paragraph>{t('signIn.lostAccess')}</Paragraph>
      </section>
    </div>
  );
}
