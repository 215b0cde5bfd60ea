/**
 * The case pages' door to the API and the session: the shared client (JSON with the session's CSRF
 * token, problem details, 401 handling) and the shared session hook. Uploads and downloads, which the
 * shared client does not do, are in http.ts.
 */
export { apiPost, apiPut, isApiError } from '../../api/client.ts';
export { useSession } from '../../session/session.ts';
