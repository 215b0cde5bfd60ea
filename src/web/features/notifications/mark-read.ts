import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { MarkNotificationsRead } from '../../../shared/notifications.ts';
import { apiPost } from '../../api/client.ts';
import { NOTIFICATIONS_KEY, notificationApi, useNotifications } from './data.ts';

// Marking read lives apart from data.ts: the header's count (first load) only reads, and the mutation
// code would otherwise ride along in every first load.

/** Marks mine read: all of them, the given ones, or those about one case. */
export function useMarkNotificationsRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (which: MarkNotificationsRead = {}) => apiPost<{ ok: true }>(notificationApi.read, which),
    onSettled: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
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
