import type { TFunction } from 'i18next';
import type { AdminPersonSummary } from '../../../shared/admin.ts';
import { formatDateTime } from '../auth/messages.ts';

/** "Actief", "Uitgenodigd (link werkt tot …)", "Uitgenodigd (link verlopen)", "Gedeactiveerd". */
export function personStatusText(t: TFunction, person: AdminPersonSummary): string {
  const status = t(`identity.statuses.${person.status}`);
  if (person.status !== 'invited' || !person.invitation) return status;
  if (person.invitation.state === 'pending') {
    return t('admin.person.invitedUntil', { status, date: formatDateTime(person.invitation.expiresAt) });
  }
  return t('admin.person.invitationState', {
    status,
    state: t(`identity.invitationStates.${person.invitation.state}`),
  });
}
