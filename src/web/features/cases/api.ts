import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Problem } from '../../../shared/problem.ts';
import type { Role } from '../../../shared/roles.ts';
import type { SessionInfo } from '../../../shared/session.ts';
import { ApiError, apiGet } from '../../api/client.ts';

/**
 * The case pages' door to the API and the session. For now a small local version (JSON calls with the
 * session's CSRF token, the signed-in person); it becomes a re-export of the shared client and session
 * hook (src/web/api/client.ts, src/web/session/session.ts) once those land, without touching the pages.
 */

let csrfToken: string | null = null;

async function fetchSession(signal?: AbortSignal): Promise<SessionInfo> {
  const info = await apiGet<SessionInfo>('/api/auth/session', signal);
  csrfToken = info.csrfToken;
  return info;
}

/** True for an ApiError with one of the given codes (any code when none are given). */
export function isApiError(error: unknown, ...codes: string[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

async function send<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<T> {
  if (!csrfToken) await fetchSession();
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, { method, headers, credentials: 'same-origin', body: JSON.stringify(body) });
  if (!response.ok) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      throw new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? []);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(response.status, 'unknown');
    }
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export function apiPost<T>(path: string, body: unknown = {}): Promise<T> {
  return send<T>('POST', path, body);
}

export function apiPut<T>(path: string, body: unknown): Promise<T> {
  return send<T>('PUT', path, body);
}

export interface CaseSession {
  loading: boolean;
  info: SessionInfo | undefined;
  person: SessionInfo['person'];
  hasRole: (...roles: Role[]) => boolean;
}

/** Who is signed in; asked again whenever a case page mounts, so a fresh sign-in shows at once. */
export function useSession(): CaseSession {
  const query = useQuery({
    queryKey: ['cases', 'session'],
    queryFn: ({ signal }) => fetchSession(signal),
    staleTime: 0,
  });
  const person = query.data?.person ?? null;
  const hasRole = useCallback((...roles: Role[]) => roles.some((role) => person?.roles.includes(role)), [person]);
  // A cached "nobody" while a new answer is on its way counts as still loading.
  const loading = query.isPending || (query.isFetching && !person);
  return { loading, info: query.data, person, hasRole };
}
