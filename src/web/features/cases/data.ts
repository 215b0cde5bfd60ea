import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  attachmentsResponseSchema,
  CaseDetail,
  CaseType,
  caseActionResponseSchema,
  caseTypesResponseSchema,
  messagesResponseSchema,
  myCasesResponseSchema,
  notesResponseSchema,
  QueueQuery,
  queueResponseSchema,
  timelineResponseSchema,
} from '../../../shared/cases.ts';
import { ApiError, apiGet, apiUpload } from '../../api/client.ts';
import { useReadCaseNotifications } from '../notifications/mark-read.ts';
import { apiPost, apiPut } from './api.ts';

/** The case API's addresses (src/shared/cases.ts), in one place. */
export const caseApi = {
  myCases: '/api/me/cases',
  types: '/api/cases/types',
  queue: '/api/cases/queue',
  detail: (id: string) => `/api/cases/${id}`,
  timeline: (id: string) => `/api/cases/${id}/timeline`,
  messages: (id: string) => `/api/cases/${id}/messages`,
  notes: (id: string) => `/api/cases/${id}/notes`,
  attachments: (id: string) => `/api/cases/${id}/attachments`,
  attachment: (id: string, attachmentId: string) => `/api/cases/${id}/attachments/${attachmentId}`,
  action: (id: string, action: string) => `/api/cases/${id}/${action}`,
  grants: (id: string) => `/api/cases/${id}/grants`,
  grant: (id: string, grantId: string, action: 'consent' | 'decline' | 'revoke') =>
    `/api/cases/${id}/grants/${grantId}/${action}`,
} as const;

export type MyCasesResponse = z.infer<typeof myCasesResponseSchema>;
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;
export type MessagesResponse = z.infer<typeof messagesResponseSchema>;
export type NotesResponse = z.infer<typeof notesResponseSchema>;
export type AttachmentsResponse = z.infer<typeof attachmentsResponseSchema>;
export type QueueResponse = z.infer<typeof queueResponseSchema>;
export type CaseTypesResponse = z.infer<typeof caseTypesResponseSchema>;
export type CaseActionResponse = z.infer<typeof caseActionResponseSchema>;

/** Case content changes while someone reads: refresh now and then, and when the window gets focus again. */
const LIVE = { refetchInterval: 30_000, refetchOnWindowFocus: true } as const;

export function useMyCases(enabled = true) {
  return useQuery({
    queryKey: ['cases', 'mine'],
    queryFn: ({ signal }) => apiGet<MyCasesResponse>(caseApi.myCases, signal),
    enabled,
    ...LIVE,
  });
}

export function useCaseTypes(enabled = true) {
  return useQuery({
    queryKey: ['cases', 'types'],
    queryFn: ({ signal }) => apiGet<CaseTypesResponse>(caseApi.types, signal),
    staleTime: 10 * 60_000,
    enabled,
  });
}

/** What the server says of one case type (statuses, outcomes, first-response targets); undefined until known. */
export function useCaseTypeInfo(type: CaseType) {
  const types = useCaseTypes();
  return types.data?.types.find((info) => info.type === type);
}

/** A case the reader may not open (or that does not exist) stays closed: asking again changes nothing. */
const isClosedToMe = (error: unknown) => error instanceof ApiError && error.status === 404;

/** One case; once it is shown, its notifications count as read (the requester's page and the staff page). */
export function useCase(caseId: string, enabled = true) {
  const query = useQuery({
    queryKey: ['case', caseId],
    queryFn: ({ signal }) => apiGet<CaseDetail>(caseApi.detail(caseId), signal),
    enabled,
    retry: (failures, error) => !isClosedToMe(error) && failures < 1,
    refetchInterval: (current) => (isClosedToMe(current.state.error) ? false : LIVE.refetchInterval),
    refetchOnWindowFocus: (current) => !isClosedToMe(current.state.error),
  });
  useReadCaseNotifications(caseId, query.isSuccess);
  return query;
}

export function useTimeline(caseId: string, enabled = true) {
  return useQuery({
    queryKey: ['case', caseId, 'timeline'],
    queryFn: ({ signal }) => apiGet<TimelineResponse>(caseApi.timeline(caseId), signal),
    enabled,
    ...LIVE,
  });
}

export function useMessages(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'messages'],
    queryFn: ({ signal }) => apiGet<MessagesResponse>(caseApi.messages(caseId), signal),
    enabled,
    ...LIVE,
  });
}

export function useNotes(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'notes'],
    queryFn: ({ signal }) => apiGet<NotesResponse>(caseApi.notes(caseId), signal),
    enabled,
    ...LIVE,
  });
}

export function useAttachments(caseId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['case', caseId, 'attachments'],
    queryFn: ({ signal }) => apiGet<AttachmentsResponse>(caseApi.attachments(caseId), signal),
    enabled,
    ...LIVE,
  });
}

export function useQueue(query: Pick<QueueQuery, 'type' | 'view' | 'sort' | 'order'> & { urgency?: string }) {
  const params = new URLSearchParams({ type: query.type, view: query.view, sort: query.sort, order: query.order });
  if (query.urgency) params.set('urgency', query.urgency);
  return useQuery({
    queryKey: ['queue', query],
    queryFn: ({ signal }) => apiGet<QueueResponse>(`${caseApi.queue}?${params}`, signal),
    ...LIVE,
  });
}

/**
 * A case action (POST/PUT to one of the case's routes). Afterwards everything about the case is
 * fetched again: its status, actions and timeline all follow from the server.
 */
export function useCaseAction<TBody = unknown, TResult = CaseActionResponse>(
  caseId: string,
  path: string,
  method: 'POST' | 'PUT' = 'POST',
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => (method === 'PUT' ? apiPut<TResult>(path, body) : apiPost<TResult>(path, body)),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
        client.invalidateQueries({ queryKey: ['queue'] }),
      ]);
    },
  });
}

export function useUploadAttachment(caseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (form: FormData) => apiUpload<unknown>(caseApi.attachments(caseId), form),
    onSettled: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
}

export type { CaseType };
