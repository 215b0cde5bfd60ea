import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { HandoverSummary } from '../../../shared/handover.ts';
import { adminHandoverPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { ButtonRouterLink } from '../../ui/ButtonRouterLink.tsx';
import {
  Alert,
  Button,
  ButtonGroup,
  Heading1,
  Heading2,
  Paragraph,
  SelectField,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { Pagination } from '../admin/AdminNav.tsx';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { HandoverNav } from './HandoverNav.tsx';
import { appointmentText, formatDay, formatMomentDay } from './labels.ts';
import '../admin/admin.css';

/** New office holders who have not yet received their package or activated their account, oldest first. */
export function HandoverListPage() {
  const { t } = useTranslation();
  usePageTitle(t('handover.list.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('zoek') ?? '';
  const view = params.get('tonen') === 'iedereen' ? 'all' : 'open';
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, view });

  const list = useQuery({
    queryKey: [...HANDOVER_QUERY_KEY, 'list', { q, view, page }],
    queryFn: ({ signal }) => handoverApi.list({ q, view, page }, signal),
    placeholderData: (previous) => previous,
  });

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('zoek', draft.q.trim());
    if (draft.view === 'all') next.set('tonen', 'iedereen');
    setParams(next);
  }

  function goTo(nextPage: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(nextPage));
    setParams(next);
  }

  return (
    <>
      <Heading1>{t('handover.list.title')}</Heading1>
      <HandoverNav />
      <Paragraph lead>{t('handover.list.lead')}</Paragraph>
      <ButtonGroup>
        <ButtonRouterLink to={WEB_PATHS.adminHandoverNew}>{t('handover.list.register')}</ButtonRouterLink>
        <ButtonRouterLink to={WEB_PATHS.adminHandoverImport} appearance="secondary-action">
          {t('handover.list.import')}
        </ButtonRouterLink>
      </ButtonGroup>
      <search aria-label={t('handover.list.searchLabel')}>
        <form onSubmit={search} className="weerbaar-search">
          <TextField
            id="handover-search"
            label={t('handover.list.search')}
            type="search"
            value={draft.q}
            onValueChange={(value) => setDraft((current) => ({ ...current, q: value }))}
          />
          <SelectField
            id="handover-view"
            label={t('handover.list.view')}
            value={draft.view}
            onValueChange={(value) => setDraft((current) => ({ ...current, view: value === 'all' ? 'all' : 'open' }))}
            options={[
              { value: 'open', label: t('handover.list.viewOpen') },
              { value: 'all', label: t('handover.list.viewAll') },
            ]}
          />
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button">
              {t('handover.list.searchButton')}
            </Button>
          </ButtonGroup>
        </form>
      </search>
      <StatusMessage type="info">{list.data ? t('handover.list.found', { count: list.data.total }) : ''}</StatusMessage>
      {list.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {list.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, list.error)}</Paragraph>
        </Alert>
      )}
      {list.data && (
        <section aria-labelledby="handover-results">
          <Heading2 id="handover-results" className="weerbaar-visually-hidden">
            {t('handover.list.results')}
          </Heading2>
          {list.data.handovers.length === 0 ? (
            <Paragraph>{t('handover.list.none')}</Paragraph>
          ) : (
            <ul className="weerbaar-cards" aria-labelledby="handover-results">
              {list.data.handovers.map((handover) => (
                <HandoverCard key={handover.id} handover={handover} />
              ))}
            </ul>
          )}
          <Pagination page={list.data.page} pageSize={list.data.pageSize} total={list.data.total} onPage={goTo} />
        </section>
      )}
    </>
  );
}

function HandoverCard({ handover }: { handover: HandoverSummary }) {
  const { t } = useTranslation();
  return (
    <li className="weerbaar-card">
      <p>
        <strong>
          <RouterLink to={adminHandoverPath(handover.id)}>{handover.name}</RouterLink>
        </strong>
      </p>
      <dl className="weerbaar-facts">
        <dt>{t('handover.detail.office')}</dt>
        <dd>{appointmentText(t, handover)}</dd>
        <dt>{t('handover.list.installation')}</dt>
        <dd>{formatDay(handover.installationDate)}</dd>
        <dt>{t('handover.list.stage')}</dt>
        <dd>
          {t(`handover.stages.${handover.stage}`)}
          {handover.personStatus === 'deactivated' ? ` (${t('handover.list.deactivated')})` : ''}
        </dd>
        <dt>{t('handover.list.handedOver')}</dt>
        <dd>
          {handover.handedOver
            ? t('handover.list.yesOn', { date: formatDay(handover.handedOver.on) })
            : t('handover.list.notYet')}
        </dd>
        <dt>{t('handover.list.activated')}</dt>
        <dd>
          {handover.activatedAt
            ? t('handover.list.yesOn', { date: formatMomentDay(handover.activatedAt) })
            : t('handover.list.notYet')}
        </dd>
      </dl>
    </li>
  );
}
