import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { AangifteChoicesInput, AangifteState, PoliceReport, PoliceReportInput } from '../../../shared/aangifte.ts';
import { ApiError, apiGet, apiPost, apiPut, apiSaveFile } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Typed calls of the aangifte aid and the police record (the one transport, src/web/api/client.ts). */

const base = (incidentId: string) => `/api/me/incidents/${encodeURIComponent(incidentId)}/aangifte`;
const key = (incidentId: string) => ['incidents', incidentId, 'aangifte'] as const;

export function useAangifte(incidentId: string) {
  return useQuery({
    queryKey: key(incidentId),
    queryFn: ({ signal }) => apiGet<{ aangifte: AangifteState }>(base(incidentId), signal),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useSaveChoices(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: AangifteChoicesInput) =>
      apiPut<{ aangifte: AangifteState }>(`${base(incidentId)}/choices`, input),
    onSuccess: (data) => {
      client.setQueryData(key(incidentId), data);
      // The incident's path (internal report, police) moved.
      void client.invalidateQueries({ queryKey: ['incidents', incidentId], exact: false });
    },
  });
}

export function useRecordPoliceReport(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PoliceReportInput) =>
      apiPost<{ report: PoliceReport }>(
        `${base(incidentId)}/police-reports?lang=${encodeURIComponent(currentLocale())}`,
        input,
      ),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['incidents'], exact: false }),
  });
}

/** Downloads the preparation sheet in the page's language; resolves with the file name. */
export async function downloadSheet(incidentId: string): Promise<string> {
  const file = await apiSaveFile(`${base(incidentId)}/sheet?lang=${encodeURIComponent(currentLocale())}`, {
    fallbackName: 'voorbereiding.pdf',
    accept: 'application/pdf',
  });
  return file.fileName;
}

/** One sentence for a failed call, from the aid's own words. */
export function aangifteProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.status === 404) return t('incidents.errors.not_found');
  if (error instanceof ApiError && error.code === 'aangifte_date_in_future') return t('aangifte.problem.future');
  if (error instanceof ApiError) return t('aangifte.problem.generic');
  return t('incidents.errors.network');
}
