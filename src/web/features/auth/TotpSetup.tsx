import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TotpSetupResponse } from '../../../shared/auth.ts';
import { OrderedList, OrderedListItem, Paragraph, TextField } from '../../ui/index.ts';
import './auth.css';

/**
 * The server's QR code as an image. It is an SVG document made on our server; as an <img> it cannot run
 * anything, and a data: URL is what the CSP allows for images (blob: is not).
 */
function qrDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The secret in groups of four, easier to type over; authenticator apps ignore the spaces. */
export function groupSecret(secret: string): string {
  return secret
    .replace(/\s+/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();
}

/** Connect an authenticator app: scan the QR code or type the key, then give the first code. */
export function TotpSetup({
  setup,
  code,
  onCodeChange,
  error,
}: {
  setup: TotpSetupResponse;
  code: string;
  onCodeChange: (value: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const src = useMemo(() => qrDataUrl(setup.qrSvg), [setup.qrSvg]);
  return (
    <div className="weerbaar-totp">
      <OrderedList>
        <OrderedListItem>{t('auth.totp.stepOpen')}</OrderedListItem>
        <OrderedListItem>{t('auth.totp.stepScan')}</OrderedListItem>
        <OrderedListItem>{t('auth.totp.stepCode')}</OrderedListItem>
      </OrderedList>
      <div className="weerbaar-totp__qr">
        <img src={src} alt={t('auth.totp.qrAlt')} width={220} height={220} />
      </div>
      <Paragraph>{t('auth.totp.manual')}</Paragraph>
      <p className="weerbaar-totp__secret">
        <code id="totp-secret">{groupSecret(setup.totpSecret)}</code>
      </p>
      <TextField
        id="totp-code"
        label={t('auth.totp.codeLabel')}
        description={t('auth.totp.codeDescription')}
        error={error}
        value={code}
        onValueChange={onCodeChange}
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        className="weerbaar-field--short"
      />
    </div>
  );
}
