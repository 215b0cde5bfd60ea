import type { Problem } from '../../../shared/problem.ts';
import { ApiError } from '../../api/client.ts';
import { apiDownload, apiUpload, fileNameFrom } from '../cases/http.ts';

/**
 * Every call of this feature that the shared JSON client (src/web/api/client.ts) does not make, in one
 * place so the transport can be switched here alone: the evidence upload (multipart, through the
 * existing upload helper), downloads of an original, and the dossier (a POST that answers a file).
 */

export function uploadEvidence<T>(incidentId: string, form: FormData, csrfToken: string | null): Promise<T> {
  return apiUpload<T>(`/api/me/incidents/${encodeURIComponent(incidentId)}/evidence`, form, csrfToken);
}

export function downloadOriginal(incidentId: string, evidenceId: string, fallbackName: string): Promise<void> {
  return apiDownload(
    `/api/me/incidents/${encodeURIComponent(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/original`,
    fallbackName,
  );
}

/** The address of what the app shows of a piece of evidence (a photo without location data). */
export function evidenceViewUrl(incidentId: string, evidenceId: string): string {
  return `/api/me/incidents/${encodeURIComponent(incidentId)}/evidence/${encodeURIComponent(evidenceId)}`;
}

/** Makes a dossier and saves it as a file; resolves with the file name. */
export async function downloadDossier(
  body: { incidentIds: string[]; lang: string; format: 'zip' | 'pdf' },
  csrfToken: string | null,
): Promise<string> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: '*/*' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch('/api/me/incidents/dossier', {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? []);
  }
  const blob = await response.blob();
  const name = fileNameFrom(response.headers.get('Content-Disposition'), `dossier.${body.format}`);
  const url = URL.createObjectURL(blob);
  try {
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
