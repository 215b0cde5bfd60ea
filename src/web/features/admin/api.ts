import type { AdminInvitationsResponse, AdminPeopleResponse, OutboxResponse } from '../../../shared/admin.ts';
import type { DeadLettersResponse } from '../../../shared/admin-mail.ts';
import { apiGet, apiPost } from '../../api/client.ts';

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const adminApi = {
  people: (params: { q?: string; role?: string; status?: string; page?: number }, signal?: AbortSignal) =>
    apiGet<AdminPeopleResponse>(`/api/admin/people${query(params)}`, signal),
  invitations: (params: { status?: string; page?: number }, signal?: AbortSignal) =>
    apiGet<AdminInvitationsResponse>(`/api/admin/invitations${query(params)}`, signal),
  outbox: (params: { page?: number }, signal?: AbortSignal) =>
    apiGet<OutboxResponse>(`/api/admin/outbox${query(params)}`, signal),
  deadLetters: (params: { page?: number }, signal?: AbortSignal) =>
    apiGet<DeadLettersResponse>(`/api/admin/mail/dead-letters${query(params)}`, signal),
  retryDeadLetter: (id: string) => apiPost<null>(`/api/admin/mail/dead-letters/${encodeURIComponent(id)}/retry`),
};

export const ADMIN_QUERY_KEY = ['admin'] as const;
