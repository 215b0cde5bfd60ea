import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Credentials } from '../../../shared/auth.ts';
import { apiPost } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Heading2,
  Heading3,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { useCredentials } from '../auth/credentials.ts';
import { rolesInWords } from '../auth/labels.ts';
import { RecoveryCodes } from '../auth/RecoveryCodes.tsx';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { AccountNav } from './AccountNav.tsx';
import { PasskeysSection } from './PasskeysSection.tsx';
import { PasswordTotpSection } from './PasswordTotpSection.tsx';
import { type Announce, useRefreshCredentials } from './sections.ts';
import './account.css';

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
