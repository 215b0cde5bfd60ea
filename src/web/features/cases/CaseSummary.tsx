import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { DataList, DataListItem, DataListKey, DataListValue } from '../../ui/index.ts';
import { formatDate, formatDateTime } from './format.ts';
import { type Audience, useCaseLabels } from './labels.ts';

/** Who is helping, in words: "Anna de Vries (vertrouwenspersoon), Piet Jansen (ervaringsdeskundige)". */
export function useHelpersText(helpers: CaseDetail['helpers'], audience: Audience = 'requester'): string {
  const { t } = useTranslation();
  if (helpers.length === 0)
    return t(audience === 'staff' ? 'cases.summary.staff.noHelperYet' : 'cases.summary.noHelperYet');
  return helpers
    .map((helper) =>
      t('cases.summary.helper', {
        name: helper.displayName ?? t('cases.summary.unnamed'),
        role: t(`cases.helperRole.${helper.role}`),
      }),
    )
    .join(', ');
}

/** Who asks, for staff: "Petra de Vries, partner of Wim Jansen (Wethouder, Zwolle)", or the officeholder. */
export function useRequesterText(requester: CaseDetail['requester']): string | null {
  const { t } = useTranslation();
  if (!requester) return null;
  const name = requester.name ?? t('cases.requester.noName');
  if (requester.kind === 'officeholder') return t('cases.requester.officeholder', { name });
  const holder = requester.officeholder;
  const office = holder?.office ? t(`staff.queue.office.${holder.office}`, { defaultValue: holder.office }) : null;
  return t('cases.requester.relative', {
    name,
    relationship: t(`cases.requester.relationship.${requester.relationship ?? 'other'}`),
    officeholder: holder
      ? [holder.name ?? t('cases.requester.noName'), [office, holder.region].filter(Boolean).join(', ')]
          .filter(Boolean)
          .join(' — ')
      : t('cases.requester.officeholderGone'),
  });
}

/**
 * The facts at the top of a case page: status, what happens next, who is helping, dates. In the words
 * of who reads it: the requester is spoken to, staff and grantees read about the requester.
 */
export function CaseSummary({ detail, audience = 'requester' }: { detail: CaseDetail; audience?: Audience }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const helpers = useHelpersText(detail.helpers, audience);
  const requester = useRequesterText(audience === 'staff' ? detail.requester : null);
  const key = (name: string) => (audience === 'staff' ? `cases.summary.staff.${name}` : `cases.summary.${name}`);
  return (
    <DataList className="weerbaar-case-summary">
      {requester && (
        <DataListItem>
          <DataListKey>{t('cases.requester.label')}</DataListKey>
          <DataListValue>{requester}</DataListValue>
        </DataListItem>
      )}
      <DataListItem>
        <DataListKey>{t('cases.summary.status')}</DataListKey>
        <DataListValue>
          <span className={`weerbaar-status-badge weerbaar-status-badge--${detail.status}`}>
            {labels.status(detail.type, detail.status, audience)}
          </span>
          {detail.urgency === 'urgent' && <span className="weerbaar-urgent-badge">{t('cases.urgency.urgent')}</span>}
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('cases.summary.next')}</DataListKey>
        <DataListValue>{labels.next(detail.type, detail.nextStep, audience)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t(key('helpers'))}</DataListKey>
        <DataListValue>{helpers}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('cases.summary.created')}</DataListKey>
        <DataListValue>{formatDateTime(detail.createdAt)}</DataListValue>
      </DataListItem>
      {detail.closedAt && (
        <DataListItem>
          <DataListKey>{t('cases.summary.closed')}</DataListKey>
          <DataListValue>
            {formatDateTime(detail.closedAt)}
            {detail.outcome && ` — ${labels.outcome(detail.type, detail.outcome)}`}
          </DataListValue>
        </DataListItem>
      )}
      {detail.reopenUntil && (
        <DataListItem>
          <DataListKey>{t('cases.summary.reopenUntil')}</DataListKey>
          <DataListValue>{formatDate(detail.reopenUntil)}</DataListValue>
        </DataListItem>
      )}
    </DataList>
  );
}
