import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CaseDetail, GRANT_SCOPES } from '../../../shared/cases.ts';
import {
  Alert,
  Button,
  CheckboxGroup,
  Heading2,
  Paragraph,
  RadioGroup,
  SelectField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from '../cases/components/StatusRegion.tsx';
import { caseApi, useCaseAction } from '../cases/data.ts';
import { problemMessage } from '../cases/format.ts';
import { useStaffDirectory } from './staff-directory.ts';

/** Staff propose letting a peer or an expert in; the requester decides, and can withdraw at any time. */
export function ProposeGrant({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'peer' | 'expert'>('peer');
  const [personId, setPersonId] = useState('');
  const [scopes, setScopes] = useState<string[]>(['intake']);
  const [error, setError] = useState<string | undefined>();
  const people = useStaffDirectory(kind, true);
  const propose = useCaseAction<{ personId: string; scopes: string[] }>(detail.id, caseApi.grants(detail.id));
  const status = useStatusMessage();
  const grants = detail.grants ?? [];

  return (
    <section aria-labelledby="propose-heading">
      <Heading2 id="propose-heading">{t('support.grants.heading')}</Heading2>
      <Paragraph>{t('support.grants.lead')}</Paragraph>
      {grants.length > 0 && (
        <UnorderedList>
          {grants.map((grant) => (
            <UnorderedListItem key={grant.id}>
              {t(`support.grants.state.${grant.state}`, {
                name: grant.displayName ?? t(`cases.helperRole.${grant.kind}`),
                scopes: grant.scopes.map((scope) => t(`cases.grants.scopeShort.${scope}`)).join(', '),
              })}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!personId) {
            setError(t('support.grants.personMissing'));
            document.getElementById('grant-person')?.focus();
            return;
          }
          setError(undefined);
          propose.mutate(
            { personId, scopes: ['summary', ...scopes] },
            {
              onSuccess: () => {
                setPersonId('');
                status.announce(t('support.grants.proposed'));
              },
            },
          );
        }}
      >
        <RadioGroup
          id="grant-kind"
          legend={t('support.grants.kind')}
          choices={(['peer', 'expert'] as const).map((value) => ({ value, label: t(`cases.helperRole.${value}`) }))}
          value={kind}
          onValueChange={(value) => {
            setKind(value as 'peer' | 'expert');
            setPersonId('');
          }}
        />
        <SelectField
          id="grant-person"
          label={t('support.grants.person')}
          value={personId}
          onValueChange={setPersonId}
          error={error}
          placeholder={t('staff.actions.choosePerson')}
          options={(people.data?.people ?? []).map((person) => ({
            value: person.personId,
            label: [
              person.displayName ?? t('cases.summary.unnamed'),
              person.expertField
                ? t(`cases.expertField.${person.expertField}`, { defaultValue: person.expertField })
                : null,
              person.region,
            ]
              .filter(Boolean)
              .join(' — '),
          }))}
        />
        <CheckboxGroup
          id="grant-scopes"
          legend={t('support.grants.scopes')}
          description={t('cases.grants.summaryAlways')}
          choices={GRANT_SCOPES.filter((scope) => scope !== 'summary').map((scope) => ({
            value: scope,
            label: t(`cases.grants.scope.${scope}`),
          }))}
          value={scopes}
          onValueChange={setScopes}
        />
        {propose.isError && (
          <Alert type="error" role="alert">
            <Paragraph>{problemMessage(t, propose.error)}</Paragraph>
          </Alert>
        )}
        <Button type="submit" appearance="secondary-action-button" disabled={propose.isPending}>
          {t('support.grants.propose')}
        </Button>
      </form>
      <StatusRegion message={status.message} />
    </section>
  );
}
