import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { supportStaffResponseSchema } from '../../../shared/support.ts';
import { apiGet } from '../../api/client.ts';

export type StaffDirectory = z.infer<typeof supportStaffResponseSchema>;

/** Confidants, peers or experts, to assign a support request to or to propose letting in. */
export function useStaffDirectory(role: 'confidant' | 'peer' | 'expert', enabled: boolean) {
  return useQuery({
    queryKey: ['support', 'staff', role],
    queryFn: ({ signal }) => apiGet<StaffDirectory>(`/api/support/staff?role=${role}`, signal),
    enabled,
    staleTime: 60_000,
  });
}
