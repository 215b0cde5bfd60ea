import type { FieldError, Problem } from '../../shared/problem.ts';
import { BACKGROUND_REFRESH_HEADER } from '../../shared/session.ts';
import { activeAndVisible } from './activity.ts';

/**
 * A read while nobody has used the tab for this long is the page refreshing itself (case pages every
 * 30 s): the server answers it without counting it as activity towards the idle timeout.
 */
const UNATTENDED_AFTER_MS = 60_000;

/** An error answer from the API, carrying its stable code and any field errors for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: FieldError[] = [],
    /** Seconds to wait before trying again (429 with Retry-After); null when the server did not say. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(`API error ${status}: ${code}`);
    this.name = 'ApiError';
  }
}

/** True for an ApiError with one of the given codes. */
export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/**
 * The CSRF token of the current session. Kept in memory only (never in storage): it comes with
 * GET /api/auth/session and goes back in `X-CSRF-Token` on every state-changing request.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();
const activityListeners = new Set<Listener>();

/** Called when a request answers 401: the session ended (idle, elsewhere, or deactivated). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** Called after every answered request the server counts as activity for the idle timeout. */
export function onApiActivity(listener: Listener): () => void {
  activityListeners.add(listener);
  return () => activityListeners.delete(listener);
}

/** The one way the web app calls the API: same origin, JSON in and out, problem details on failure. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

/** POST with a JSON body (`{}` when there is nothing to send), the CSRF token and JSON back. */
export async function apiPost<T>(path: string, body: unknown = {}, signal?: AbortSignal): Promise<T> {
  return request<T>('POST', path, body, signal);
}

export async function apiPut<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('PUT', path, body, signal);
}

/** PATCH with a JSON body: a partial change of one record. */
export async function apiPatch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>('PATCH', path, body, signal);
}

/** DELETE without a body (the API's DELETE routes take none). */
export async function apiDelete<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('DELETE', path, undefined, signal);
}

async function request<T>(
  method: string,
  path: string,
  body: unknown,
  signal?: AbortSignal,
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const background = method === 'GET' && !activeAndVisible(UNATTENDED_AFTER_MS);
  if (background) headers[BACKGROUND_REFRESH_HEADER] = '1';
  if (method !== 'GET') {
    if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  if (!background) for (const listener of activityListeners) listener();
  if (!response.ok) {
    const error = await toApiError(response);
    if (!retried && method !== 'GET' && error.code === 'csrf_rejected' && (await renewCsrfToken(signal))) {
      return request<T>(method, path, body, signal, true);
    }
    if (response.status === 401 && error.code === 'unauthenticated') {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * A confirmation of who you are (step-up) in another tab of this browser gives the session a new token,
 * and with it a new CSRF token, which this tab does not know yet. The session route tells the current
 * one (readable by this origin only); true when it differs, so the change can be sent once more.
 */
async function renewCsrfToken(signal?: AbortSignal): Promise<boolean> {
  const info = await request<{ csrfToken: string | null }>('GET', '/api/auth/session', undefined, signal, true);
  if (!info.csrfToken || info.csrfToken === csrfToken) return false;
  csrfToken = info.csrfToken;
  return true;
}

function retryAfter(response: Response): number | null {
  const header = response.headers.get('Retry-After');
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? [], retryAfter(response));
  } catch {
    return new ApiError(response.status, 'unknown', [], retryAfter(response));
  }
}
