import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_ACCEPT, type Evidence, INCIDENT_LIMITS, type Incident } from '../../../shared/incidents.ts';
import { Button, ConfirmDialog, Heading2, Paragraph, TextField } from '../../ui/index.ts';
import { formatMoment, formatSize, problemText, useAddEvidence, useDeleteEvidence } from './data.ts';
import { downloadOriginal, evidenceViewUrl } from './transport.ts';

/** The evidence of an incident: photos shown without location data, originals to download, and adding more. */
export function EvidencePanel({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="evidence-heading">
      <Heading2 id="evidence-heading">{t('incidents.evidence.heading')}</Heading2>
      <Paragraph>{t('incidents.evidence.intro')}</Paragraph>
      {incident.evidence.length === 0 ? (
        <Paragraph>{t('incidents.evidence.empty')}</Paragraph>
      ) : (
        <ul className="weerbaar-incident-evidence">
          {incident.evidence.map((item) => (
            <EvidenceItem key={item.id} incidentId={incident.id} item={item} />
          ))}
        </ul>
      )}
      <AddEvidence incidentId={incident.id} />
    </section>
  );
}

function EvidenceItem({ incidentId, item }: { incidentId: string; item: Evidence }) {
  const { t } = useTranslation();
  const remove = useDeleteEvidence(incidentId);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState('');
  const name = item.fileName ?? '';
  if (item.deletedAt) {
    return (
      <li className="weerbaar-incident-evidence__item weerbaar-incident-evidence__item--deleted">
        <p>
          {t(`incidents.evidence.kind.${item.kind}`)}:{' '}
          {t('incidents.evidence.deleted', { date: formatMoment(item.deletedAt) })}
        </p>
        <p className="weerbaar-incident-hash">
          {t('incidents.evidence.hash')}: {item.sha256}
        </p>
      </li>
    );
  }
  return (
    <li className="weerbaar-incident-evidence__item">
      {item.kind === 'image' && (
        <img
          className="weerbaar-incident-evidence__image"
          src={evidenceViewUrl(incidentId, item.id)}
          alt={t('incidents.evidence.viewImage', { name })}
        />
      )}
      <p>
        <strong>{name}</strong> ({t(`incidents.evidence.kind.${item.kind}`)}, {formatSize(item.size)})
      </p>
      {item.caption && <p className="weerbaar-incident-card__text">{item.caption}</p>}
      {(item.sourceUrl || item.sourceHandle) && (
        <p>
          {t('incidents.evidence.source')}: {[item.sourceUrl, item.sourceHandle].filter(Boolean).join(' · ')}
        </p>
      )}
      <p>
        {t('incidents.evidence.received')}: {formatMoment(item.receivedAt)}
        {item.addedByName && `, ${item.addedByName}`}
      </p>
      <p className="weerbaar-incident-hash">
        {t('incidents.evidence.hash')}: {item.sha256}
      </p>
      {item.hasMetadata && <p className="weerbaar-incident-note">{t('incidents.evidence.hasMetadata')}</p>}
      <div className="weerbaar-incident-actions">
        <Button
          appearance="secondary-action-button"
          aria-label={t('incidents.evidence.original', { name })}
          onClick={() => {
            setError('');
            downloadOriginal(incidentId, item.id, name).catch((failure: unknown) => setError(problemText(t, failure)));
          }}
        >
          {t('incidents.evidence.original', { name })}
        </Button>
        <Button appearance="subtle-button" onClick={() => setConfirm(true)}>
          {t('incidents.evidence.delete', { name })}
        </Button>
      </div>
      {(error || remove.isError) && (
        <p role="alert" className="weerbaar-incident-error">
          {error || problemText(t, remove.error)}
        </p>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('incidents.evidence.deleteConfirmTitle')}
        confirmLabel={t('incidents.evidence.deleteYes')}
        cancelLabel={t('incidents.detail.cancel')}
        onCancel={() => setConfirm(false)}
        onConfirm={() => {
          setConfirm(false);
          remove.mutate(item.id);
        }}
      >
        <Paragraph>{t('incidents.evidence.deleteConfirm')}</Paragraph>
      </ConfirmDialog>
    </li>
  );
}

function AddEvidence({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const add = useAddEvidence(incidentId);
  const input = useRef<HTMLInputElement>(null);
  const [fields, setFields] = useState({ caption: '', sourceUrl: '', sourceHandle: '' });
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    const file = input.current?.files?.[0];
    if (!file) return setError(t('incidents.evidence.noFile'));
    setError(undefined);
    const form = new FormData();
    // The fields go first: the server reads them before it streams the file.
    for (const [name, value] of Object.entries(fields)) if (value.trim()) form.append(name, value.trim());
    form.append('file', file, file.name);
    add.mutate(form, {
      onSuccess: () => {
        if (input.current) input.current.value = '';
        setFields({ caption: '', sourceUrl: '', sourceHandle: '' });
        setStatus(t('incidents.evidence.uploaded', { name: file.name }));
      },
      onError: (failure) => setError(problemText(t, failure)),
    });
  };

  const describedBy = error ? 'evidence-file-limits evidence-file-error' : 'evidence-file-limits';
  return (
    <form noValidate onSubmit={submit} className="weerbaar-incident-upload">
      <div className={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div className="utrecht-form-field__label">
          <label className="utrecht-form-label" htmlFor="evidence-file">
            {t('incidents.evidence.choose')}
          </label>
        </div>
        <div id="evidence-file-limits" className="utrecht-form-field-description">
          {t('incidents.evidence.limits')}
        </div>
        {error && (
          <div id="evidence-file-error" className="utrecht-form-field-error-message weerbaar-incident-error">
            {error}
          </div>
        )}
        <div className="utrecht-form-field__input">
          <input
            ref={input}
            id="evidence-file"
            type="file"
            accept={EVIDENCE_ACCEPT}
            className="weerbaar-incident-file"
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
          />
        </div>
      </div>
      <TextField
        id="evidence-caption"
        label={t('incidents.evidence.caption')}
        maxLength={INCIDENT_LIMITS.caption}
        value={fields.caption}
        onValueChange={(caption) => setFields((current) => ({ ...current, caption }))}
      />
      <TextField
        id="evidence-source-url"
        type="url"
        label={t('incidents.evidence.sourceUrl')}
        maxLength={INCIDENT_LIMITS.sourceUrl}
        value={fields.sourceUrl}
        onValueChange={(sourceUrl) => setFields((current) => ({ ...current, sourceUrl }))}
      />
      <TextField
        id="evidence-source-handle"
        label={t('incidents.evidence.sourceHandle')}
        maxLength={INCIDENT_LIMITS.sourceHandle}
        value={fields.sourceHandle}
        onValueChange={(sourceHandle) => setFields((current) => ({ ...current, sourceHandle }))}
      />
      <Button type="submit" appearance="primary-action-button" disabled={add.isPending}>
        {add.isPending ? t('incidents.evidence.uploading') : t('incidents.evidence.upload')}
      </Button>
      <p role="status" className="weerbaar-incident-draft-note">
        {status}
      </p>
    </form>
  );
}
