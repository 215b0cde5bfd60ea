import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import type { IncidentShareRef, SharedEvidence, SharedIncidentResponse } from '../../../shared/incident-share.ts';
import { supportDetailOf } from '../../../shared/support.ts';
import { ApiError, apiGet, apiSaveFile } from '../../api/client.ts';
import { Alert, Button, Heading2, Paragraph } from '../../ui/index.ts';
import { formatDay, formatMoment } from '../incidents/data.ts';
import { SharedIncidentView } from './SharedIncidentView.tsx';

const incidentUrl = (caseId: string, incidentId: string) =>
  `/api/cases/${encodeURIComponent(caseId)}/support/incidents/${encodeURIComponent(incidentId)}`;
const fileUrl = (caseId: string, incidentId: string, evidenceId: string) =>
  `${incidentUrl(caseId, incidentId)}/evidence/${encodeURIComponent(evidenceId)}`;

/**
 * For the assigned confidant and the OT coordinator: the incidents the requester shares with this
 * request, only the parts and files they chose. Every load (of the incident, and of each file) is in
 * the requester's access log, so it loads once per visit; after the requester withdrew, the server
 * answers 404 and nothing is shown.
 */
export function SharedIncidents({ detail }: { detail: CaseDetail }) {
  const refs = supportDetailOf(detail)?.incidents ?? [];
  const staff = detail.viewer.relations.some((relation) => relation === 'assigned' || relation === 'coordinator');
  if (!staff || refs.length === 0) return null;
  return (
    <>
      {refs.map((ref) => (
        <SharedIncident key={ref.incidentId} caseId={detail.id} share={ref} />
      ))}
    </>
  );
}

function SharedIncident({ caseId, share }: { caseId: string; share: IncidentShareRef }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: ['support-incident', caseId, share.incidentId, share.sharedAt],
    queryFn: ({ signal }) => apiGet<SharedIncidentResponse>(incidentUrl(caseId, share.incidentId), signal),
    retry: false,
    staleTime: 10 * 60_000,
    refetchOnWindowFocus: false,
  });
  if (query.isPending) return null;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return null;
    return (
      <Alert type="error">
        <Paragraph>{t('incidents.share.failed')}</Paragraph>
      </Alert>
    );
  }
  const shared = query.data.shared;
  const headingId = `shared-incident-${shared.incidentId}`;
  return (
    <section aria-labelledby={headingId} className="weerbaar-shared-incident-section">
      <Heading2 id={headingId}>{t('incidents.share.staffHeading', { date: formatDay(shared.occurredOn) })}</Heading2>
      <Alert type="info">
        <Paragraph>{t('incidents.share.staffNote', { date: formatMoment(shared.sharedAt) })}</Paragraph>
      </Alert>
      <SharedIncidentView
        content={shared}
        fileActions={(file) => <SharedFile caseId={caseId} incidentId={shared.incidentId} file={file} />}
      />
    </section>
  );
}

/** A photo is shown (without location data); any file can be opened (saved), each an audited read. */
function SharedFile({ caseId, incidentId, file }: { caseId: string; incidentId: string; file: SharedEvidence }) {
  const { t } = useTranslation();
  const open = useMutation({
    mutationFn: () => apiSaveFile(fileUrl(caseId, incidentId, file.id), { fallbackName: file.fileName }),
  });
  return (
    <>
      {file.kind === 'image' && (
        <img
          className="weerbaar-shared-incident__image"
          src={fileUrl(caseId, incidentId, file.id)}
          alt={t('incidents.evidence.viewImage', { name: file.fileName })}
        />
      )}
      <Button appearance="secondary-action-button" onClick={() => open.mutate()} disabled={open.isPending}>
        {t('incidents.share.open', { name: file.fileName })}
      </Button>
      {open.isError && (
        <p role="alert" className="weerbaar-incident-error">
          {t('incidents.share.failed')}
        </p>
      )}
    </>
  );
}
