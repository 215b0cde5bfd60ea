import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProtectionInput, ProtectionState } from '../../../shared/protection.ts';
import { ApiError, apiGet, apiPut } from '../../api/client.ts';

/** Typed calls of the protection step (the one transport). */

const url = (incidentId: string) => `/api/me/incidents/${encodeURIComponent(incidentId)}/protection`;
const key = (incidentId: string) => ['incidents', incidentId, 'protection'] as const;

export function useProtection(incidentId: string) {
  return useQuery({
    queryKey: key(incidentId),
    queryFn: ({ signal }) => apiGet<{ protection: ProtectionState }>(url(incidentId), signal),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function useRecordInformed(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProtectionInput) => apiPut<{ protection: ProtectionState }>(url(incidentId), input),
    onSuccess: (data) => {
      client.setQueryData(key(incidentId), data);
      void client.invalidateQueries({ queryKey: ['incidents', incidentId], exact: false });
    },
  });
}
