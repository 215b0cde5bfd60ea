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
import type { Problem } from '../../../shared/problem.ts';
import { ApiError, apiDelete, apiGet, apiPost } from '../../api/client.ts';

/**
 * The handover API for the web pages. JSON goes through the app's client; the PDF downloads and the
 * streamed CSV import need the raw response, so they call fetch here with the session's CSRF token.
 */

export const HANDOVER_QUERY_KEY = ['handover'] as const;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function problemOf(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    const retry = Number(response.headers.get('Retry-After'));
    return new ApiError(
      response.status,
      problem.code ?? 'unknown',
      problem.errors ?? [],
      Number.isFinite(retry) && retry > 0 ? retry : null,
    );
  } catch {
    return new ApiError(response.status, 'unknown');
  }
}

/** The file name from Content-Disposition (`filename*=UTF-8''…` first). */
function fileNameOf(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/** Hands a downloaded file to the browser as a download (an object URL on a temporary link). */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export interface DownloadedFile {
  blob: Blob;
  fileName: string;
  size: number;
}

async function download(response: Response, fallback: string): Promise<DownloadedFile> {
  if (!response.ok) throw await problemOf(response);
  const blob = await response.blob();
  return { blob, fileName: fileNameOf(response, fallback), size: blob.size };
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
  async printPackage(id: string, lang: Locale, csrfToken: string | null): Promise<DownloadedFile> {
    const response = await fetch(`/api/admin/handovers/${encodeURIComponent(id)}/package.pdf`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/pdf, application/problem+json',
        'Content-Type': 'application/json',
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: JSON.stringify({ lang }),
    });
    return download(response, 'Veiligheidspakket.pdf');
  },

  /** My own package in one version. */
  async myPackagePdf(editionId: string, lang: Locale): Promise<DownloadedFile> {
    const response = await fetch(`/api/me/package/editions/${encodeURIComponent(editionId)}/pdf${query({ lang })}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/pdf, application/problem+json' },
    });
    return download(response, 'Veiligheidspakket.pdf');
  },

  /**
   * Uploads a CSV file and reports each event of the answer as it arrives (progress, then the result).
   * Resolves with the result.
   */
  async importCsv(
    file: Blob,
    csrfToken: string | null,
    onEvent: (event: ImportEvent) => void,
  ): Promise<ImportEvent & { type: 'result' }> {
    const response = await fetch('/api/admin/handovers/imports', {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        Accept: 'application/x-ndjson, application/problem+json',
        'Content-Type': IMPORT_CONTENT_TYPE,
        ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}),
      },
      body: file,
    });
    if (!response.ok || !response.body) throw await problemOf(response);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    let result: (ImportEvent & { type: 'result' }) | null = null;
    const handle = (line: string) => {
      if (!line.trim()) return;
      const event = importEventSchema.parse(JSON.parse(line));
      onEvent(event);
      if (event.type === 'result') result = event;
    };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffered += value;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) handle(line);
    }
    handle(buffered);
    if (!result) throw new ApiError(500, 'import_interrupted');
    return result;
  },
};
