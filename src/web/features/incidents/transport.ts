import { apiSaveFile, apiUpload } from '../../api/client.ts';

/**
 * The incident calls that are not plain JSON, through the one client (src/web/api/client.ts): the
 * evidence upload (multipart), downloads of an original, and the dossier (a POST that answers a file).
 */

const incidentPath = (incidentId: string) => `/api/me/incidents/${encodeURIComponent(incidentId)}`;

export function uploadEvidence<T>(incidentId: string, form: FormData): Promise<T> {
  return apiUpload<T>(`${incidentPath(incidentId)}/evidence`, form);
}

export async function downloadOriginal(incidentId: string, evidenceId: string, fallbackName: string): Promise<void> {
  await apiSaveFile(`${incidentPath(incidentId)}/evidence/${encodeURIComponent(evidenceId)}/original`, {
    fallbackName,
  });
}

/** The address of what the app shows of a piece of evidence (a photo without location data). */
export function evidenceViewUrl(incidentId: string, evidenceId: string): string {
  return `${incidentPath(incidentId)}/evidence/${encodeURIComponent(evidenceId)}`;
}

/** Makes a dossier and saves it as a file; resolves with the file name. */
export async function downloadDossier(body: {
  incidentIds: string[];
  lang: string;
  format: 'zip' | 'pdf';
}): Promise<string> {
  const file = await apiSaveFile('/api/me/incidents/dossier', {
    method: 'POST',
    body,
    fallbackName: `dossier.${body.format}`,
  });
  return file.fileName;
}
