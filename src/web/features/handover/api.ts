import {
  type ActivationCodeResponse,
  type HandedOverBody,
  type HandoverListResponse,
  type HandoverRegisterBody,
  type HandoverResponse,
  IMPORT_CONTENT_TYPE,
  type ImportEvent,
  importEventSchema,
  type MyPackageResponse,
  type RegionListsResponse,
} from '../../../shared/handover.ts';
import type { Locale } from '../../../shared/locale.ts';
import {
  ApiError,
  apiDelete,
  apiDownload,
  apiGet,
  apiPost,
  apiUploadWithProgress,
  type DownloadedFile,
} from '../../api/client.ts';

/** The handover API for the web pages, all through the app's one client (src/web/api/client.ts). */

export const HANDOVER_QUERY_KEY = ['handover'] as const;

const PDF_OR_PROBLEM = 'application/pdf, application/problem+json';
const PACKAGE_FILE_NAME = 'Veiligheidspakket.pdf';

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const handoverApi = {
  list: (params: { view?: string; q?: string; page?: number }, signal?: AbortSignal) =>
    apiGet<HandoverListResponse>(`/api/admin/handovers${query(params)}`, signal),
  regions: (signal?: AbortSignal) => apiGet<RegionListsResponse>('/api/admin/handovers/regions', signal),
  register: (body: HandoverRegisterBody) => apiPost<HandoverResponse>('/api/admin/handovers', body),
  detail: (id: string, signal?: AbortSignal) =>
    apiGet<HandoverResponse>(`/api/admin/handovers/${encodeURIComponent(id)}`, signal),
  handedOver: (id: string, body: HandedOverBody) =>
    apiPost<HandoverResponse>(`/api/admin/handovers/${encodeURIComponent(id)}/handed-over`, body),
  undoHandedOver: (id: string) =>
    apiDelete<HandoverResponse>(`/api/admin/handovers/${encodeURIComponent(id)}/handed-over`),
  myPackage: (signal?: AbortSignal) => apiGet<MyPackageResponse>('/api/me/package', signal),
  exchangeCode: (activationCode: string) => apiPost<ActivationCodeResponse>('/api/activation/code', { activationCode }),

  /** The admin's printable package; a new activation link and code each time while unused. */
  printPackage: (id: string, lang: Locale): Promise<DownloadedFile> =>
    apiDownload(`/api/admin/handovers/${encodeURIComponent(id)}/package.pdf`, {
      method: 'POST',
      body: { lang },
      accept: PDF_OR_PROBLEM,
      fallbackName: PACKAGE_FILE_NAME,
    }),

  /** My own package in one version. */
  myPackagePdf: (editionId: string, lang: Locale): Promise<DownloadedFile> =>
    apiDownload(`/api/me/package/editions/${encodeURIComponent(editionId)}/pdf${query({ lang })}`, {
      accept: PDF_OR_PROBLEM,
      fallbackName: PACKAGE_FILE_NAME,
    }),

  /**
   * Uploads a CSV file and reports each event of the answer as it arrives (progress, then the result).
   * Resolves with the result.
   */
  async importCsv(file: Blob, onEvent: (event: ImportEvent) => void): Promise<ImportEvent & { type: 'result' }> {
    let result: (ImportEvent & { type: 'result' }) | null = null;
    await apiUploadWithProgress(
      '/api/admin/handovers/imports',
      { body: file, contentType: IMPORT_CONTENT_TYPE },
      (line) => {
        const event = importEventSchema.parse(line);
        onEvent(event);
        if (event.type === 'result') result = event;
      },
    );
    if (!result) throw new ApiError(500, 'import_interrupted');
    return result;
  },
};
