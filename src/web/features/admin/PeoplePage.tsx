import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { AdminPersonSummary } from '../../../shared/admin.ts';
import { PERSON_STATUSES } from '../../../shared/people.ts';
import { ROLES } from '../../../shared/roles.ts';
import { adminPersonPath, WEB_PATHS } from '../../../shared/web-paths.ts';
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
import { rolesInWords } from '../auth/labels.ts';
import { AdminNav, Pagination } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY, adminApi } from './api.ts';
import { personStatusText } from './labels.ts';
import './admin.css';

/** Everyone with an account: search by name or e-mail, filter by role and status. */
export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.people.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('zoek') ?? '';
  const role = params.get('rol') ?? '';
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const [draft, setDraft] = useState({ q, role, status });

  const people = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'people', { q, role, status, page }],
    queryFn: ({ signal }) => adminApi.people({ q, role, status, page }, signal),
    placeholderData: (previous) => previous,
  });

  function search(event: FormEvent) {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.q.trim()) next.set('zoek', draft.q.trim());
    if (draft.role) next.set('rol', draft.role);
    if (draft.status) next.set('status', draft.status);
    setParams(next);
  }

  function goTo(nextPage: number) {
    const next = new URLSearchParams(params);
    next.set('pagina', String(nextPage));
    setParams(next);
  }

  return (
    <>
      <Heading1>{t('admin.people.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('admin.people.lead')}</Paragraph>
      <ButtonGroup>
        <ButtonRouterLink to={WEB_PATHS.adminInvite}>{t('admin.people.invite')}</ButtonRouterLink>
      </ButtonGroup>
      <search aria-label={t('admin.people.searchLabel')}>
        <form onSubmit={search} className="weerbaar-search">
          <TextField
            id="people-search"
            label={t('admin.people.search')}
            type="search"
            value={draft.q}
            onValueChange={(value) => setDraft((current) => ({ ...current, q: value }))}
          />
          <SelectField
            id="people-role"
            label={t('admin.people.role')}
            value={draft.role}
            onValueChange={(value) => setDraft((current) => ({ ...current, role: value }))}
            options={[
              { value: '', label: t('admin.people.allRoles') },
              ...ROLES.map((value) => ({ value, label: t(`identity.roles.${value}`) })),
            ]}
          />
          <SelectField
            id="people-status"
            label={t('admin.people.status')}
            value={draft.status}
            onValueChange={(value) => setDraft((current) => ({ ...current, status: value }))}
            options={[
              { value: '', label: t('admin.people.allStatuses') },
              ...PERSON_STATUSES.map((value) => ({ value, label: t(`identity.statuses.${value}`) })),
            ]}
          />
          <ButtonGroup>
            <Button type="submit" appearance="secondary-action-button">
              {t('admin.people.searchButton')}
            </Button>
          </ButtonGroup>
        </form>
      </search>
      <StatusMessage type="info">
        {people.data ? t('admin.people.found', { count: people.data.total }) : ''}
      </StatusMessage>
      {people.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {people.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, people.error)}</Paragraph>
        </Alert>
      )}
      {people.data && (
        <section aria-labelledby="people-results">
          <Heading2 id="people-results" className="weerbaar-visually-hidden">
            {t('admin.people.results')}
          </Heading2>
          {people.data.people.length === 0 ? (
            <Paragraph>{t('admin.people.none')}</Paragraph>
          ) : (
            <ul className="weerbaar-cards" aria-labelledby="people-results">
              {people.data.people.map((person) => (
                <PersonCard key={person.id} person={person} />
              ))}
            </ul>
          )}
          <Pagination page={people.data.page} pageSize={people.data.pageSize} total={people.data.total} onPage={goTo} />
        </section>
      )}
    </>
  );
}

function PersonCard({ person }: { person: AdminPersonSummary }) {
  const { t } = useTranslation();
  return (
    <li className="weerbaar-card">
      <p>
        <strong>
          <RouterLink to={adminPersonPath(person.id)}>{person.displayName ?? person.email}</RouterLink>
        </strong>
      </p>
      <dl className="weerbaar-facts">
        <dt>{t('admin.person.email')}</dt>
        <dd>{person.email}</dd>
        <dt>{t('admin.person.roles')}</dt>
        <dd>{rolesInWords(t, person.roles)}</dd>
        <dt>{t('admin.person.status')}</dt>
        <dd>{personStatusText(t, person)}</dd>
      </dl>
    </li>
  );
}
