import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { RoleGrant, RoleGrantResponse, RoleGrantsResponse } from '../../../shared/admin.ts';
import { adminPersonPath } from '../../../shared/web-paths.ts';
import { apiGet, apiPost } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Heading3, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { rolesInWords } from '../auth/labels.ts';
import { formatDateTime } from '../auth/messages.ts';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { AdminNav, Pagination } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY } from './api.ts';
import './admin.css';

/**
 * One role request (four eyes): which roles that read requests for help, for whom, asked by whom, and
 * — for a second admin — approve or turn down; the admin who asked may withdraw it.
 */
export function RoleGrantCard({
  grant,
  onDecided,
  headingLevel = 3,
}: {
  grant: RoleGrant;
  onDecided: (grant: RoleGrant, message: string) => void;
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const withStepUp = useStepUp();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const name = grant.person.displayName ?? grant.person.email;
  const mine = session.person?.id === grant.requestedBy.id;
  const Heading = headingLevel === 2 ? Heading2 : Heading3;

  async function decide(kind: 'approve' | 'reject') {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const run = () => apiPost<RoleGrantResponse>(`/api/admin/role-grants/${grant.id}/${kind}`);
      const answer = kind === 'approve' ? await withStepUp(run) : await run();
      const key = kind === 'approve' ? 'approved' : mine ? 'withdrawn' : 'rejected';
      onDecided(answer.grant, t(`admin.roleGrants.${key}`, { name }));
    } catch (error) {
      if (!(error instanceof StepUpCancelled)) setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="weerbaar-card">
      <Heading>
        <RouterLink to={adminPersonPath(grant.person.id)}>{name}</RouterLink>
      </Heading>
      <dl className="weerbaar-facts">
        <dt>{t('admin.roleGrants.roles')}</dt>
        <dd>{rolesInWords(t, grant.roles)}</dd>
        {grant.association && (
          <>
            <dt>{t('admin.roles.association')}</dt>
            <dd>{t(`identity.associations.${grant.association}`, { defaultValue: grant.association })}</dd>
          </>
        )}
        {grant.expertField && (
          <>
            <dt>{t('admin.roles.expertField')}</dt>
            <dd>{t(`identity.expertFields.${grant.expertField}`, { defaultValue: grant.expertField })}</dd>
          </>
        )}
        <dt>{t('admin.roleGrants.requestedBy')}</dt>
        <dd>
          {mine ? t('admin.roleGrants.you') : (grant.requestedBy.displayName ?? t('admin.person.noName'))},{' '}
          <time dateTime={grant.requestedAt}>{formatDateTime(grant.requestedAt)}</time>
        </dd>
        {grant.decision ? (
          <>
            <dt>{t('admin.roleGrants.decision')}</dt>
            <dd>
              {t(`admin.roleGrants.decisions.${grant.decision}`)}
              {grant.decidedBy && ` (${grant.decidedBy.displayName ?? t('admin.person.noName')})`}
              {grant.decidedAt && (
                <>
                  {', '}
                  <time dateTime={grant.decidedAt}>{formatDateTime(grant.decidedAt)}</time>
                </>
              )}
            </dd>
          </>
        ) : (
          <>
            <dt>{t('admin.roleGrants.expires')}</dt>
            <dd>
              <time dateTime={grant.expiresAt}>{formatDateTime(grant.expiresAt)}</time>
            </dd>
          </>
        )}
      </dl>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {!grant.decision && (
        <>
          {mine && <Paragraph>{t('admin.roleGrants.waitingForOther')}</Paragraph>}
          <ButtonGroup>
            {grant.mayApprove && (
              <Button appearance="primary-action-button" onClick={() => void decide('approve')}>
                {t('admin.roleGrants.approve', { name })}
              </Button>
            )}
            <Button appearance="secondary-action-button" onClick={() => void decide('reject')}>
              {mine ? t('admin.roleGrants.withdraw', { name }) : t('admin.roleGrants.reject', { name })}
            </Button>
          </ButtonGroup>
        </>
      )}
    </li>
  );
}

/** /beheer/rolverzoeken: role requests waiting for a second admin, and the ones decided. */
export function RoleGrantsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.roleGrants.title'));
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const decided = params.get('status') === 'besloten';
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const state = decided ? 'decided' : 'pending';
  const grants = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'role-grants', { state, page }],
    queryFn: ({ signal }) => apiGet<RoleGrantsResponse>(`/api/admin/role-grants?state=${state}&page=${page}`, signal),
    placeholderData: (previous) => previous,
  });
  const [status, setStatus] = useState('');

  async function decidedOne(_grant: RoleGrant, message: string) {
    setStatus(message);
    await queryClient.invalidateQueries({ queryKey: ADMIN_QUERY_KEY });
  }

  return (
    <>
      <Heading1>{t('admin.roleGrants.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('admin.roleGrants.lead')}</Paragraph>
      <StatusMessage>{status}</StatusMessage>
      <Paragraph>
        {decided ? (
          <RouterLink to="?">{t('admin.roleGrants.showPending')}</RouterLink>
        ) : (
          <RouterLink to="?status=besloten">{t('admin.roleGrants.showDecided')}</RouterLink>
        )}
      </Paragraph>
      <Heading2>{decided ? t('admin.roleGrants.decidedHeading') : t('admin.roleGrants.pendingHeading')}</Heading2>
      {grants.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {grants.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, grants.error)}</Paragraph>
        </Alert>
      )}
      {grants.data &&
        (grants.data.grants.length === 0 ? (
          <Paragraph>{decided ? t('admin.roleGrants.noneDecided') : t('admin.roleGrants.nonePending')}</Paragraph>
        ) : (
          <ul className="weerbaar-cards" aria-label={t('admin.roleGrants.title')}>
            {grants.data.grants.map((grant) => (
              <RoleGrantCard key={grant.id} grant={grant} onDecided={(g, m) => void decidedOne(g, m)} />
            ))}
          </ul>
        ))}
      {grants.data && (
        <Pagination
          page={grants.data.page}
          pageSize={grants.data.pageSize}
          total={grants.data.total}
          onPage={(next) => setParams({ ...(decided ? { status: 'besloten' } : {}), pagina: String(next) })}
        />
      )}
    </>
  );
}
