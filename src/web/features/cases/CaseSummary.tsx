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

/**
 * The facts at the top of a case page: status, what happens next, who is helping, dates. In the words
 * of who reads it: the requester is spoken to, staff and grantees read about the requester.
 */
export function CaseSummary({ detail, audience = 'requester' }: { detail: CaseDetail; audience?: Audience }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const helpers = useHelpersText(detail.helpers, audience);
  const key = (name: string) => (audience === 'staff' ? `cases.summary.staff.${name}` : `cases.summary.${name}`);
  return (
    <DataList className="weerbaar-case-summary">
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
