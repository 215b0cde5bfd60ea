import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DELETE_CONFIRMATION_WORDS, PRIVACY_PATHS, type RetentionRuleView } from '../../../shared/privacy.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiGet, apiPost, apiSaveFile } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  Dialog,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  TextField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { AccountNav } from '../account/AccountNav.tsx';
import type { SignInState } from '../auth/navigation.ts';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import './my-data.css';

function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** Mijn gegevens: download everything (with progress), delete the account (with a typed word), the retention table. */
export function MyDataPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('myData.title'));
  const locale = i18n.language === 'en' ? 'en' : 'nl';
  return (
    <>
      <Heading1>{t('myData.title')}</Heading1>
      <AccountNav />
      <Paragraph lead>{t('myData.lead')}</Paragraph>
      <ExportSection locale={locale} />
      <DeleteSection locale={locale} />
      <RetentionSection />
    </>
  );
}

function ExportSection({ locale }: { locale: 'nl' | 'en' }) {
  const { t } = useTranslation();
  const withStepUp = useStepUp();
  const [progress, setProgress] = useState<{ received: number; total: number | null } | null>(null);
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  async function download() {
    setDone('');
    setFailure(null);
    try {
      const file = await withStepUp(() =>
        apiSaveFile(`${PRIVACY_PATHS.export}?lang=${locale}`, {
          fallbackName: 'weerbaar-mijn-gegevens.zip',
          accept: 'application/zip',
          onProgress: (received, total) => setProgress({ received, total }),
        }),
      );
      setDone(t('myData.export.done', { size: formatBytes(file.size, locale) }));
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(`${t('myData.export.failed')} ${problemMessage(t, error)}`);
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <section aria-labelledby="export-heading">
      <Heading2 id="export-heading">{t('myData.export.heading')}</Heading2>
      <Paragraph>{t('myData.export.lead')}</Paragraph>
      <Paragraph>
        {t('myData.export.stepUp')} {t('myData.export.limit')}
      </Paragraph>
      <Button appearance="primary-action-button" onClick={download} disabled={busy} aria-describedby="export-progress">
        {t('myData.export.button')}
      </Button>
      <div id="export-progress" className="weerbaar-my-data-progress">
        {progress && (
          <>
            <label htmlFor="export-progress-bar">{t('myData.export.progress')}</label>
            <progress
              id="export-progress-bar"
              max={progress.total ?? undefined}
              value={progress.total ? progress.received : undefined}
            />
            <span>
              {progress.total
                ? t('myData.export.progressValue', {
                    received: formatBytes(progress.received, locale),
                    total: formatBytes(progress.total, locale),
                  })
                : t('myData.export.progressUnknown', { received: formatBytes(progress.received, locale) })}
            </span>
          </>
        )}
      </div>
      {failure && (
        <Alert type="error" role="alert">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <StatusMessage>{done}</StatusMessage>
    </section>
  );
}

function DeleteSection({ locale }: { locale: 'nl' | 'en' }) {
  const { t } = useTranslation();
  const withStepUp = useStepUp();
  const session = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [wordError, setWordError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const word = DELETE_CONFIRMATION_WORDS[locale];

  function close() {
    setOpen(false);
    setTyped('');
    setWordError(undefined);
    setFailure(null);
    opener.current?.focus();
  }

  async function confirm() {
    if (typed.trim().toUpperCase() !== word) {
      setWordError(t('myData.delete.wordWrong', { word }));
      document.getElementById('delete-word')?.focus();
      return;
    }
    setWordError(undefined);
    setFailure(null);
    setBusy(true);
    try {
      await withStepUp(() => apiPost(PRIVACY_PATHS.deleteAccount, { confirmation: typed.trim() }));
      const state: SignInState = { notice: 'accountDeleted' };
      navigate(WEB_PATHS.signIn, { state });
      await session.forget('accountDeleted');
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="delete-heading">
      <Heading2 id="delete-heading">{t('myData.delete.heading')}</Heading2>
      <Paragraph>{t('myData.delete.lead')}</Paragraph>
      <UnorderedList>
        {(['cases', 'incidents', 'other', 'relatives', 'log'] as const).map((item) => (
          <UnorderedListItem key={item}>{t(`myData.delete.items.${item}`)}</UnorderedListItem>
        ))}
      </UnorderedList>
      <Paragraph>
        <strong>{t('myData.delete.first')}</strong> {t('myData.delete.staff')}
      </Paragraph>
      <Button appearance="secondary-action-button" ref={opener} onClick={() => setOpen(true)}>
        {t('myData.delete.button')}
      </Button>
      <Dialog open={open} title={t('myData.delete.dialogTitle')} onClose={close}>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void confirm();
          }}
        >
          <Paragraph>{t('myData.delete.dialogBody', { word })}</Paragraph>
          <TextField
            id="delete-word"
            label={t('myData.delete.wordLabel', { word })}
            value={typed}
            onValueChange={setTyped}
            error={wordError}
            autoComplete="off"
            maxLength={40}
          />
          {failure && (
            <Alert type="error" role="alert">
              <Paragraph>{failure}</Paragraph>
            </Alert>
          )}
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button" disabled={busy}>
              {t('myData.delete.confirm')}
            </Button>
            <Button type="button" appearance="secondary-action-button" onClick={close}>
              {t('myData.delete.cancel')}
            </Button>
          </ButtonGroup>
        </form>
      </Dialog>
    </section>
  );
}

function RetentionSection() {
  const { t } = useTranslation();
  const retention = useQuery({
    queryKey: ['privacy', 'retention'],
    queryFn: ({ signal }) => apiGet<{ rules: RetentionRuleView[] }>(PRIVACY_PATHS.retention, signal),
  });

  function term(rule: RetentionRuleView): string {
    if (rule.keepDays === null) return t('myData.retention.untilYou');
    if (rule.keepDays === 0) return t('myData.retention.zero');
    return t('myData.retention.days', { count: rule.keepDays });
  }

  return (
    <section aria-labelledby="retention-heading">
      <Heading2 id="retention-heading">{t('myData.retention.heading')}</Heading2>
      {retention.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, retention.error)}</Paragraph>
        </Alert>
      )}
      {retention.data && (
        <div className="weerbaar-my-data-table">
          <Table>
            <TableCaption>{t('myData.retention.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('myData.retention.category')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('myData.retention.term')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {retention.data.rules.map((rule) => (
                <TableRow key={rule.category}>
                  <TableCell>
                    {t(`myData.retention.categories.${rule.category}`, { defaultValue: rule.category })}
                  </TableCell>
                  <TableCell>{term(rule)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
