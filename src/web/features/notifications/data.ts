import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { AppNotification, MarkNotificationsRead } from '../../../shared/notifications.ts';
import { apiGet, apiPost } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';

/** GET /api/me/notifications and POST /api/me/notifications/read (src/shared/notifications.ts). */
export const notificationApi = { list: '/api/me/notifications', read: '/api/me/notifications/read' } as const;

export interface NotificationsResponse {
  notifications: AppNotification[];
  unread: number;
}

const KEY = ['notifications'] as const;

/**
 * My notifications, shared by the header link, the notifications page and the case pages (one request
 * for all of them). Fetched on sign-in, when the window gets focus again and when asked (navigation,
 * the gentle poll in the header); never in the background on its own.
 */
export function useNotifications() {
  const session = useSession();
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiGet<NotificationsResponse>(notificationApi.list, signal),
    enabled: Boolean(session.person),
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** Marks mine read: all of them, the given ones, or those about one case. */
export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: MarkNotificationsRead = {}) => apiPost<{ ok: true }>(notificationApi.read, which),
    onSettled: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/**
 * Opening a case reads its news: once the case is shown, its unread notifications are marked read,
 * and again when new ones for it arrive while it is open.
 */
export function useReadCaseNotifications(caseId: string, shown: boolean) {
  const notifications = useNotifications();
  const mark = useMarkNotificationsRead();
  const unreadHere = (notifications.data?.notifications ?? []).filter(
    (notification) =>
      notification.subject?.type === 'case' && notification.subject.id === caseId && notification.readAt === null,
  ).length;
  const pending = useRef(false);
  const { mutate } = mark;
  useEffect(() => {
    if (!shown || unreadHere === 0 || pending.current) return;
    pending.current = true;
    mutate(
      { subject: { type: 'case', id: caseId } },
      {
        onSettled: () => {
          pending.current = false;
        },
      },
    );
  }, [caseId, shown, unreadHere, mutate]);
}
