import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FOLLOW_UP_KINDS, type FollowUpKind, INCIDENT_LIMITS, type Incident } from '../../../shared/incidents.ts';
import { Button, Heading2, Heading3, Paragraph, SelectField, TextareaField, TextField } from '../../ui/index.ts';
import { formatDay, problemText, todayInNl, useAddFollowUp } from './data.ts';

/** The running timeline: what happened after the incident, oldest first, and a form to add a step. */
export function FollowUps({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const add = useAddFollowUp(incident.id);
  const today = todayInNl();
  const [form, setForm] = useState({ occurredOn: today, kind: 'note', text: '' });
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus('');
    if (!form.text.trim()) return setError(t('incidents.followUps.text'));
    setError(undefined);
    add.mutate(
      { occurredOn: form.occurredOn, kind: form.kind as FollowUpKind, text: form.text },
      {
        onSuccess: () => {
          setForm({ occurredOn: today, kind: 'note', text: '' });
          setStatus(t('incidents.followUps.added'));
        },
      },
    );
  };

  return (
    <section aria-labelledby="follow-ups-heading">
      <Heading2 id="follow-ups-heading">{t('incidents.followUps.heading')}</Heading2>
      {incident.followUps.length === 0 ? (
        <Paragraph>{t('incidents.followUps.empty')}</Paragraph>
      ) : (
        <ol className="weerbaar-incident-timeline">
          {incident.followUps.map((item) => (
            <li key={item.id}>
              <strong>
                {formatDay(item.occurredOn)}, {t(`incidents.followUpKind.${item.kind}`)}
              </strong>
              <p className="weerbaar-incident-card__text">{item.text}</p>
            </li>
          ))}
        </ol>
      )}
      <form noValidate onSubmit={submit} aria-labelledby="follow-up-add-heading">
        <Heading3 id="follow-up-add-heading">{t('incidents.followUps.add')}</Heading3>
        <TextField
          id="follow-up-date"
          type="date"
          max={today}
          label={t('incidents.followUps.date')}
          value={form.occurredOn}
          onValueChange={(occurredOn) => setForm((current) => ({ ...current, occurredOn }))}
        />
        <SelectField
          id="follow-up-kind"
          label={t('incidents.followUps.kind')}
          value={form.kind}
          options={FOLLOW_UP_KINDS.map((value) => ({ value, label: t(`incidents.followUpKind.${value}`) }))}
          onValueChange={(kind) => setForm((current) => ({ ...current, kind }))}
        />
        <TextareaField
          id="follow-up-text"
          rows={3}
          label={t('incidents.followUps.text')}
          maxLength={INCIDENT_LIMITS.followUpText}
          value={form.text}
          error={error}
          onValueChange={(text) => setForm((current) => ({ ...current, text }))}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={add.isPending}>
          {t('incidents.followUps.save')}
        </Button>
        {add.isError && (
          <p role="alert" className="weerbaar-incident-error">
            {problemText(t, add.error)}
          </p>
        )}
        <p role="status" className="weerbaar-incident-draft-note">
          {status}
        </p>
      </form>
    </section>
  );
}
