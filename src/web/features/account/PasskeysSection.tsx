import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Credentials, PASSKEY_NAME_MAX_LENGTH, type PasskeyRegistrationOptions } from '../../../shared/auth.ts';
import { apiDelete, apiPost } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
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
  TextField,
  VisuallyHidden,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { formatDateTime } from '../auth/messages.ts';
import { createPasskey } from '../auth/passkeys.ts';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { type Announce, endedText, useRefreshCredentials } from './sections.ts';

/** My passkeys: add one (named), rename or remove one — each change after confirming it is me. */
export function PasskeysSection({ credentials, announce }: { credentials: Credentials; announce: Announce }) {
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
