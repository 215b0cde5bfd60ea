import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/locale.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { saveFile } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  SelectField,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { formatDay, formatMomentDay, officeText, regionKindText, sizeText } from './labels.ts';
import '../account/account.css';
import './handover.css';

/** An office holder's own package: the newest version, or any earlier one, as a PDF without activation link. */
export function MyPackagePage() {
  const { t } = useTranslation();
  usePageTitle(t('handover.mine.title'));
  const mine = useQuery({
    queryKey: [...HANDOVER_QUERY_KEY, 'mine'],
    queryFn: ({ signal }) => handoverApi.myPackage(signal),
  });
  const [lang, setLang] = useState<Locale>(currentLocale());
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  async function download(editionId: string) {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    setStatus(t('handover.mine.downloading'));
    try {
      const file = await handoverApi.myPackagePdf(editionId, lang);
      saveFile(file.blob, file.fileName);
      setStatus(t('handover.mine.downloaded', { size: sizeText(t, file.size) }));
    } catch (error) {
      setStatus('');
      setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const data = mine.data;
  const current = data?.editions.find((edition) => edition.current);
  const earlier = data?.editions.filter((edition) => !edition.current) ?? [];
  return (
    <>
      <Heading1>{t('handover.mine.title')}</Heading1>
      <Paragraph lead>{t('handover.mine.lead')}</Paragraph>
      {mine.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {mine.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, mine.error)}</Paragraph>
        </Alert>
      )}
      {data && (
        <>
          <Heading2>{t('handover.mine.appointmentHeading')}</Heading2>
          {data.handover ? (
            <dl className="weerbaar-facts">
              <dt>{t('handover.mine.office')}</dt>
              <dd>{officeText(t, data.handover.office)}</dd>
              <dt>{regionKindText(t, data.handover.regionKind)}</dt>
              <dd>{data.handover.region}</dd>
              <dt>{t('handover.mine.installationDate')}</dt>
              <dd>{formatDay(data.handover.installationDate)}</dd>
            </dl>
          ) : (
            <Paragraph>{t('handover.mine.noAppointment')}</Paragraph>
          )}

          <Heading2>{t('handover.mine.downloadHeading')}</Heading2>
          <div className="weerbaar-handover-form">
            <SelectField
              id="my-package-language"
              label={t('handover.mine.language')}
              value={lang}
              onValueChange={(value) => setLang(value === 'en' ? 'en' : 'nl')}
              options={LOCALES.map((value) => ({ value, label: t(`handover.detail.languages.${value}`) }))}
            />
          </div>
          <StatusMessage type="info">{status}</StatusMessage>
          {failure && (
            <Alert type="error">
              <Paragraph>{failure}</Paragraph>
            </Alert>
          )}
          {current && (
            <>
              <Paragraph>
                {t('handover.mine.versionLabel', {
                  version: current.version,
                  date: formatMomentDay(current.publishedAt),
                })}{' '}
                ({t('handover.mine.current')}
                {current.received ? `, ${t('handover.mine.received')}` : ''})
              </Paragraph>
              <ButtonGroup>
                <Button appearance="primary-action-button" onClick={() => void download(current.id)}>
                  {t('handover.mine.download')}
                </Button>
              </ButtonGroup>
            </>
          )}
          {earlier.length > 0 && (
            <section aria-labelledby="my-package-versions">
              <Heading2 id="my-package-versions">{t('handover.mine.versionsHeading')}</Heading2>
              <Paragraph>{t('handover.mine.versionsIntro')}</Paragraph>
              <ul className="weerbaar-versions" aria-labelledby="my-package-versions">
                {earlier.map((edition) => (
                  <li key={edition.id}>
                    <span>
                      {t('handover.mine.versionLabel', {
                        version: edition.version,
                        date: formatMomentDay(edition.publishedAt),
                      })}
                      {edition.received ? ` (${t('handover.mine.received')})` : ''}
                    </span>
                    <Button appearance="secondary-action-button" onClick={() => void download(edition.id)}>
                      {t('handover.mine.downloadVersion', { version: edition.version })}
                    </Button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <Paragraph>
            <RouterLink to={WEB_PATHS.home} end>
              {t('handover.mine.readOnline')}
            </RouterLink>
          </Paragraph>
        </>
      )}
    </>
  );
}
