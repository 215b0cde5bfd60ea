import { useQuery } from '@tanstack/react-query';
import type { PackagePartsResponse } from '../../../shared/package.ts';
import { apiGet } from '../../api/client.ts';

export function usePackageParts() {
  return useQuery({
    queryKey: ['package', 'parts'],
    queryFn: ({ signal }) => apiGet<PackagePartsResponse>('/api/package/parts', signal),
    staleTime: 60_000,
  });
}
