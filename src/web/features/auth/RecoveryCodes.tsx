import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, CheckboxField, Heading2, Heading3, Paragraph, StatusMessage } from '../../ui/index.ts';
import { formatDateTime } from './messages.ts';
import './auth.css';

/**
 * The ten recovery codes, shown once: copy, print or download them (a .txt made in the browser, never
 * sent anywhere), then confirm they are saved before going on.
 */
export function RecoveryCodes({
  codes,
  onDone,
  doneLabel,
  headingLevel = 2,
}: {
  codes: string[];
  onDone: () => void;
  doneLabel: string;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [madeAt] = useState(() => new Date().toISOString());

  const text = [
    t('auth.recovery.fileTitle'),
    t('auth.recovery.fileMadeAt', { date: formatDateTime(madeAt) }),
    '',
    ...codes,
    '',
    t('auth.recovery.fileHowTo'),
    '',
  ].join('\n');

  async function copy() {
    try {
      await navigator.clipboard.writeText(codes.join('\n'));
      setStatus(t('auth.recovery.copied'));
    } catch {
      setStatus(t('auth.recovery.copyFailed'));
    }
  }

  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = t('auth.recovery.fileName');
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
    setStatus(t('auth.recovery.downloaded'));
  }

  function done() {
    if (!saved) {
      setError(t('auth.recovery.confirmRequired'));
      document.getElementById('recovery-saved')?.focus();
      return;
    }
    onDone();
  }

  const Heading = headingLevel === 2 ? Heading2 : Heading3;
  return (
    <section aria-labelledby="recovery-heading" className="weerbaar-recovery">
      <Heading id="recovery-heading">{t('auth.recovery.heading')}</Heading>
      <Paragraph>{t('auth.recovery.intro')}</Paragraph>
      <Paragraph>
        <strong>{t('auth.recovery.onlyOnce')}</strong>
      </Paragraph>
      <div className="weerbaar-printable">
        <p className="weerbaar-print-only">{t('auth.recovery.fileTitle')}</p>
        <ol className="weerbaar-recovery__codes" aria-label={t('auth.recovery.listLabel')}>
          {codes.map((code) => (
            <li key={code}>
              <code>{code}</code>
            </li>
          ))}
        </ol>
        <p className="weerbaar-print-only">{t('auth.recovery.fileHowTo')}</p>
      </div>
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={() => void copy()}>
          {t('auth.recovery.copy')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => window.print()}>
          {t('auth.recovery.print')}
        </Button>
        <Button appearance="secondary-action-button" onClick={download}>
          {t('auth.recovery.download')}
        </Button>
      </ButtonGroup>
      <StatusMessage>{status}</StatusMessage>
      <CheckboxField
        id="recovery-saved"
        label={t('auth.recovery.confirm')}
        checked={saved}
        error={error}
        onCheckedChange={(checked) => {
          setSaved(checked);
          if (checked) setError(undefined);
        }}
      />
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={done}>
          {doneLabel}
        </Button>
      </ButtonGroup>
    </section>
  );
}
