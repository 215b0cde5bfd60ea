import type {
  PackageAdminPartResponse,
  PackageAdminPartsResponse,
  PackageRestoreBody,
  PackageRevisionResponse,
  PackageSaveBody,
} from '../../../shared/package-admin.ts';
import { apiGet, apiPost } from '../../api/client.ts';

export const CONTENT_ADMIN_QUERY_KEY = ['admin', 'package-content'] as const;

const partUrl = (slug: string) => `/api/admin/package/parts/${encodeURIComponent(slug)}`;

/** The admin API for the package texts. */
export const contentAdminApi = {
  parts: (signal?: AbortSignal) => apiGet<PackageAdminPartsResponse>('/api/admin/package/parts', signal),
  part: (slug: string, signal?: AbortSignal) => apiGet<PackageAdminPartResponse>(partUrl(slug), signal),
  revision: (slug: string, revision: number, signal?: AbortSignal) =>
    apiGet<PackageRevisionResponse>(`${partUrl(slug)}/revisions/${revision}`, signal),
  save: (slug: string, body: PackageSaveBody) => apiPost<PackageAdminPartResponse>(`${partUrl(slug)}/revisions`, body),
  restore: (slug: string, revision: number, body: PackageRestoreBody) =>
    apiPost<PackageAdminPartResponse>(`${partUrl(slug)}/revisions/${revision}/restore`, body),
};
