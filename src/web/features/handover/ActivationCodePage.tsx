import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { normaliseActivationCode } from '../../../shared/handover.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { ApiError, isApiError } from '../../api/client.ts';
import { problemMessage, waitText } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Heading1,
  Paragraph,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { handoverApi } from './api.ts';
import './handover.css';

const CODE_ID = 'activation-code';

/**
 * The printed package's short code, typed in: exchanged for a fresh activation link, after which the
 * usual activation page takes over (the token travels in the fragment, never to a server log).
 */
export function ActivationCodePage() {
  const { t } = useTranslation();
  usePageTitle(t('handover.code.title'));
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!code.trim()) {
      form.report([{ fieldId: CODE_ID, message: t('handover.code.codeMissing') }]);
      return;
    }
    if (!normaliseActivationCode(code)) {
      form.report([{ fieldId: CODE_ID, message: t('handover.code.codeShape') }]);
      return;
    }
    form.report([]);
    setBusy(true);
    try {
      const { token } = await handoverApi.exchangeCode(code);
      window.location.assign(`${WEB_PATHS.activate}#token=${encodeURIComponent(token)}`);
    } catch (error) {
      setBusy(false);
      if (isApiError(error, 'activation_code_invalid', 'validation_failed')) {
        form.report([{ fieldId: CODE_ID, message: t('handover.code.codeInvalid') }]);
      } else if (isApiError(error, 'sign_in_throttled', 'rate_limited')) {
        const seconds = error instanceof ApiError ? (error.retryAfterSeconds ?? 60) : 60;
        setFailure(t('handover.code.throttled', { wait: waitText(seconds) }));
      } else {
        setFailure(problemMessage(t, error));
      }
    }
  }

  return (
    <>
      <Heading1>{t('handover.code.title')}</Heading1>
      <div className="weerbaar-handover-form">
        <Paragraph lead>{t('handover.code.lead')}</Paragraph>
        <Paragraph>{t('handover.code.qrHint')}</Paragraph>
        {failure && (
          <Alert type="error">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TextField
            id={CODE_ID}
            className="weerbaar-code-field"
            label={t('handover.code.code')}
            description={t('handover.code.codeDescription')}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            inputMode="text"
            maxLength={40}
            value={code}
            onValueChange={setCode}
            error={form.errorFor(CODE_ID)}
            required
          />
          <StatusMessage type="info">{busy ? t('handover.code.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('handover.code.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </div>
    </>
  );
}
