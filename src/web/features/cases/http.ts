import type { Problem } from '../../../shared/problem.ts';
import { ApiError } from '../../api/client.ts';

/**
 * What the shared client (src/web/api/client.ts) does not do: multipart uploads and file downloads.
 * The CSRF token comes from the session (useSession().info.csrfToken).
 */

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? []);
  } catch {
    return new ApiError(response.status, 'unknown');
  }
}

/** A multipart upload (the browser sets the boundary). */
export async function apiUpload<T>(path: string, form: FormData, csrfToken: string | null): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method: 'POST', headers, body: form, credentials: 'same-origin' });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** The file name from Content-Disposition (RFC 6266, `filename*` first), or a fallback. */
export function fileNameFrom(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads a file as a file: fetched with the session, then saved through a temporary object URL, so
 * the browser never shows case content in a new tab or keeps it in its history.
 */
export async function apiDownload(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: '*/*' } });
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = fileNameFrom(response.headers.get('Content-Disposition'), fallbackName);
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
