import type { z } from 'zod';
import type {
  AdminSchemeDetail,
  adminSchemeListSchema,
  NewSchemeRevision,
} from '../../../shared/woningscan-schemes.ts';
import { apiGet, apiPost } from '../../api/client.ts';

export const SCHEME_ADMIN_QUERY_KEY = ['admin', 'woningscan-schemes'] as const;

export type AdminSchemeList = z.infer<typeof adminSchemeListSchema>;

const SCHEMES = '/api/admin/woningscan/schemes';

/** The admin API for the woningscan schemes (src/server/modules/woningscan/admin-routes.ts). */
export const schemeAdminApi = {
  list: (signal?: AbortSignal) => apiGet<AdminSchemeList>(SCHEMES, signal),
  save: (key: string, body: NewSchemeRevision) =>
    apiPost<AdminSchemeDetail>(`${SCHEMES}/${encodeURIComponent(key)}/revisions`, body),
};
