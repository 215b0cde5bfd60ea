import './incidents.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { incidentPath, packagePartPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { currentLocale } from '../../i18n/index.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { ButtonRouterLink } from '../../ui/ButtonRouterLink.tsx';
import { Alert, Button, Heading1, Heading2, Heading3, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDay, formatMoment, problemText, useExports, useIncidents } from './data.ts';
import { EscalationPrompt } from './EscalationPrompt.tsx';
import { IncidentGate } from './IncidentGate.tsx';
import { downloadDossier } from './transport.ts';

/** My incidents: the escalation prompt when it applies, the list, and the dossier for the police. */
export function IncidentsPage() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.list.title'));
  return (
    <IncidentGate title={t('incidents.list.title')}>
      <Incidents />
    </IncidentGate>
  );
}

function Incidents() {
  const { t } = useTranslation();
  const incidents = useIncidents();
  const [selected, setSelected] = useState<string[]>([]);
  const data = incidents.data;

  return (
    <>
      <Heading1>{t('incidents.list.title')}</Heading1>
      <Paragraph lead>{t('incidents.list.lead')}</Paragraph>
      <Paragraph>{t('incidents.list.private')}</Paragraph>
      <EscalationPrompt signals={data?.escalation ?? []} />
      <Paragraph>
        <ButtonRouterLink to={WEB_PATHS.incidentNew} appearance="primary-action">
          {t('incidents.list.new')}
        </ButtonRouterLink>
      </Paragraph>
      <Heading2>{t('incidents.list.heading')}</Heading2>
      {incidents.isError && (
        <Alert type="error">
          <Paragraph>{problemText(t, incidents.error)}</Paragraph>
        </Alert>
      )}
      {data && data.incidents.length === 0 && <Paragraph>{t('incidents.list.empty')}</Paragraph>}
      {data && data.incidents.length > 0 && (
        <ul className="weerbaar-incident-list">
          {data.incidents.map((incident) => {
            const checked = selected.includes(incident.id);
            const boxId = `select-${incident.id}`;
            return (
              <li key={incident.id} className="weerbaar-incident-card">
                <Heading3 className="weerbaar-incident-card__title">
                  <RouterLink to={incidentPath(incident.id)}>{formatDay(incident.occurredOn)}</RouterLink>
                </Heading3>
                <p className="weerbaar-incident-card__meta">
                  {t(`incidents.channel.${incident.channel}`)}
                  {incident.severity && ` · ${t(`incidents.severity.${incident.severity}`)}`} ·{' '}
                  {t('incidents.list.evidence', { count: incident.evidenceCount })} ·{' '}
                  {t('incidents.list.followUps', { count: incident.followUpCount })}
                </p>
                <p className="weerbaar-incident-card__text">{incident.whatHappened}</p>
                <div className="weerbaar-incident-card__select">
                  <input
                    id={boxId}
                    type="checkbox"
                    className="utrecht-checkbox utrecht-checkbox--html-input"
                    checked={checked}
                    onChange={() =>
                      setSelected((current) =>
                        checked ? current.filter((id) => id !== incident.id) : [...current, incident.id],
                      )
                    }
                  />
                  <label htmlFor={boxId}>{t('incidents.list.select', { date: formatDay(incident.occurredOn) })}</label>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Dossier selected={selected} />
      <Paragraph>
        <RouterLink to={packagePartPath('aangifte-melden-schade')}>{t('incidents.list.aangifte')}</RouterLink>
      </Paragraph>
    </>
  );
}

/** Make a dossier of the chosen incidents, and see the ones made before. */
export function Dossier({ selected }: { selected: readonly string[] }) {
  const { t } = useTranslation();
  const _session = useSession();
  const exports = useExports();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const make = async (format: 'zip' | 'pdf') => {
    setMessage('');
    setError('');
    if (selected.length === 0) {
      setError(t('incidents.dossier.noneSelected'));
      return;
    }
    setBusy(true);
    try {
      await downloadDossier({ incidentIds: [...selected], lang: currentLocale(), format });
      setMessage(t('incidents.dossier.made'));
      void exports.refetch();
    } catch (failure) {
      setError(problemText(t, failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="dossier-heading" className="weerbaar-incident-dossier">
      <Heading2 id="dossier-heading">{t('incidents.dossier.heading')}</Heading2>
      <Paragraph>{t('incidents.dossier.intro')}</Paragraph>
      <Paragraph>{t('incidents.dossier.selectHint')}</Paragraph>
      <div className="weerbaar-incident-actions">
        <Button appearance="primary-action-button" disabled={busy} onClick={() => void make('zip')}>
          {busy ? t('incidents.dossier.making') : t('incidents.dossier.zip')}
        </Button>
        <Button appearance="secondary-action-button" disabled={busy} onClick={() => void make('pdf')}>
          {t('incidents.dossier.pdf')}
        </Button>
      </div>
      {error && (
        <p role="alert" className="weerbaar-incident-error">
          {error}
        </p>
      )}
      <p role="status" className="weerbaar-incident-draft-note">
        {message}
      </p>
      <Heading3>{t('incidents.dossier.historyHeading')}</Heading3>
      {exports.data && exports.data.exports.length === 0 && (
        <Paragraph>{t('incidents.dossier.historyEmpty')}</Paragraph>
      )}
      {exports.data && exports.data.exports.length > 0 && (
        <ul className="weerbaar-incident-exports">
          {exports.data.exports.map((item) => (
            <li key={item.id}>
              {t('incidents.dossier.historyItem', {
                date: formatMoment(item.createdAt),
                format: item.format.toUpperCase(),
                incidents: item.incidentCount,
                evidence: item.evidenceCount,
              })}
              <br />
              <span className="weerbaar-incident-hash">
                {t('incidents.dossier.fingerprint')}: {item.sha256}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
