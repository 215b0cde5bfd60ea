import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  type ActivationInspect,
  DISPLAY_NAME_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type TotpSetupResponse,
} from '../../../shared/auth.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldProblem,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { InvalidLink, MethodOption } from './ActivationParts.tsx';
import { activationApi } from './api.ts';
import { useFocusOnChange } from './focus.ts';
import { useFormProblems } from './form.ts';
import { rolesInWords } from './labels.ts';
import { formatDateTime, looksLikeEmail } from './messages.ts';
import { NewPasswordField } from './PasswordField.tsx';
import { RecoveryCodes } from './RecoveryCodes.tsx';
import { TotpSetup } from './TotpSetup.tsx';

type Method = 'passkey' | 'password';

const FIELD_IDS = {
  'body/displayName': 'activation-name',
  'body/email': 'activation-email',
  'body/password': 'activation-password',
  'body/totpCode': 'totp-code',
};

type Stage = { kind: 'details' } | { kind: 'totp'; setup: TotpSetupResponse } | { kind: 'codes'; codes: string[] };

/**
 * The activation itself, in stages: the person's details and way of signing in, the authenticator app
 * (password route only), then the recovery codes, once.
 */
export function Activation({ token, invitation }: { token: string; invitation: ActivationInspect }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  const isSetup = invitation.kind === 'setup';

  const [stage, setStage] = useState<Stage>({ kind: 'details' });
  const [displayName, setDisplayName] = useState(invitation.displayName ?? '');
  const [email, setEmail] = useState('');
  const [method, setMethod] = useState<Method>('passkey');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useFormProblems();
  const stageHeading = useRef<HTMLHeadingElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  useFocusOnChange(stageHeading, stage.kind);

  useEffect(() => {
    if (failure) failureRef.current?.focus();
  }, [failure]);

  const usePassword = !invitation.passkeyRequired && method === 'password';

  function checkDetails(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const name = displayName.trim();
    if (!name) problems.push({ fieldId: 'activation-name', message: t('activation.nameRequired') });
    else if (name.length > DISPLAY_NAME_MAX_LENGTH) {
      problems.push({
        fieldId: 'activation-name',
        message: t('activation.nameTooLong', { max: DISPLAY_NAME_MAX_LENGTH }),
      });
    }
    if (isSetup && !looksLikeEmail(email)) {
      problems.push({ fieldId: 'activation-email', message: t('activation.emailInvalid') });
    }
    if (usePassword) {
      if (password.length < PASSWORD_MIN_LENGTH) {
        problems.push({
          fieldId: 'activation-password',
          message: t('auth.password.tooShort', { min: PASSWORD_MIN_LENGTH, length: password.length }),
        });
      } else if (password.length > PASSWORD_MAX_LENGTH) {
        problems.push({
          fieldId: 'activation-password',
          message: t('auth.password.tooLong', { max: PASSWORD_MAX_LENGTH }),
        });
      }
    }
    return problems;
  }

  /** Shows what went wrong: next to a field when the server named one, otherwise above the form. */
  function handle(error: unknown) {
    if (isApiError(error, 'invitation_invalid')) {
      setExpired(true);
      return;
    }
    const fields = fieldProblemsFrom(t, error, FIELD_IDS);
    if (isApiError(error, 'email_taken')) {
      fields.push({ fieldId: 'activation-email', message: t('auth.problems.email_taken') });
    }
    if (isApiError(error, 'totp_invalid')) {
      fields.push({ fieldId: 'totp-code', message: t('auth.problems.totp_invalid') });
    }
    if (fields.length > 0) {
      form.report(fields);
      return;
    }
    if (isApiError(error, 'totp_setup_missing')) {
      setStage({ kind: 'details' });
    }
    setFailure(problemMessage(t, error));
  }

  async function activated(codes: string[]) {
    setStage({ kind: 'codes', codes });
    setPassword('');
    setCode('');
    // Signed in now: learn the new session (and its CSRF token) in the background.
    void session.refresh();
  }

  async function submitDetails(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!form.report(checkDetails())) return;
    setBusy(true);
    try {
      if (usePassword) {
        const setup = await activationApi.startPassword(token, password);
        setCode('');
        setStage({ kind: 'totp', setup });
      } else {
        const result = await activationApi.withPasskey({
          token,
          displayName: displayName.trim(),
          email: isSetup ? email.trim() : undefined,
        });
        await activated(result.recoveryCodes);
      }
    } catch (error) {
      handle(error);
    } finally {
      setBusy(false);
    }
  }

  async function submitCode(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const digits = code.replace(/\s+/g, '');
    if (!form.report(/^\d{6}$/.test(digits) ? [] : [{ fieldId: 'totp-code', message: t('auth.totp.codeInvalid') }])) {
      return;
    }
    setBusy(true);
    try {
      const result = await activationApi.completePassword({
        token,
        displayName: displayName.trim(),
        password,
        totpCode: digits,
      });
      await activated(result.recoveryCodes);
    } catch (error) {
      setCode('');
      handle(error);
    } finally {
      setBusy(false);
    }
  }

  if (expired) return <InvalidLink />;

  const failureAlert = failure && (
    <div ref={failureRef} tabIndex={-1} className="weerbaar-focus-target">
      <Alert type="error">
        <Paragraph>{failure}</Paragraph>
      </Alert>
    </div>
  );

  if (stage.kind === 'codes') {
    return (
      <div className="weerbaar-narrow">
        <Heading1>{t('activation.doneTitle')}</Heading1>
        <Alert type="ok">
          <Paragraph>{t('activation.done')}</Paragraph>
        </Alert>
        <h2 ref={stageHeading} tabIndex={-1} className="utrecht-heading-2">
          {t('activation.stepCodes')}
        </h2>
        <RecoveryCodes
          codes={stage.codes}
          headingLevel={3}
          doneLabel={t('activation.toAccount')}
          onDone={() => navigate(WEB_PATHS.account, { replace: true })}
        />
      </div>
    );
  }

  if (stage.kind === 'totp') {
    return (
      <div className="weerbaar-narrow">
        <Heading1>{t('activation.title')}</Heading1>
        <h2 ref={stageHeading} tabIndex={-1} className="utrecht-heading-2">
          {t('activation.stepTotp')}
        </h2>
        {failureAlert}
        <form noValidate onSubmit={(event) => void submitCode(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TotpSetup setup={stage.setup} code={code} onCodeChange={setCode} error={form.errorFor('totp-code')} />
          <StatusMessage type="info">{busy ? t('activation.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('activation.activate')}
            </Button>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                form.clear();
                setFailure(null);
                setStage({ kind: 'details' });
              }}
            >
              {t('activation.back')}
            </Button>
          </ButtonGroup>
        </form>
      </div>
    );
  }

  return (
    <div className="weerbaar-narrow">
      <Heading1>{t('activation.title')}</Heading1>
      <Paragraph lead>{isSetup ? t('activation.leadSetup') : t('activation.lead')}</Paragraph>
      {!isSetup && invitation.roles.length > 0 && (
        <Paragraph>{t('activation.invitedAs', { roles: rolesInWords(t, invitation.roles) })}</Paragraph>
      )}
      {invitation.invitedBy?.displayName && <InvitedBy {...invitation.invitedBy} />}
      <Paragraph>{t('activation.expires', { date: formatDateTime(invitation.expiresAt) })}</Paragraph>
      {failureAlert}
      <form noValidate onSubmit={(event) => void submitDetails(event)} aria-labelledby="activation-details">
        <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <h2 id="activation-details" ref={stageHeading} tabIndex={-1} className="utrecht-heading-2">
          {t('activation.stepDetails')}
        </h2>
        <TextField
          id="activation-name"
          label={t('activation.name')}
          description={t('activation.nameDescription')}
          autoComplete="name"
          value={displayName}
          onValueChange={setDisplayName}
          error={form.errorFor('activation-name')}
          required
        />
        {isSetup ? (
          <TextField
            id="activation-email"
            label={t('activation.email')}
            description={t('activation.emailDescription')}
            type="email"
            autoComplete="email"
            spellCheck={false}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor('activation-email')}
            required
          />
        ) : (
          invitation.email && <Paragraph>{t('activation.yourEmail', { email: invitation.email })}</Paragraph>
        )}

        <Heading2>{t('activation.stepMethod')}</Heading2>
        {invitation.passkeyRequired ? (
          <>
            <Paragraph>{t('activation.passkeyOnly')}</Paragraph>
            <Paragraph>{t('activation.passkeyExplain')}</Paragraph>
          </>
        ) : (
          <Fieldset>
            <FieldsetLegend>{t('activation.methodLegend')}</FieldsetLegend>
            <MethodOption
              id="method-passkey"
              checked={method === 'passkey'}
              onSelect={() => setMethod('passkey')}
              label={t('activation.methodPasskey')}
              description={t('activation.passkeyExplain')}
            />
            <MethodOption
              id="method-password"
              checked={method === 'password'}
              onSelect={() => setMethod('password')}
              label={t('activation.methodPassword')}
              description={t('activation.passwordExplain')}
            />
          </Fieldset>
        )}
        {usePassword && (
          <NewPasswordField
            id="activation-password"
            value={password}
            onValueChange={setPassword}
            error={form.errorFor('activation-password')}
          />
        )}
        <StatusMessage type="info">{busy ? t('activation.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {usePassword ? t('activation.next') : t('activation.createPasskey')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}

/** Who invited a relative: known once the link is verified (the mail leaves it out on purpose). */
function InvitedBy({ displayName, office }: NonNullable<ActivationInspect['invitedBy']>) {
  const { t } = useTranslation();
  return (
    <Paragraph>
      {office
        ? t('activation.invitedByWithOffice', {
            name: displayName,
            office: t(`identity.offices.${office}`, { defaultValue: office }),
          })
        : t('activation.invitedBy', { name: displayName })}
    </Paragraph>
  );
}
