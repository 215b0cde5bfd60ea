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

/**
 * The public part and list answers may be kept by the browser for a minute (Cache-Control max-age=60).
 * After a save, fetch them once past that cache, so this browser shows the new text at once; other
 * readers get it when their minute is over.
 */
export async function refreshPublicCopies(slug: string): Promise<void> {
  await Promise.all(
    ['/api/package/parts', `/api/package/parts/${encodeURIComponent(slug)}`].map((url) =>
      apiGet(url, undefined, { cache: 'reload' }).catch(() => undefined),
    ),
  );
}
