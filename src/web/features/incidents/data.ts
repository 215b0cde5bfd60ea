import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type {
  DraftContent,
  EscalationSignal,
  Evidence,
  FollowUp,
  FollowUpInput,
  Incident,
  IncidentExport,
  IncidentInput,
  IncidentPatch,
  IncidentSummary,
} from '../../../shared/incidents.ts';
import { ApiError, apiDelete, apiGet, apiPatch, apiPost, apiPut } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { uploadEvidence } from './transport.ts';

/** Typed calls and queries of the incident pages (the shared JSON client; files go through transport.ts). */

const BASE = '/api/me/incidents';
const KEYS = {
  list: ['incidents'] as const,
  one: (id: string) => ['incidents', id] as const,
  exports: ['incidents', 'exports'] as const,
};

export function useIncidents() {
  return useQuery({
    queryKey: KEYS.list,
    queryFn: ({ signal }) => apiGet<{ incidents: IncidentSummary[]; escalation: EscalationSignal[] }>(BASE, signal),
  });
}

export function useIncident(id: string) {
  return useQuery({
    queryKey: KEYS.one(id),
    queryFn: ({ signal }) => apiGet<{ incident: Incident }>(`${BASE}/${encodeURIComponent(id)}`, signal),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useExports() {
  return useQuery({
    queryKey: KEYS.exports,
    queryFn: ({ signal }) => apiGet<{ exports: IncidentExport[] }>(`${BASE}/exports`, signal),
  });
}

function useInvalidate() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEYS.list });
}

export function useCreateIncident() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: IncidentInput) => apiPost<{ incident: Incident }>(BASE, input),
    onSuccess: () => void invalidate(),
  });
}

export function useUpdateIncident(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (patch: IncidentPatch) => apiPatch<{ incident: Incident }>(`${BASE}/${encodeURIComponent(id)}`, patch),
    onSuccess: () => void invalidate(),
  });
}

export function useDeleteIncident(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiDelete<void>(`${BASE}/${encodeURIComponent(id)}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: KEYS.one(id) });
      void client.invalidateQueries({ queryKey: KEYS.list });
    },
  });
}

export function useAddFollowUp(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: FollowUpInput) =>
      apiPost<{ followUp: FollowUp }>(`${BASE}/${encodeURIComponent(id)}/follow-ups`, input),
    onSuccess: () => void invalidate(),
  });
}

export function useAddEvidence(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (form: FormData) => uploadEvidence<{ evidence: Evidence }>(id, form),
    onSuccess: () => void invalidate(),
  });
}

export function useDeleteEvidence(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (evidenceId: string) =>
      apiDelete<{ evidence: Evidence }>(`${BASE}/${encodeURIComponent(id)}/evidence/${encodeURIComponent(evidenceId)}`),
    onSuccess: () => void invalidate(),
  });
}

export const draftApi = {
  get: () => apiGet<{ draft: DraftContent | null; updatedAt: string | null }>(`${BASE}/draft`),
  save: (draft: DraftContent) => apiPut<{ updatedAt: string }>(`${BASE}/draft`, { draft }),
  discard: () => apiDelete<void>(`${BASE}/draft`),
};

const TIME_ZONE = 'Europe/Amsterdam';

/** A calendar day (YYYY-MM-DD) in words. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

export function formatMoment(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso));
}

export function formatSize(bytes: number): string {
  const locale = currentLocale();
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** Today in the Netherlands, YYYY-MM-DD (the date field's default and maximum). */
export function todayInNl(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}

export function problemText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return t('incidents.errors.not_found');
    return t(`incidents.errors.${error.code}`, { defaultValue: t('incidents.errors.generic') });
  }
  return t('incidents.errors.network');
}
