import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { ADMIN_GRANTABLE_ROLES, type AdminPerson, type AdminPersonResponse } from '../../../shared/admin.ts';
import type { Role } from '../../../shared/roles.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiGet, apiPost, apiPut } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { useSession } from '../../session/session.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  ErrorSummary,
  Heading1,
  Heading2,
  Paragraph,
  StatusMessage,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useFormProblems } from '../auth/form.ts';
import { rolesInWords } from '../auth/labels.ts';
import { formatDateTime } from '../auth/messages.ts';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { AdminNav } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY } from './api.ts';
import type { PersonPageState } from './InvitePage.tsx';
import { personStatusText } from './labels.ts';
import { checkRoleDetails, type RoleDetails, RoleFields, roleFieldIds } from './RoleFields.tsx';
import { RoleGrantCard } from './RoleGrantsPage.tsx';
import './admin.css';

type Confirm = 'deactivate' | 'reactivate' | null;

/** One person's account data (never anything from cases): roles, status, invitation. */
export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const queryClient = useQueryClient();
  const session = useSession();
  const notice = (location.state as PersonPageState | null)?.notice;
  const queryKey = [...ADMIN_QUERY_KEY, 'person', id];
  const person = useQuery({
    queryKey,
    queryFn: ({ signal }) => apiGet<AdminPersonResponse>(`/api/admin/people/${encodeURIComponent(id)}`, signal),
    retry: false,
  });
  const data = person.data?.person;
  usePageTitle(data ? (data.displayName ?? data.email) : t('admin.person.title'));
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);

  async function updated(next: AdminPerson, message: string) {
    queryClient.setQueryData(queryKey, { person: next });
    await queryClient.invalidateQueries({ queryKey: [...ADMIN_QUERY_KEY, 'people'] });
    await queryClient.invalidateQueries({ queryKey: [...ADMIN_QUERY_KEY, 'invitations'] });
    setStatus(message);
  }

  async function act(kind: 'deactivate' | 'reactivate') {
    setConfirm(null);
    setFailure(null);
    try {
      const answer = await apiPost<AdminPersonResponse>(`/api/admin/people/${encodeURIComponent(id)}/${kind}`);
      await updated(answer.person, t(`admin.person.${kind}d`));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  async function resend() {
    setFailure(null);
    try {
      await apiPost(`/api/admin/people/${encodeURIComponent(id)}/resend-invitation`);
      await queryClient.invalidateQueries({ queryKey });
      await queryClient.invalidateQueries({ queryKey: [...ADMIN_QUERY_KEY, 'invitations'] });
      setStatus(t('admin.person.resent', { email: data?.email ?? '' }));
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  if (person.isPending) {
    return (
      <>
        <Heading1>{t('admin.person.title')}</Heading1>
        <Paragraph role="status">{t('auth.loading')}</Paragraph>
      </>
    );
  }
  if (!data) {
    return (
      <>
        <Heading1>{t('admin.person.title')}</Heading1>
        <AdminNav />
        <Alert type="error">
          <Paragraph>{problemMessage(t, person.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.adminPeople}>{t('admin.person.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }

  const self = session.person?.id === data.id;
  return (
    <>
      <Heading1>{data.displayName ?? data.email}</Heading1>
      <AdminNav />
      <Paragraph>
        <RouterLink to={WEB_PATHS.adminPeople}>{t('admin.person.back')}</RouterLink>
      </Paragraph>
      <StatusMessage>
        {status ||
          (notice === 'invited'
            ? t('admin.person.invited', { email: data.email })
            : notice === 'invitedPending'
              ? t('admin.person.invitedPending', { email: data.email })
              : '')}
      </StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      {notice === 'invited' && session.localMail && (
        <Paragraph>
          {t('admin.person.localMail')} <RouterLink to={WEB_PATHS.adminOutbox}>{t('admin.nav.outbox')}</RouterLink>
        </Paragraph>
      )}
      <Heading2>{t('admin.person.detailsHeading')}</Heading2>
      <dl className="weerbaar-facts">
        <dt>{t('admin.person.name')}</dt>
        <dd>{data.displayName ?? t('admin.person.noName')}</dd>
        <dt>{t('admin.person.email')}</dt>
        <dd>{data.email}</dd>
        <dt>{t('admin.person.status')}</dt>
        <dd>{personStatusText(t, data)}</dd>
        <dt>{t('admin.person.roles')}</dt>
        <dd>{rolesInWords(t, data.roles)}</dd>
        {data.office && (
          <>
            <dt>{t('admin.roles.office')}</dt>
            <dd>{t(`identity.offices.${data.office}`, { defaultValue: data.office })}</dd>
          </>
        )}
        {data.region && (
          <>
            <dt>{t('admin.roles.region')}</dt>
            <dd>{data.region}</dd>
          </>
        )}
        {data.association && (
          <>
            <dt>{t('admin.roles.association')}</dt>
            <dd>{t(`identity.associations.${data.association}`, { defaultValue: data.association })}</dd>
          </>
        )}
        {data.expertField && (
          <>
            <dt>{t('admin.roles.expertField')}</dt>
            <dd>{t(`identity.expertFields.${data.expertField}`, { defaultValue: data.expertField })}</dd>
          </>
        )}
        <dt>{t('admin.person.createdAt')}</dt>
        <dd>{formatDateTime(data.createdAt)}</dd>
        {data.activatedAt && (
          <>
            <dt>{t('admin.person.activatedAt')}</dt>
            <dd>{formatDateTime(data.activatedAt)}</dd>
          </>
        )}
        {data.deactivatedAt && (
          <>
            <dt>{t('admin.person.deactivatedAt')}</dt>
            <dd>{formatDateTime(data.deactivatedAt)}</dd>
          </>
        )}
      </dl>
      {data.status === 'invited' && (
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => void resend()}>
            {t('admin.person.resend')}
          </Button>
        </ButtonGroup>
      )}

      {data.pendingRoleGrant && (
        <section aria-labelledby="pending-grant-heading">
          <Heading2 id="pending-grant-heading">{t('admin.person.pendingGrantHeading')}</Heading2>
          <ul className="weerbaar-cards">
            <RoleGrantCard
              grant={data.pendingRoleGrant}
              onDecided={(_grant, message) => {
                setStatus(message);
                void queryClient.invalidateQueries({ queryKey: ADMIN_QUERY_KEY });
              }}
            />
          </ul>
        </section>
      )}

      {self ? (
        <section aria-labelledby="roles-heading">
          <Heading2 id="roles-heading">{t('admin.person.rolesHeading')}</Heading2>
          <Paragraph>{t('admin.person.ownRoles')}</Paragraph>
        </section>
      ) : (
        <RolesForm
          key={`${data.roles.join(',')}:${data.pendingRoleGrant?.id ?? ''}`}
          person={data}
          onSaved={(next) =>
            void updated(next, next.pendingRoleGrant ? t('admin.person.rolesPending') : t('admin.person.rolesSaved'))
          }
        />
      )}

      <Heading2>{t('admin.person.accessHeading')}</Heading2>
      {data.status === 'deactivated' ? (
        <>
          <Paragraph>{t('admin.person.reactivateIntro')}</Paragraph>
          <ButtonGroup>
            <Button appearance="secondary-action-button" onClick={() => setConfirm('reactivate')}>
              {t('admin.person.reactivate')}
            </Button>
          </ButtonGroup>
        </>
      ) : self ? (
        <Paragraph>{t('admin.person.notYourself')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('admin.person.deactivateIntro')}</Paragraph>
          <ButtonGroup>
            <Button appearance="secondary-action-button" onClick={() => setConfirm('deactivate')}>
              {t('admin.person.deactivate')}
            </Button>
          </ButtonGroup>
        </>
      )}
      <ConfirmDialog
        open={confirm !== null}
        title={
          confirm === 'reactivate' ? t('admin.person.confirmReactivateTitle') : t('admin.person.confirmDeactivateTitle')
        }
        confirmLabel={confirm === 'reactivate' ? t('admin.person.reactivate') : t('admin.person.deactivate')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && void act(confirm)}
      >
        <Paragraph>
          {confirm === 'reactivate'
            ? t('admin.person.confirmReactivateBody', { name: data.displayName ?? data.email })
            : t('admin.person.confirmDeactivateBody', { name: data.displayName ?? data.email })}
        </Paragraph>
      </ConfirmDialog>
    </>
  );
}

function RolesForm({ person, onSaved }: { person: AdminPerson; onSaved: (person: AdminPerson) => void }) {
  const { t } = useTranslation();
  const [details, setDetails] = useState<RoleDetails>({
    roles: person.roles,
    office: person.office ?? '',
    region: person.region ?? '',
    association: person.association ?? '',
    expertField: person.expertField ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();
  const withStepUp = useStepUp();
  const roles: Role[] = person.roles.includes('relative')
    ? [...ADMIN_GRANTABLE_ROLES, 'relative']
    : ADMIN_GRANTABLE_ROLES;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    // A new confidant or expert needs an association / field; one who already has it keeps it.
    const needs = {
      ...details,
      association: details.association || (person.association ?? ''),
      expertField: details.expertField || (person.expertField ?? ''),
    };
    if (!form.report(checkRoleDetails(t, needs, 'roles', { requireDetails: true }))) return;
    setBusy(true);
    try {
      // A role that reads requests for help needs a fresh sign-in (and then a second admin).
      const answer = await withStepUp(() =>
        apiPut<AdminPersonResponse>(`/api/admin/people/${encodeURIComponent(person.id)}/roles`, {
          roles: details.roles,
          ...(details.roles.includes('confidant') && details.association ? { association: details.association } : {}),
          ...(details.roles.includes('expert') && details.expertField ? { expertField: details.expertField } : {}),
        }),
      );
      onSaved(answer.person);
    } catch (error) {
      if (error instanceof StepUpCancelled) return;
      const fields = fieldProblemsFrom(t, error, roleFieldIds('roles'));
      if (fields.length > 0) form.report(fields);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="roles-heading">
      <Heading2 id="roles-heading">{t('admin.person.rolesHeading')}</Heading2>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void save(event)} aria-labelledby="roles-heading">
        <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <RoleFields
          prefix="roles"
          value={details}
          onChange={setDetails}
          roles={roles}
          errorFor={form.errorFor}
          withOffice={false}
        />
        <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('admin.person.saveRoles')}
          </Button>
        </ButtonGroup>
      </form>
    </section>
  );
}
