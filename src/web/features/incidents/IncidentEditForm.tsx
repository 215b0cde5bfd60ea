import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  INCIDENT_AIMED_AT,
  INCIDENT_CHANNELS,
  INCIDENT_FORMS,
  INCIDENT_LIMITS,
  INCIDENT_SEVERITIES,
  INCIDENT_TARGETS,
  INTERNAL_REPORT_TO,
  type Incident,
  type IncidentPatch,
  PERPETRATOR_KINDS,
} from '../../../shared/incidents.ts';
import { Button, CheckboxGroup, Heading3, RadioGroup, SelectField, TextareaField, TextField } from '../../ui/index.ts';
import { problemText, todayInNl, useUpdateIncident } from './data.ts';

type Draft = {
  occurredOn: string;
  occurredAt: string;
  whatHappened: string;
  channel: string;
  where: string;
  forms: string[];
  targets: string[];
  perpetratorKind: string;
  perpetratorDescription: string;
  perpetratorHandle: string;
  severity: string;
  aimedAt: string;
  reportTo: string;
  reportOn: string;
};

/** Everything beyond the quick entry, to fill in later: the full record of the incident. */
export function IncidentEditForm({ incident, onDone }: { incident: Incident; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateIncident(incident.id);
  const today = todayInNl();
  const [draft, setDraft] = useState<Draft>({
    occurredOn: incident.occurredOn,
    occurredAt: incident.occurredAt ?? '',
    whatHappened: incident.whatHappened,
    channel: incident.channel,
    where: incident.where ?? '',
    forms: [...incident.forms],
    targets: [...incident.targets],
    perpetratorKind: incident.perpetratorKind ?? '',
    perpetratorDescription: incident.perpetratorDescription ?? '',
    perpetratorHandle: incident.perpetratorHandle ?? '',
    severity: incident.severity ?? '',
    aimedAt: incident.aimedAt ?? '',
    reportTo: incident.internalReport?.to ?? '',
    reportOn: incident.internalReport?.on ?? '',
  });
  const set = (field: keyof Draft) => (value: string | string[]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const options = (prefix: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: t(`incidents.${prefix}.${value}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch = {
      occurredOn: draft.occurredOn,
      occurredAt: draft.occurredAt || null,
      whatHappened: draft.whatHappened,
      channel: draft.channel,
      where: draft.where || null,
      forms: draft.forms,
      targets: draft.targets,
      perpetratorKind: draft.perpetratorKind || null,
      perpetratorDescription: draft.perpetratorDescription || null,
      perpetratorHandle: draft.perpetratorHandle || null,
      severity: draft.severity || null,
      aimedAt: draft.aimedAt || null,
      internalReport: draft.reportTo && draft.reportOn ? { to: draft.reportTo, on: draft.reportOn } : null,
    } as IncidentPatch;
    update.mutate(patch, { onSuccess: onDone });
  };

  return (
    <form noValidate onSubmit={submit} className="weerbaar-incident-edit" aria-labelledby="edit-heading">
      <Heading3 id="edit-heading">{t('incidents.detail.editHeading')}</Heading3>
      <TextField
        id="edit-date"
        type="date"
        max={today}
        label={t('incidents.fields.occurredOn')}
        value={draft.occurredOn}
        onValueChange={set('occurredOn')}
      />
      <TextField
        id="edit-time"
        type="time"
        label={t('incidents.fields.occurredAt')}
        value={draft.occurredAt}
        onValueChange={set('occurredAt')}
      />
      <TextareaField
        id="edit-what"
        label={t('incidents.fields.whatHappened')}
        maxLength={INCIDENT_LIMITS.whatHappened}
        value={draft.whatHappened}
        onValueChange={set('whatHappened')}
      />
      <SelectField
        id="edit-channel"
        label={t('incidents.fields.channel')}
        value={draft.channel}
        options={options('channel', INCIDENT_CHANNELS)}
        onValueChange={set('channel')}
      />
      <TextField
        id="edit-where"
        label={t('incidents.fields.where')}
        description={t('incidents.fields.whereHint')}
        maxLength={INCIDENT_LIMITS.where}
        value={draft.where}
        onValueChange={set('where')}
      />
      <CheckboxGroup
        id="edit-forms"
        legend={t('incidents.fields.forms')}
        choices={options('form', INCIDENT_FORMS)}
        value={draft.forms}
        onValueChange={set('forms')}
      />
      <CheckboxGroup
        id="edit-targets"
        legend={t('incidents.fields.targets')}
        choices={options('target', INCIDENT_TARGETS)}
        value={draft.targets}
        onValueChange={set('targets')}
      />
      <SelectField
        id="edit-perpetrator"
        label={t('incidents.fields.perpetratorKind')}
        value={draft.perpetratorKind}
        placeholder=""
        options={options('perpetrator', PERPETRATOR_KINDS)}
        onValueChange={set('perpetratorKind')}
      />
      <TextareaField
        id="edit-perpetrator-description"
        rows={3}
        label={t('incidents.fields.perpetratorDescription')}
        maxLength={INCIDENT_LIMITS.perpetratorDescription}
        value={draft.perpetratorDescription}
        onValueChange={set('perpetratorDescription')}
      />
      <TextField
        id="edit-handle"
        label={t('incidents.fields.perpetratorHandle')}
        maxLength={INCIDENT_LIMITS.perpetratorHandle}
        value={draft.perpetratorHandle}
        onValueChange={set('perpetratorHandle')}
      />
      <RadioGroup
        id="edit-severity"
        legend={t('incidents.fields.severity')}
        choices={options('severity', INCIDENT_SEVERITIES)}
        value={draft.severity}
        onValueChange={set('severity')}
      />
      <RadioGroup
        id="edit-aimed"
        legend={t('incidents.fields.aimedAt')}
        choices={options('aimedAt', INCIDENT_AIMED_AT)}
        value={draft.aimedAt}
        onValueChange={set('aimedAt')}
      />
      <SelectField
        id="edit-report-to"
        label={t('incidents.fields.internalReport')}
        value={draft.reportTo}
        placeholder=""
        options={options('internalReportTo', INTERNAL_REPORT_TO)}
        onValueChange={set('reportTo')}
      />
      <TextField
        id="edit-report-on"
        type="date"
        max={today}
        label={t('incidents.fields.internalReportOn')}
        value={draft.reportOn}
        onValueChange={set('reportOn')}
      />
      {update.isError && (
        <p role="alert" className="weerbaar-incident-error">
          {problemText(t, update.error)}
        </p>
      )}
      <div className="weerbaar-incident-actions">
        <Button type="submit" appearance="primary-action-button" disabled={update.isPending}>
          {t('incidents.detail.save')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onDone}>
          {t('incidents.detail.cancel')}
        </Button>
      </div>
    </form>
  );
}
