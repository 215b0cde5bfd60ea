import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type FormEvent,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  Dialog,
  ErrorSummary,
  type FieldProblem,
  Heading3,
  Paragraph,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { secondFactor, stepUpApi } from './api.ts';
import { CREDENTIALS_QUERY_KEY, useCredentials } from './credentials.ts';
import { useFormProblems } from './form.ts';
import './auth.css';

/** Thrown when someone closes the "confirm it is you" dialog: the change simply does not happen. */
export class StepUpCancelled extends Error {
  constructor() {
    super('step-up cancelled');
    this.name = 'StepUpCancelled';
  }
}

interface StepUpContextValue {
  requestStepUp: () => Promise<boolean>;
}

const StepUpContext = createContext<StepUpContextValue | null>(null);

/**
 * Holds the "confirm it is you" dialog for the signed-in pages. A change of sign-in methods that the
 * server refuses with 403 `step_up_required` opens it; after a fresh passkey or password + code the
 * change is tried once more.
 */
export function StepUpProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const resolver = useRef<((ok: boolean) => void) | null>(null);

  const requestStepUp = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setOpen(true);
      }),
    [],
  );

  const finish = useCallback((ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOpen(false);
  }, []);

  const value = useMemo(() => ({ requestStepUp }), [requestStepUp]);
  return (
    <StepUpContext.Provider value={value}>
      {children}
      <StepUpDialog open={open} onFinish={finish} />
    </StepUpContext.Provider>
  );
}

/** Runs an action; when the server first wants a step-up, asks for it and runs the action again. */
export function useStepUp() {
  const context = useContext(StepUpContext);
  return useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      try {
        return await action();
      } catch (error) {
        if (!context || !isApiError(error, 'step_up_required')) throw error;
        if (!(await context.requestStepUp())) throw new StepUpCancelled();
        return action();
      }
    },
    [context],
  );
}

function StepUpDialog({ open, onFinish }: { open: boolean; onFinish: (ok: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={t('auth.stepUp.title')} onClose={() => onFinish(false)}>
      <StepUpContent onFinish={onFinish} />
    </Dialog>
  );
}

function StepUpContent({ onFinish }: { onFinish: (ok: boolean) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const credentials = useCredentials();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function confirmed() {
    await queryClient.invalidateQueries({ queryKey: CREDENTIALS_QUERY_KEY });
    onFinish(true);
  }

  function fail(error: unknown) {
    setFailure(isApiError(error, 'step_up_failed') ? t('auth.stepUp.failed') : problemMessage(t, error));
  }

  async function withPasskey() {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await stepUpApi.withPasskey();
      await confirmed();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  async function withPassword(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems: FieldProblem[] = [];
    if (!password) problems.push({ fieldId: 'step-up-password', message: t('signIn.passwordRequired') });
    if (useRecoveryCode ? !code.trim() : !/^\d{6}$/.test(code.replace(/\s+/g, ''))) {
      problems.push({
        fieldId: 'step-up-code',
        message: useRecoveryCode ? t('signIn.recoveryCodeRequired') : t('signIn.codeInvalid'),
      });
    }
    if (!form.report(problems)) return;
    setBusy(true);
    try {
      await stepUpApi.withPassword({ password, ...secondFactor({ useRecoveryCode, code }) });
      await confirmed();
    } catch (error) {
      setCode('');
      fail(error);
    } finally {
      setBusy(false);
    }
  }

  const hasPasskeys = (credentials.data?.passkeys.length ?? 0) > 0;
  const hasPassword = credentials.data?.passwordTotp ?? false;

  return (
    <>
      <Paragraph>{t('auth.stepUp.intro')}</Paragraph>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <StatusMessage type="info">
        {credentials.isPending ? t('auth.loading') : busy ? t('auth.stepUp.busy') : ''}
      </StatusMessage>
      {credentials.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, credentials.error)}</Paragraph>
        </Alert>
      )}
      {hasPasskeys && (
        <ButtonGroup>
          <Button appearance="primary-action-button" onClick={() => void withPasskey()}>
            {t('auth.stepUp.passkey')}
          </Button>
        </ButtonGroup>
      )}
      {hasPassword && (
        <form noValidate onSubmit={(event) => void withPassword(event)} aria-labelledby="step-up-password-heading">
          <Heading3 id="step-up-password-heading">{t('auth.stepUp.passwordHeading')}</Heading3>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TextField
            id="step-up-password"
            label={t('signIn.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onValueChange={setPassword}
            error={form.errorFor('step-up-password')}
            required
          />
          <TextField
            key={useRecoveryCode ? 'recovery' : 'totp'}
            id="step-up-code"
            label={useRecoveryCode ? t('signIn.recoveryCode') : t('signIn.code')}
            inputMode={useRecoveryCode ? 'text' : 'numeric'}
            autoComplete={useRecoveryCode ? 'off' : 'one-time-code'}
            spellCheck={false}
            value={code}
            onValueChange={setCode}
            error={form.errorFor('step-up-code')}
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
              {t('auth.stepUp.confirm')}
            </Button>
          </ButtonGroup>
        </form>
      )}
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={() => onFinish(false)}>
          {t('auth.cancel')}
        </Button>
      </ButtonGroup>
    </>
  );
}
