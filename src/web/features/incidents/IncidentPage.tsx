import './incidents.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { Incident } from '../../../shared/incidents.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ConfirmDialog,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDay, problemText, useDeleteIncident, useIncident } from './data.ts';
import { EvidencePanel } from './EvidencePanel.tsx';
import { FollowUps } from './FollowUps.tsx';
import { IncidentEditForm } from './IncidentEditForm.tsx';
import { IncidentGate } from './IncidentGate.tsx';
import { IncidentPath } from './IncidentPath.tsx';
import { IncidentShares } from './IncidentShares.tsx';
import { Dossier } from './IncidentsPage.tsx';

/** One incident: what happened, completing it, the evidence, the timeline, a dossier, deletion. */
export function IncidentPage() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.list.title'));
  return (
    <IncidentGate title={t('incidents.list.title')}>
      <IncidentView />
    </IncidentGate>
  );
}

function IncidentView() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const query = useIncident(incidentId);
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const incident = query.data?.incident;
  usePageTitle(
    incident ? t('incidents.detail.title', { date: formatDay(incident.occurredOn) }) : t('incidents.list.title'),
  );

  if (query.isPending) return <Paragraph role="status">{t('session.loading')}</Paragraph>;
  if (!incident) {
    return (
      <>
        <Heading1>{t('incidents.list.title')}</Heading1>
        <Alert type="error">
          <Paragraph>{problemText(t, query.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.incidents}>{t('incidents.detail.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }
  return (
    <>
      <Paragraph>
        <RouterLink to={WEB_PATHS.incidents}>{t('incidents.detail.back')}</RouterLink>
      </Paragraph>
      <Heading1>{t('incidents.detail.title', { date: formatDay(incident.occurredOn) })}</Heading1>
      {notice && <StatusMessage>{notice}</StatusMessage>}
      <Facts incident={incident} />
      <IncidentPath incidentId={incident.id} />
      <EvidencePanel incident={incident} />
      <FollowUps incident={incident} />
      <IncidentShares incident={incident} />
      <Dossier selected={[incident.id]} />
      <DeleteIncident id={incident.id} />
    </>
  );
}

function Facts({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const empty = t('incidents.fields.notFilled');
  const many = (prefix: string, values: readonly string[]) =>
    values.length > 0 ? values.map((value) => t(`incidents.${prefix}.${value}`)).join(', ') : empty;
  const rows: [string, string][] = [
    [
      t('incidents.fields.occurredOn'),
      `${formatDay(incident.occurredOn)}${incident.occurredAt ? `, ${incident.occurredAt}` : ''}`,
    ],
    [t('incidents.fields.channel'), t(`incidents.channel.${incident.channel}`)],
    [t('incidents.fields.where'), incident.where ?? empty],
    [t('incidents.fields.forms'), many('form', incident.forms)],
    [t('incidents.fields.targets'), many('target', incident.targets)],
    [
      t('incidents.fields.perpetratorKind'),
      incident.perpetratorKind ? t(`incidents.perpetrator.${incident.perpetratorKind}`) : empty,
    ],
    [t('incidents.fields.perpetratorDescription'), incident.perpetratorDescription ?? empty],
    [t('incidents.fields.perpetratorHandle'), incident.perpetratorHandle ?? empty],
    [t('incidents.fields.severity'), incident.severity ? t(`incidents.severity.${incident.severity}`) : empty],
    [t('incidents.fields.aimedAt'), incident.aimedAt ? t(`incidents.aimedAt.${incident.aimedAt}`) : empty],
    [
      t('incidents.fields.internalReport'),
      incident.internalReport
        ? `${t(`incidents.internalReportTo.${incident.internalReport.to}`)}, ${formatDay(incident.internalReport.on)}`
        : empty,
    ],
  ];
  return (
    <section aria-labelledby="facts-heading">
      <Heading2 id="facts-heading">{t('incidents.detail.factsHeading')}</Heading2>
      <p className="weerbaar-incident-card__text">{incident.whatHappened}</p>
      <DataList className="weerbaar-incident-facts">
        {rows.map(([key, value]) => (
          <DataListItem key={key}>
            <DataListKey>{key}</DataListKey>
            <DataListValue>{value}</DataListValue>
          </DataListItem>
        ))}
      </DataList>
      {editing ? (
        <IncidentEditForm incident={incident} onDone={() => setEditing(false)} />
      ) : (
        <Button appearance="secondary-action-button" onClick={() => setEditing(true)}>
          {t('incidents.detail.edit')}
        </Button>
      )}
    </section>
  );
}

function DeleteIncident({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteIncident(id);
  const [open, setOpen] = useState(false);
  return (
    <section className="weerbaar-incident-delete">
      <Button appearance="subtle-button" onClick={() => setOpen(true)}>
        {t('incidents.detail.delete')}
      </Button>
      {remove.isError && <p role="alert">{problemText(t, remove.error)}</p>}
      <ConfirmDialog
        open={open}
        title={t('incidents.detail.deleteConfirmTitle')}
        confirmLabel={t('incidents.detail.deleteYes')}
        cancelLabel={t('incidents.detail.cancel')}
        onCancel={() => setOpen(false)}
        onConfirm={() => {
          setOpen(false);
          remove.mutate(undefined, {
            onSuccess: () => navigate(WEB_PATHS.incidents, { state: { notice: t('incidents.detail.deleted') } }),
          });
        }}
      >
        <Paragraph>{t('incidents.detail.deleteConfirm')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
