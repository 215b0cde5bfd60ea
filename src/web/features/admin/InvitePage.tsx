import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ADMIN_GRANTABLE_ROLES, type AdminPersonResponse } from '../../../shared/admin.ts';
import { DISPLAY_NAME_MAX_LENGTH } from '../../../shared/auth.ts';
import { adminPersonPath } from '../../../shared/web-paths.ts';
import { apiPost, isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Paragraph,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { looksLikeEmail } from '../auth/messages.ts';
import { StepUpCancelled, useStepUp } from '../auth/StepUp.tsx';
import { AdminNav } from './AdminNav.tsx';
import {
  checkRoleDetails,
  EMPTY_ROLE_DETAILS,
  hasOffice,
  type RoleDetails,
  RoleFields,
  roleFieldIds,
} from './RoleFields.tsx';
import './admin.css';

export interface PersonPageState {
  notice?: 'invited' | 'invitedPending';
}

/** Invite someone: their e-mail address, roles and what goes with them. The link goes by mail only. */
export function InvitePage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.invite.title'));
  const navigate = useNavigate();
  const withStepUp = useStepUp();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [details, setDetails] = useState<RoleDetails>(EMPTY_ROLE_DETAILS);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems: FieldProblem[] = [];
    if (!looksLikeEmail(email)) problems.push({ fieldId: 'invite-email', message: t('admin.invite.emailInvalid') });
    if (displayName.trim().length > DISPLAY_NAME_MAX_LENGTH) {
      problems.push({ fieldId: 'invite-name', message: t('activation.nameTooLong', { max: DISPLAY_NAME_MAX_LENGTH }) });
    }
    problems.push(...checkRoleDetails(t, details, 'invite', { requireDetails: true }));
    if (!form.report(problems)) return;

    const withOffice = hasOffice(details.roles);
    const body = {
      email: email.trim(),
      ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      roles: details.roles,
      ...(withOffice && details.office ? { office: details.office } : {}),
      ...(withOffice && details.region.trim() ? { region: details.region.trim() } : {}),
      ...(details.roles.includes('confidant') && details.association ? { association: details.association } : {}),
      ...(details.roles.includes('expert') && details.expertField ? { expertField: details.expertField } : {}),
    };
    setBusy(true);
    try {
      // A role that reads requests for help needs a fresh sign-in (and then a second admin).
      const { person } = await withStepUp(() => apiPost<AdminPersonResponse>('/api/admin/people', body));
      const state: PersonPageState = { notice: person.pendingRoleGrant ? 'invitedPending' : 'invited' };
      navigate(adminPersonPath(person.id), { state });
    } catch (error) {
      if (error instanceof StepUpCancelled) return;
      const fields = fieldProblemsFrom(t, error, {
        'body/email': 'invite-email',
        'body/displayName': 'invite-name',
        ...roleFieldIds('invite'),
      });
      if (isApiError(error, 'email_taken'))
        fields.push({ fieldId: 'invite-email', message: t('admin.invite.emailTaken') });
      if (fields.length > 0) form.report(fields);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>{t('admin.invite.title')}</Heading1>
      <AdminNav />
      <div className="weerbaar-narrow">
        <Paragraph lead>{t('admin.invite.lead')}</Paragraph>
        {failure && (
          <Alert type="error">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TextField
            id="invite-email"
            label={t('admin.invite.email')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor('invite-email')}
            required
          />
          <TextField
            id="invite-name"
            label={t('admin.invite.name')}
            description={t('admin.invite.nameDescription')}
            autoComplete="off"
            value={displayName}
            onValueChange={setDisplayName}
            error={form.errorFor('invite-name')}
          />
          <RoleFields
            prefix="invite"
            value={details}
            onChange={setDetails}
            roles={ADMIN_GRANTABLE_ROLES}
            errorFor={form.errorFor}
            withOffice
          />
          <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('admin.invite.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </div>
    </>
  );
}
