import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type AdminInvitation, INVITATION_STATES } from '../../../shared/admin.ts';
import { adminPersonPath } from '../../../shared/web-paths.ts';
import { apiPost } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Heading1,
  Paragraph,
  SelectField,
  StatusMessage,
  VisuallyHidden,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDateTime } from '../auth/messages.ts';
import { AdminNav, Pagination } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY, adminApi } from './api.ts';
import './admin.css';

/** Invitations by state (pending by default): revoke one, or send a new link. */
export function InvitationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.invitations.title'));
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const state = params.get('status') ?? 'pending';
  const page = Math.max(1, Number(params.get('pagina') ?? '1') || 1);
  const invitations = useQuery({
    queryKey: [...ADMIN_QUERY_KEY, 'invitations', { state, page }],
    queryFn: ({ signal }) => adminApi.invitations({ status: state, page }, signal),
    placeholderData: (previous) => previous,
  });
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<AdminInvitation | null>(null);

  const who = (invitation: AdminInvitation) => invitation.person.displayName ?? invitation.person.email;

  async function refresh() {
    await queryClient.invalidateQueries({ queryKey: ADMIN_QUERY_KEY });
  }

  async function revoke(invitation: AdminInvitation) {
    setRevoking(null);
    setFailure(null);
    try {
      await apiPost(`/api/admin/invitations/${invitation.id}/revoke`);
      setStatus(t('admin.invitations.revoked', { email: invitation.person.email }));
      await refresh();
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  async function resend(invitation: AdminInvitation) {
    setFailure(null);
    try {
      await apiPost(`/api/admin/people/${invitation.person.id}/resend-invitation`);
      setStatus(t('admin.invitations.resent', { email: invitation.person.email }));
      await refresh();
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  return (
    <>
      <Heading1>{t('admin.invitations.title')}</Heading1>
      <AdminNav />
      <Paragraph lead>{t('admin.invitations.lead')}</Paragraph>
      <SelectField
        id="invitations-state"
        label={t('admin.invitations.filter')}
        value={state}
        onValueChange={(value) => setParams(new URLSearchParams({ status: value }))}
        options={INVITATION_STATES.map((value) => ({ value, label: t(`identity.invitationStates.${value}`) }))}
      />
      <StatusMessage>{status}</StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {invitations.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
      {invitations.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, invitations.error)}</Paragraph>
        </Alert>
      )}
      {invitations.data &&
        (invitations.data.invitations.length === 0 ? (
          <Paragraph>{t('admin.invitations.none')}</Paragraph>
        ) : (
          <ul className="weerbaar-cards" aria-label={t('admin.invitations.listLabel')}>
            {invitations.data.invitations.map((invitation) => (
              <li key={invitation.id} className="weerbaar-card">
                <p>
                  <strong>
                    <RouterLink to={adminPersonPath(invitation.person.id)}>{who(invitation)}</RouterLink>
                  </strong>
                </p>
                <dl className="weerbaar-facts">
                  <dt>{t('admin.person.email')}</dt>
                  <dd>{invitation.person.email}</dd>
                  <dt>{t('admin.invitations.kind')}</dt>
                  <dd>{t(`admin.invitations.kinds.${invitation.kind}`)}</dd>
                  <dt>{t('admin.invitations.state')}</dt>
                  <dd>{t(`identity.invitationStates.${invitation.state}`)}</dd>
                  <dt>{t('admin.invitations.createdAt')}</dt>
                  <dd>{formatDateTime(invitation.createdAt)}</dd>
                  <dt>{t('admin.invitations.expiresAt')}</dt>
                  <dd>{formatDateTime(invitation.expiresAt)}</dd>
                </dl>
                {invitation.kind === 'invite' && (invitation.state === 'pending' || invitation.state === 'expired') && (
                  <ButtonGroup>
                    <Button appearance="secondary-action-button" onClick={() => void resend(invitation)}>
                      {t('admin.invitations.resend')}
                      <VisuallyHidden>{`: ${invitation.person.email}`}</VisuallyHidden>
                    </Button>
                    {invitation.state === 'pending' && (
                      <Button appearance="secondary-action-button" onClick={() => setRevoking(invitation)}>
                        {t('admin.invitations.revoke')}
                        <VisuallyHidden>{`: ${invitation.person.email}`}</VisuallyHidden>
                      </Button>
                    )}
                  </ButtonGroup>
                )}
              </li>
            ))}
          </ul>
        ))}
      {invitations.data && (
        <Pagination
          page={invitations.data.page}
          pageSize={invitations.data.pageSize}
          total={invitations.data.total}
          onPage={(next) => setParams(new URLSearchParams({ status: state, pagina: String(next) }))}
        />
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('admin.invitations.confirmTitle')}
        confirmLabel={t('admin.invitations.revoke')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && void revoke(revoking)}
      >
        <Paragraph>{t('admin.invitations.confirmBody', { email: revoking?.person.email ?? '' })}</Paragraph>
      </ConfirmDialog>
    </>
  );
}
