import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseGrant, GRANT_SCOPES } from '../../../shared/cases.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxGroup,
  Heading2,
  Heading3,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { ConfirmDialog } from './components/ConfirmDialog.tsx';
import { StatusRegion, useStatusMessage } from './components/StatusRegion.tsx';
import { caseApi, useCaseAction } from './data.ts';
import { formatDateTime, problemMessage } from './format.ts';

/** Scopes the requester can choose; `summary` is always part of a grant. */
const CHOOSABLE = GRANT_SCOPES.filter((scope) => scope !== 'summary');

function useGrantName() {
  const { t } = useTranslation();
  return (grant: CaseGrant) => {
    const role = grant.expertField
      ? t('cases.grants.expertIn', {
          field: t(`cases.expertField.${grant.expertField}`, { defaultValue: grant.expertField }),
        })
      : t(`cases.helperRole.${grant.kind}`);
    return grant.displayName ? `${grant.displayName} (${role})` : role;
  };
}

function ScopeList({ scopes }: { scopes: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <UnorderedList>
      {['summary', ...scopes.filter((scope) => scope !== 'summary')].map((scope) => (
        <UnorderedListItem key={scope}>{t(`cases.grants.scope.${scope}`)}</UnorderedListItem>
      ))}
    </UnorderedList>
  );
}

/** A proposal waiting for the requester: say yes (choosing what to share) or no. */
function ProposedGrant({ caseId, grant }: { caseId: string; grant: CaseGrant }) {
  const { t } = useTranslation();
  const name = useGrantName()(grant);
  const [scopes, setScopes] = useState<string[]>(grant.scopes.filter((scope) => scope !== 'summary'));
  const consent = useCaseAction<{ scopes: string[] }>(caseId, caseApi.grant(caseId, grant.id, 'consent'));
  const decline = useCaseAction<Record<string, never>>(caseId, caseApi.grant(caseId, grant.id, 'decline'));
  const failure = consent.error ?? decline.error;
  const headingId = `grant-${grant.id}`;
  return (
    <article className="weerbaar-card" aria-labelledby={headingId}>
      <Heading3 id={headingId}>{t('cases.grants.proposedHeading', { name })}</Heading3>
      <Paragraph>{t('cases.grants.proposedLead', { name })}</Paragraph>
      <CheckboxGroup
        id={`scopes-${grant.id}`}
        legend={t('cases.grants.chooseScopes', { name })}
        description={t('cases.grants.summaryAlways')}
        choices={CHOOSABLE.map((scope) => ({ value: scope, label: t(`cases.grants.scope.${scope}`) }))}
        value={scopes}
        onValueChange={setScopes}
      />
      {failure && (
        <Alert type="error" role="alert">
          <Paragraph>{problemMessage(t, failure)}</Paragraph>
        </Alert>
      )}
      <ButtonGroup>
        <Button
          appearance="primary-action-button"
          disabled={consent.isPending}
          onClick={() => consent.mutate({ scopes: ['summary', ...scopes] })}
        >
          {t('cases.grants.consent')}
        </Button>
        <Button appearance="secondary-action-button" disabled={decline.isPending} onClick={() => decline.mutate({})}>
          {t('cases.grants.decline')}
        </Button>
      </ButtonGroup>
    </article>
  );
}

/** Peers and experts: what each may see, and withdrawing consent at once (after a confirmation). */
export function CaseGrants({ caseId, grants, mayManage }: { caseId: string; grants: CaseGrant[]; mayManage: boolean }) {
  const { t } = useTranslation();
  const nameOf = useGrantName();
  const [revoking, setRevoking] = useState<CaseGrant | null>(null);
  const revoke = useCaseAction<Record<string, never>>(caseId, caseApi.grant(caseId, revoking?.id ?? '', 'revoke'));
  const status = useStatusMessage();
  const proposed = grants.filter((grant) => grant.state === 'proposed');
  const active = grants.filter((grant) => grant.state === 'active');
  const past = grants.filter((grant) => grant.state === 'revoked' || grant.state === 'declined');

  return (
    <section aria-labelledby="grants-heading">
      <Heading2 id="grants-heading" tabIndex={-1}>
        {t('cases.grants.heading')}
      </Heading2>
      <Paragraph>{t('cases.grants.lead')}</Paragraph>
      {mayManage && proposed.map((grant) => <ProposedGrant key={grant.id} caseId={caseId} grant={grant} />)}
      {active.length === 0 && proposed.length === 0 && <Paragraph>{t('cases.grants.none')}</Paragraph>}
      {active.map((grant) => {
        const name = nameOf(grant);
        return (
          <article key={grant.id} className="weerbaar-card" aria-labelledby={`grant-${grant.id}`}>
            <Heading3 id={`grant-${grant.id}`}>{name}</Heading3>
            <Paragraph>
              {t('cases.grants.activeSince', { date: grant.consentedAt ? formatDateTime(grant.consentedAt) : '' })}
            </Paragraph>
            <Paragraph>{t('cases.grants.maySee', { name })}</Paragraph>
            <ScopeList scopes={grant.scopes} />
            {mayManage && (
              <Button appearance="secondary-action-button" onClick={() => setRevoking(grant)}>
                {t('cases.grants.withdraw', { name })}
              </Button>
            )}
          </article>
        );
      })}
      {past.length > 0 && (
        <>
          <Heading3>{t('cases.grants.pastHeading')}</Heading3>
          <UnorderedList>
            {past.map((grant) => (
              <UnorderedListItem key={grant.id}>
                {t(`cases.grants.past.${grant.state}`, { name: nameOf(grant) })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={t('cases.grants.confirmTitle', { name: revoking ? nameOf(revoking) : '' })}
        confirmLabel={t('cases.grants.confirmWithdraw')}
        busy={revoke.isPending}
        error={revoke.error ? problemMessage(t, revoke.error) : null}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          revoke.mutate(
            {},
            {
              onSuccess: () => {
                status.announce(t('cases.grants.withdrawn', { name: revoking ? nameOf(revoking) : '' }));
                setRevoking(null);
                // The button that opened the dialog is gone now: continue from the section's heading.
                window.setTimeout(() => document.getElementById('grants-heading')?.focus(), 0);
              },
            },
          )
        }
      >
        <Paragraph>{t('cases.grants.confirmBody')}</Paragraph>
      </ConfirmDialog>
      <StatusRegion message={status.message} />
    </section>
  );
}
