import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { CaseType, QueueQuery } from '../../../shared/cases.ts';
import { staffCasePath } from '../../../shared/web-paths.ts';
import {
  Alert,
  Button,
  Heading1,
  Heading2,
  Paragraph,
  SelectField,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useSession } from '../cases/api.ts';
import { caseTypeView, granteeRoles, handlerRoles, queueTypesOf, staffRoles } from '../cases/case-types.ts';
import { PageGate } from '../cases/components/PageGate.tsx';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, type QueueResponse, useCaseAction, useQueue } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useCaseLabels } from '../cases/labels.ts';
import { COUNT_KEYS, type CountKey, QueueCounts } from './QueueCounts.tsx';
import { SlaText } from './Sla.tsx';

type View = QueueQuery['view'];
const VIEW_COUNT: Partial<Record<View, CountKey>> = {
  unassigned: 'unassigned',
  mine: 'mine',
  due_soon: 'dueSoon',
  late: 'late',
  shared: 'shared',
};

/** Taking a case happens from the queue: until then its content stays closed, even to eligible staff. */
function TakeButton({ caseId, reference }: { caseId: string; reference: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const take = useCaseAction<Record<string, never>>(caseId, caseApi.action(caseId, 'take'));
  return (
    <>
      <Button
        appearance="secondary-action-button"
        disabled={take.isPending}
        aria-label={t('staff.queue.takeLabel', { reference })}
        onClick={() => take.mutate({}, { onSuccess: () => navigate(staffCasePath(caseId)) })}
      >
        {t('staff.queue.take')}
      </Button>
      {take.isError && (
        <span role="alert" className="weerbaar-field-error">
          {problemMessage(t, take.error)}
        </span>
      )}
    </>
  );
}

function QueueTable({ items, type }: { items: QueueResponse['items']; type: CaseType }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const takeable = items.some((item) => item.assignees.length === 0 && item.status !== 'closed');
  const summaryOf = caseTypeView(type)?.queueSummary;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than the screen scrolls in its own box, which keyboard users must be able to reach (WCAG 2.1.1)
    <section aria-labelledby="queue-table-caption" className="weerbaar-table-scroll" tabIndex={0}>
      <Table className="weerbaar-queue-table">
        <TableCaption id="queue-table-caption">{t('staff.queue.tableCaption', { count: items.length })}</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('staff.queue.col.reference')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('staff.queue.col.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('staff.queue.col.due')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('staff.queue.col.who')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('staff.queue.col.requester')}</TableHeaderCell>
            {takeable && <TableHeaderCell scope="col">{t('staff.queue.col.action')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => {
            const summary = summaryOf?.(item.typeSummary, t) ?? { notes: [], facts: [] };
            return (
              <TableRow key={item.id}>
                <TableHeaderCell scope="row">
                  <RouterLink to={staffCasePath(item.id)}>{item.reference}</RouterLink>
                  {item.urgency === 'urgent' && (
                    <span className="weerbaar-urgent-badge">{t('cases.urgency.urgent')}</span>
                  )}
                  {summary.notes.map((note) => (
                    <span key={note} className="weerbaar-note">
                      {note}
                    </span>
                  ))}
                  {item.unread > 0 && (
                    <span className="weerbaar-unread">{t('cases.mine.unread', { count: item.unread })}</span>
                  )}
                </TableHeaderCell>
                <TableCell>{labels.status(type, item.status)}</TableCell>
                <TableCell>
                  <SlaText sla={item} />
                </TableCell>
                <TableCell>
                  {item.assignees.length > 0
                    ? item.assignees.map((person) => person.displayName ?? t('cases.summary.unnamed')).join(', ')
                    : t('staff.queue.nobody')}
                </TableCell>
                <TableCell>
                  {[
                    item.officeType
                      ? t(`staff.queue.office.${item.officeType}`, { defaultValue: item.officeType })
                      : null,
                    item.region,
                    ...summary.facts,
                  ]
                    .filter(Boolean)
                    .join(', ') || '—'}
                </TableCell>
                {takeable && (
                  <TableCell>
                    {item.assignees.length === 0 && item.status !== 'closed' && (
                      <TakeButton caseId={item.id} reference={item.reference} />
                    )}
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

function WorkQueue({ types, views }: { types: CaseType[]; views: View[] }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const [params, setParams] = useSearchParams();
  const type = (types.includes(params.get('soort') as CaseType) ? params.get('soort') : types[0]) as CaseType;
  const view = (views.includes(params.get('overzicht') as View) ? params.get('overzicht') : views[0]) as View;
  const sort = (params.get('sorteer') ?? 'due') as QueueQuery['sort'];
  const urgency = params.get('urgentie') ?? '';
  const queue = useQueue({ type, view, sort, order: sort === 'due' ? 'asc' : 'desc', ...(urgency ? { urgency } : {}) });
  const status = useStatusMessage();
  const handedBack = (useLocation().state as { handedBack?: string } | null)?.handedBack;
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const linkTo = (patch: Record<string, string>) =>
    `?${new URLSearchParams({ soort: type, overzicht: view, ...patch })}`;

  const total = queue.data?.items.length;
  // biome-ignore lint/correctness/useExhaustiveDependencies: announce when the result for a new filter arrives
  useEffect(() => {
    if (total !== undefined) status.announce(t('staff.queue.results', { count: total }));
  }, [total, type, view, sort, urgency]);

  const countKeys = COUNT_KEYS.filter((key) => views.some((item) => VIEW_COUNT[item] === key));
  return (
    <>
      <Heading1>{t('staff.queue.title')}</Heading1>
      <Paragraph lead>{t('staff.queue.lead')}</Paragraph>
      {handedBack && (
        <Alert type="ok" role="status">
          <Paragraph>{t('staff.queue.handedBack', { reference: handedBack })}</Paragraph>
        </Alert>
      )}
      {types.length > 1 && (
        <nav aria-label={t('staff.queue.typeNav')}>
          <ul className="weerbaar-inline-list weerbaar-tabs">
            {types.map((item) => (
              <li key={item}>
                <RouterLink
                  to={`?${new URLSearchParams({ soort: item })}`}
                  aria-current={item === type ? 'page' : undefined}
                  end
                >
                  {labels.type(item)}
                </RouterLink>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <nav aria-label={t('staff.queue.viewNav')}>
        <ul className="weerbaar-inline-list weerbaar-tabs">
          {views.map((item) => {
            const countKey = VIEW_COUNT[item];
            const count = countKey && queue.data ? queue.data.counts[countKey] : null;
            return (
              <li key={item}>
                <a
                  href={linkTo({ overzicht: item })}
                  className="utrecht-link utrecht-link--html-a weerbaar-tab"
                  aria-current={item === view ? 'page' : undefined}
                  onClick={(event) => {
                    event.preventDefault();
                    set('overzicht', item);
                  }}
                >
                  {t(`staff.queue.view.${countKey ?? item}`)}
                  {count !== null && ` (${count})`}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="weerbaar-filters">
        <SelectField
          id="queue-urgency"
          label={t('staff.queue.urgency')}
          value={urgency}
          onValueChange={(value) => set('urgentie', value)}
          placeholder={t('staff.queue.urgencyAll')}
          options={[
            { value: 'urgent', label: t('cases.urgency.urgent') },
            { value: 'normal', label: t('cases.urgency.normal') },
          ]}
        />
        <SelectField
          id="queue-sort"
          label={t('staff.queue.sort')}
          value={sort}
          onValueChange={(value) => set('sorteer', value)}
          options={(['due', 'created', 'updated'] as const).map((value) => ({
            value,
            label: t(`staff.queue.sortBy.${value}`),
          }))}
        />
      </div>
      <StatusRegion message={status.message} />
      {queue.isPending && <Paragraph>{t('cases.loading')}</Paragraph>}
      {queue.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, queue.error)}</Paragraph>
        </Alert>
      )}
      {queue.data && queue.data.items.length === 0 && (
        <>
          <Heading2>{t(`staff.queue.view.${VIEW_COUNT[view] ?? view}`)}</Heading2>
          <Paragraph>{t('staff.queue.empty')}</Paragraph>
        </>
      )}
      {queue.data && queue.data.items.length > 0 && <QueueTable items={queue.data.items} type={type} />}
      {queue.data && <QueueCounts counts={queue.data.counts} keys={countKeys} />}
    </>
  );
}

/** /werkbak: the staff work queue per case type, with views, counts and the first-response due time. */
export function WorkQueuePage() {
  const { t } = useTranslation();
  const session = useSession();
  // The case types whose queue this person works on (case-types.ts), and which views their roles give.
  const types = queueTypesOf(session.hasRole);
  const grantee = session.hasRole(...granteeRoles());
  const handler = session.hasRole(...handlerRoles());
  const views: View[] = [
    ...(handler ? (['unassigned', 'mine', 'due_soon', 'late'] as const) : []),
    ...(grantee ? (['shared'] as const) : []),
    'closed',
  ];
  return (
    <PageGate title={t('staff.queue.title')} roles={staffRoles()}>
      {() => <WorkQueue types={types} views={views} />}
    </PageGate>
  );
}
