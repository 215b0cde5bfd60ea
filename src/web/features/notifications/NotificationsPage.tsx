import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_GRANT_SUBJECT } from '../../../shared/admin.ts';
import { AFTERCARE_SUBJECT_TYPE } from '../../../shared/aftercare.ts';
import { DAMAGES_SUBJECT } from '../../../shared/damages.ts';
import type { AppNotification } from '../../../shared/notifications.ts';
import { ROLES } from '../../../shared/roles.ts';
import { TRAINING_SUBJECT } from '../../../shared/training.ts';
import { incidentStepPath, myCasePath, staffCasePath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { CASE_PROBLEMS, problemMessage } from '../../api/problems.ts';
import { Alert, Button, Heading1, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { HelpNumbersNote } from '../cases/components/HelpNumbers.tsx';
import { PageGate } from '../cases/components/PageGate.tsx';
import { formatDateTime, formatRelative } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';
import { useNotifications } from './data.ts';
import { useMarkNotificationsRead } from './mark-read.ts';
import './notifications.css';

/**
 * Where a notification leads: the requester's own case, the case in the work queue, or for a request
 * that is new in the queue the queue itself (nobody may open a case before taking it).
 */
function linkOf(notification: AppNotification): { to: string; queue: boolean } | null {
  const subject = notification.subject;
  if (subject?.type !== 'case') return null;
  if (subject.view === 'requester') return { to: myCasePath(subject.id), queue: false };
  if (notification.kind === 'case_new_in_queue') return { to: WEB_PATHS.workQueue, queue: true };
  return { to: staffCasePath(subject.id), queue: false };
}

function NotificationItem({ notification, onOpen }: { notification: AppNotification; onOpen: () => void }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const unread = notification.readAt === null;
  const link = linkOf(notification);
  const subject = notification.subject;
  const caseName =
    subject?.reference && subject.subtype
      ? t('cases.mine.caseTitle', { type: labels.type(subject.subtype), reference: subject.reference })
      : null;
  return (
    <li className={`weerbaar-notification${unread ? ' weerbaar-notification--unread' : ''}`}>
      <p className="weerbaar-notification__what">
        <span className={`weerbaar-notification__state${unread ? ' weerbaar-notification__state--unread' : ''}`}>
          {unread ? t('notifications.page.unread') : t('notifications.page.read')}
        </span>{' '}
        {/* Which case and what kind of news, never what it says. */}
        {caseName
          ? t('notifications.page.inCase', { name: caseName, news: t(`notifications.kinds.${notification.kind}`) })
          : t(`notifications.kinds.${notification.kind}`)}
      </p>
      {subject?.type === TRAINING_SUBJECT && subject.view === 'participant' && (
        <p className="weerbaar-notification__case">
          <RouterLink to={WEB_PATHS.training} onClick={unread ? onOpen : undefined}>
            {t('notifications.page.openTraining')}
          </RouterLink>
        </p>
      )}
      {subject?.type === DAMAGES_SUBJECT && subject.view === 'damages' && (
        <p className="weerbaar-notification__case">
          <RouterLink to={incidentStepPath('incidentDamages', subject.id)} onClick={unread ? onOpen : undefined}>
            {t('notifications.page.openDamages')}
          </RouterLink>
        </p>
      )}
      {subject?.type === ROLE_GRANT_SUBJECT && notification.kind !== 'role_granted' && (
        <p className="weerbaar-notification__case">
          <RouterLink to={WEB_PATHS.adminRoleGrants} onClick={unread ? onOpen : undefined}>
            {t('notifications.page.openRoleGrants')}
          </RouterLink>
        </p>
      )}
      {subject?.type === AFTERCARE_SUBJECT_TYPE && (
        <p className="weerbaar-notification__case">
          {/* The subject is the plan, not the case: staff find the case by its reference in the queue. */}
          <RouterLink
            to={subject.view === 'staff' ? WEB_PATHS.workQueue : WEB_PATHS.aftercare}
            onClick={unread ? onOpen : undefined}
          >
            {subject.view === 'staff'
              ? t('notifications.page.openAftercareStaff', { reference: subject.reference ?? '' })
              : t('notifications.page.openAftercare')}
          </RouterLink>
        </p>
      )}
      {link && caseName && (
        <p className="weerbaar-notification__case">
          <RouterLink to={link.to} onClick={unread ? onOpen : undefined}>
            {t(link.queue ? 'notifications.page.openInQueue' : 'notifications.page.openCase', { name: caseName })}
          </RouterLink>
        </p>
      )}
      <p className="weerbaar-notification__when">
        <time dateTime={notification.at}>{formatDateTime(notification.at)}</time> ({formatRelative(notification.at)})
      </p>
    </li>
  );
}

function NotificationsList() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  const markAll = useMarkNotificationsRead();
  const markOne = useMarkNotificationsRead();
  const [done, setDone] = useState(false);
  const list = notifications.data?.notifications ?? [];
  const unread = notifications.data?.unread ?? 0;

  return (
    <>
      <Heading1>{t('notifications.page.title')}</Heading1>
      <Paragraph lead>{t('notifications.page.lead')}</Paragraph>
      <HelpNumbersNote />
      {notifications.isPending && <Paragraph role="status">{t('cases.loading')}</Paragraph>}
      {notifications.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, notifications.error, CASE_PROBLEMS)}</Paragraph>
        </Alert>
      )}
      {notifications.data && (
        <Paragraph>
          {unread > 0 ? t('notifications.page.unreadCount', { count: unread }) : t('notifications.page.allRead')}
        </Paragraph>
      )}
      {unread > 0 && (
        <Button
          appearance="secondary-action-button"
          disabled={markAll.isPending}
          onClick={() => {
            setDone(false);
            markAll.mutate({}, { onSuccess: () => setDone(true) });
          }}
        >
          {t('notifications.page.markAll')}
        </Button>
      )}
      <StatusMessage>{done ? t('notifications.page.markedAll') : null}</StatusMessage>
      {markAll.isError && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, markAll.error, CASE_PROBLEMS)}</Paragraph>
        </Alert>
      )}
      {notifications.data && list.length === 0 && <Paragraph>{t('notifications.page.none')}</Paragraph>}
      {list.length > 0 && (
        <ul className="weerbaar-notification-list" aria-label={t('notifications.page.listLabel')}>
          {[...list]
            .sort((a, b) => b.at.localeCompare(a.at))
            .map((notification) => (
              <NotificationItem
                key={notification.id}
                notification={notification}
                onOpen={() => markOne.mutate({ ids: [notification.id] })}
              />
            ))}
        </ul>
      )}
    </>
  );
}

/** /meldingen: news in my cases, newest first, without content: what kind of news, when, and where to look. */
export function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <PageGate title={t('notifications.page.title')} roles={ROLES}>
      {() => <NotificationsList />}
    </PageGate>
  );
}
