import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RELATIVE_RELATIONSHIPS,
  type Relative,
  type RelativeRelationship,
  type RelativesResponse,
} from '../../../shared/admin.ts';
import { apiDelete, apiGet, apiPost, isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
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
  RadioGroup,
  StatusMessage,
  TextField,
  VisuallyHidden,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { formatDateTime, looksLikeEmail } from '../auth/messages.ts';
import '../account/account.css';

const RELATIVES_QUERY_KEY = ['me', 'relatives'] as const;

type Action = { kind: 'revoke' | 'remove'; relative: Relative };

/** An officeholder invites a partner or family member, and sees and manages their invitations. */
export function RelativesPage() {
  const { t } = useTranslation();
  usePageTitle(t('relatives.title'));
  const queryClient = useQueryClient();
  const relatives = useQuery({
    queryKey: RELATIVES_QUERY_KEY,
    queryFn: ({ signal }) => apiGet<RelativesResponse>('/api/me/relatives', signal),
  });
  const [email, setEmail] = useState('');
  const [relationship, setRelationship] = useState<RelativeRelationship | ''>('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const form = useFormProblems();

  const refresh = () => queryClient.invalidateQueries({ queryKey: RELATIVES_QUERY_KEY });
  const nameOf = (relative: Relative) => relative.displayName ?? relative.email;

  async function invite(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    const problems = [
      ...(relationship
        ? []
        : [{ fieldId: 'relative-relationship-partner', message: t('relatives.relationshipMissing') }]),
      ...(looksLikeEmail(email) ? [] : [{ fieldId: 'relative-email', message: t('relatives.emailInvalid') }]),
    ];
    if (!form.report(problems)) return;
    setBusy(true);
    try {
      await apiPost('/api/me/relatives', { email: email.trim(), relationship });
      setStatus(t('relatives.invited', { email: email.trim() }));
      setEmail('');
      setRelationship('');
      await refresh();
    } catch (error) {
      const fields = fieldProblemsFrom(t, error, { 'body/email': 'relative-email' });
      // An address with an account answers like a new one (no enumeration); only my own relative is refused.
      if (isApiError(error, 'already_your_relative'))
        fields.push({ fieldId: 'relative-email', message: t('relatives.alreadyYours') });
      if (fields.length > 0) form.report(fields);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  async function resend(relative: Relative) {
    setFailure(null);
    try {
      await apiPost(`/api/me/relatives/${relative.id}/resend-invitation`);
      setStatus(t('relatives.resent', { email: relative.email }));
      await refresh();
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  async function confirm(current: Action) {
    setAction(null);
    setFailure(null);
    try {
      if (current.kind === 'revoke') {
        await apiPost(`/api/me/relatives/${current.relative.id}/revoke-invitation`);
        setStatus(t('relatives.revoked', { email: current.relative.email }));
      } else {
        await apiDelete(`/api/me/relatives/${current.relative.id}`);
        setStatus(t('relatives.removed', { name: nameOf(current.relative) }));
      }
      await refresh();
    } catch (error) {
      setFailure(problemMessage(t, error));
    }
  }

  function statusText(relative: Relative): string {
    if (relative.status === 'invited' && relative.invitation) {
      const state = relative.invitation.state;
      if (state === 'pending') {
        return t('relatives.status.pending', { date: formatDateTime(relative.invitation.expiresAt) });
      }
      return t(`relatives.status.invitation_${state}`);
    }
    return t(`relatives.status.${relative.status}`);
  }

  return (
    <>
      <Heading1>{t('relatives.title')}</Heading1>
      <Paragraph lead>{t('relatives.lead')}</Paragraph>
      <Paragraph>{t('relatives.what')}</Paragraph>
      <StatusMessage>{status}</StatusMessage>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}

      <section aria-labelledby="relative-invite-heading">
        <Heading2 id="relative-invite-heading">{t('relatives.inviteHeading')}</Heading2>
        <form noValidate onSubmit={(event) => void invite(event)} aria-labelledby="relative-invite-heading">
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <RadioGroup
            id="relative-relationship"
            legend={t('relatives.relationship')}
            choices={RELATIVE_RELATIONSHIPS.map((value) => ({ value, label: t(`relatives.relationships.${value}`) }))}
            value={relationship || undefined}
            onValueChange={(value) => setRelationship(value as RelativeRelationship)}
            error={form.errorFor('relative-relationship-partner')}
          />
          <TextField
            id="relative-email"
            label={t('relatives.email')}
            description={t('relatives.emailDescription')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor('relative-email')}
            required
          />
          <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('relatives.invite')}
            </Button>
          </ButtonGroup>
        </form>
      </section>

      <section aria-labelledby="relatives-list-heading">
        <Heading2 id="relatives-list-heading">{t('relatives.listHeading')}</Heading2>
        {relatives.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
        {relatives.isError && (
          <Alert type="error">
            <Paragraph>{problemMessage(t, relatives.error)}</Paragraph>
          </Alert>
        )}
        {relatives.data &&
          (relatives.data.relatives.length === 0 ? (
            <Paragraph>{t('relatives.none')}</Paragraph>
          ) : (
            <ul className="weerbaar-cards" aria-labelledby="relatives-list-heading">
              {relatives.data.relatives.map((relative) => (
                <li key={relative.id} className="weerbaar-card">
                  <p>
                    <strong>{nameOf(relative)}</strong>
                  </p>
                  <dl className="weerbaar-facts">
                    <dt>{t('relatives.relationship')}</dt>
                    <dd>{t(`relatives.relationships.${relative.relationship}`)}</dd>
                    <dt>{t('relatives.emailLabel')}</dt>
                    <dd>{relative.email}</dd>
                    <dt>{t('relatives.statusLabel')}</dt>
                    <dd>{statusText(relative)}</dd>
                  </dl>
                  <ButtonGroup>
                    {relative.status === 'invited' && (
                      <Button appearance="secondary-action-button" onClick={() => void resend(relative)}>
                        {t('relatives.resend')}
                        <VisuallyHidden>{`: ${relative.email}`}</VisuallyHidden>
                      </Button>
                    )}
                    {relative.invitation?.state === 'pending' && (
                      <Button
                        appearance="secondary-action-button"
                        onClick={() => setAction({ kind: 'revoke', relative })}
                      >
                        {t('relatives.revoke')}
                        <VisuallyHidden>{`: ${relative.email}`}</VisuallyHidden>
                      </Button>
                    )}
                    {relative.status !== 'deactivated' && (
                      <Button
                        appearance="secondary-action-button"
                        onClick={() => setAction({ kind: 'remove', relative })}
                      >
                        {t('relatives.remove')}
                        <VisuallyHidden>{`: ${nameOf(relative)}`}</VisuallyHidden>
                      </Button>
                    )}
                  </ButtonGroup>
                </li>
              ))}
            </ul>
          ))}
      </section>
      <ConfirmDialog
        open={action !== null}
        title={action?.kind === 'revoke' ? t('relatives.confirmRevokeTitle') : t('relatives.confirmRemoveTitle')}
        confirmLabel={action?.kind === 'revoke' ? t('relatives.revoke') : t('relatives.remove')}
        cancelLabel={t('auth.cancel')}
        onCancel={() => setAction(null)}
        onConfirm={() => action && void confirm(action)}
      >
        <Paragraph>
          {action?.kind === 'revoke'
            ? t('relatives.confirmRevokeBody', { email: action.relative.email })
            : t('relatives.confirmRemoveBody', { name: action ? nameOf(action.relative) : '' })}
        </Paragraph>
      </ConfirmDialog>
    </>
  );
}
