import type { FieldError, Problem } from '../../shared/problem.ts';

/** An error answer from the API, carrying its stable code and any field errors for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(`API error ${status}: ${code}`);
    this.name = 'ApiError';
  }
}

/** The one way the web app calls the API: same origin, JSON in and out, problem details on failure. */
export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
  try {
    const problem = (await response.json()) as Partial<Problem>;
    return new ApiError(response.status, problem.code ?? 'unknown', problem.errors ?? []);
  } catch {
    return new ApiError(response.status, 'unknown');
  }
}
