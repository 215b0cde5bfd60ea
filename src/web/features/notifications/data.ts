import { useQuery } from '@tanstack/react-query';
import type { AppNotification } from '../../../shared/notifications.ts';
import { apiGet } from '../../api/client.ts';
import { useSession } from '../../session/session.ts';

/** GET /api/me/notifications and POST /api/me/notifications/read (src/shared/notifications.ts). */
export const notificationApi = { list: '/api/me/notifications', read: '/api/me/notifications/read' } as const;

export interface NotificationsResponse {
  notifications: AppNotification[];
  unread: number;
}

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/**
 * My notifications, shared by the header link, the notifications page and the case pages (one request
 * for all of them). Fetched on sign-in, when the window gets focus again and when asked (navigation,
 * the gentle poll in the header); never in the background on its own.
 */
export function useNotifications() {
  const session = useSession();
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: ({ signal }) => apiGet<NotificationsResponse>(notificationApi.list, signal),
    enabled: Boolean(session.person),
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}
