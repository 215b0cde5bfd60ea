/**
 * The case pages' door to the API and the session: the shared client (JSON, uploads and downloads with
 * the session's CSRF token, problem details, 401 handling) and the shared session hook.
 */
export { apiPost, apiPut, isApiError } from '../../api/client.ts';
export { useSession } from '../../session/session.ts';
