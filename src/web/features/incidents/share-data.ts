import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IncidentShareConsent,
  IncidentShareField,
  IncidentSharesResponse,
  SharedIncidentContent,
} from '../../../shared/incident-share.ts';
import type { Incident } from '../../../shared/incidents.ts';
import { apiGet, apiPost } from '../../api/client.ts';

/**
 * Sharing an incident with the Ondersteuningsteam (the support module's routes, src/shared/incident-share.ts):
 * where it is shared now, attaching it to an open request, and stopping.
 */

const sharesKey = (incidentId: string) => ['incidents', incidentId, 'shares'] as const;
const casePath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/support/incidents`;

export function useIncidentShares(incidentId: string) {
  return useQuery({
    queryKey: sharesKey(incidentId),
    queryFn: ({ signal }) =>
      apiGet<IncidentSharesResponse>(
        `/api/support/incident-shares?incidentId=${encodeURIComponent(incidentId)}`,
        signal,
      ),
    retry: false,
  });
}

function useInvalidateShares(incidentId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: sharesKey(incidentId) });
    void client.invalidateQueries({ queryKey: ['cases'] });
  };
}

/** Attaches the incident, with the consented parts and files, to an open support request of mine. */
export function useShareWithCase(incidentId: string) {
  const invalidate = useInvalidateShares(incidentId);
  return useMutation({
    mutationFn: ({ caseId, consent }: { caseId: string; consent: IncidentShareConsent }) =>
      apiPost<{ id: string; status: string }>(casePath(caseId), consent),
    onSuccess: invalidate,
  });
}

/** Stops sharing at once: nobody of the support team sees the incident or its files any more. */
export function useWithdrawShare(incidentId: string) {
  const invalidate = useInvalidateShares(incidentId);
  return useMutation({
    mutationFn: (caseId: string) =>
      apiPost<{ id: string; status: string }>(`${casePath(caseId)}/${encodeURIComponent(incidentId)}/withdraw`, {}),
    onSuccess: invalidate,
  });
}

/** What the parts of an incident are worth sharing: those with something in them. */
export function filledFields(incident: Incident): IncidentShareField[] {
  const filled: Record<IncidentShareField, boolean> = {
    whatHappened: true,
    occurredAt: Boolean(incident.occurredAt),
    channel: true,
    where: Boolean(incident.where),
    forms: incident.forms.length > 0,
    targets: incident.targets.length > 0,
    perpetrator: Boolean(incident.perpetratorKind || incident.perpetratorDescription || incident.perpetratorHandle),
    severity: Boolean(incident.severity),
    aimedAt: Boolean(incident.aimedAt),
    internalReport: Boolean(incident.internalReport),
    followUps: incident.followUps.length > 0,
  };
  return (Object.keys(filled) as IncidentShareField[]).filter((field) => filled[field]);
}

/**
 * The shared incident as the confidant will get it, built in the browser from the person's own incident
 * and their choice: the same filter as the server's (incidents/share-provider.ts), for the preview.
 */
export function previewOf(
  incident: Incident,
  fields: readonly IncidentShareField[],
  evidenceIds: readonly string[],
): SharedIncidentContent {
  const chosen = new Set(fields);
  const content: SharedIncidentContent = { incidentId: incident.id, occurredOn: incident.occurredOn, evidence: [] };
  if (chosen.has('whatHappened')) content.whatHappened = incident.whatHappened;
  if (chosen.has('occurredAt')) content.occurredAt = incident.occurredAt;
  if (chosen.has('channel')) content.channel = incident.channel;
  if (chosen.has('where')) content.where = incident.where;
  if (chosen.has('forms')) content.forms = incident.forms;
  if (chosen.has('targets')) content.targets = incident.targets;
  if (chosen.has('perpetrator')) {
    content.perpetrator = {
      kind: incident.perpetratorKind,
      description: incident.perpetratorDescription,
      handle: incident.perpetratorHandle,
    };
  }
  if (chosen.has('severity')) content.severity = incident.severity;
  if (chosen.has('aimedAt')) content.aimedAt = incident.aimedAt;
  if (chosen.has('internalReport')) content.internalReport = incident.internalReport;
  if (chosen.has('followUps')) {
    content.followUps = incident.followUps.map(({ occurredOn, kind, text }) => ({ occurredOn, kind, text }));
  }
  const files = new Set(evidenceIds);
  content.evidence = incident.evidence
    .filter((file) => files.has(file.id) && !file.deletedAt)
    .map((file) => ({
      id: file.id,
      kind: file.kind,
      contentType: file.contentType,
      fileName: file.fileName ?? '',
      size: file.size,
      sha256: file.sha256,
      receivedAt: file.receivedAt,
      caption: file.caption,
      sourceUrl: file.sourceUrl,
      sourceHandle: file.sourceHandle,
      hasMetadata: file.hasMetadata,
    }));
  return content;
}

/** Handed from the consent screen to the support request form when the person starts a new request. */
export interface PendingIncidentShare {
  consent: IncidentShareConsent;
  occurredOn: string;
}

export function isPendingIncidentShare(value: unknown): value is PendingIncidentShare {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<PendingIncidentShare>;
  return (
    typeof candidate.occurredOn === 'string' &&
    typeof candidate.consent?.incidentId === 'string' &&
    Array.isArray(candidate.consent.fields) &&
    Array.isArray(candidate.consent.evidenceIds)
  );
}
