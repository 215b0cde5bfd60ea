import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssociationRouting, AssociationRoutingResponse } from '../../../shared/association-routing.ts';
import { ASSOCIATIONS, OFFICES } from '../../../shared/people.ts';
import { apiGet, apiPut } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ErrorSummary,
  Fieldset,
  FieldsetLegend,
  Heading1,
  Paragraph,
  SelectField,
  StatusMessage,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { AdminNav } from './AdminNav.tsx';
import { ADMIN_QUERY_KEY } from './api.ts';
import './admin.css';

const URL = '/api/admin/support/association-routing';
const QUERY_KEY = [...ADMIN_QUERY_KEY, 'association-routing'] as const;
const fieldId = (office: string) => `routing-${office}`;
/** The offices' names are lower case for use in sentences; as a label they start with a capital. */
const asLabel = (text: string) => text.charAt(0).toLocaleUpperCase('nl') + text.slice(1);

/**
 * /beheer/routering-hulpvragen: which association's confidants receive a new support request, one
 * choice per office. A setting, because for some offices it is not known for certain (README).
 */
export function AssociationRoutingPage() {
  const { t } = useTranslation();
  usePageTitle(t('associationRouting.title'));
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: QUERY_KEY,
    queryFn: ({ signal }) => apiGet<AssociationRoutingResponse>(URL, signal),
  });
  // The admin's choices since the page loaded or saved; until the first change, what stands.
  const [draft, setDraft] = useState<Record<string, string> | null>(null);
  const shown: Record<string, string> | null = draft ?? current.data?.routing ?? null;
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || !shown) return;
    setFailure(null);
    setStatus('');
    form.clear();
    setBusy(true);
    try {
      const saved = await apiPut<AssociationRoutingResponse>(URL, { routing: shown as AssociationRouting });
      queryClient.setQueryData(QUERY_KEY, saved);
      setDraft(null);
      setStatus(t('associationRouting.saved'));
    } catch (error) {
      const fields = fieldProblemsFrom(
        t,
        error,
        Object.fromEntries(OFFICES.map((office) => [`body/routing/${office}`, fieldId(office)])),
        () => t('associationRouting.chooseFromList'),
      );
      if (fields.length > 0) form.report(fields);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const associationName = (association: string) =>
    t(`identity.associations.${association}`, { defaultValue: association });

  return (
    <>
      <Heading1>{t('associationRouting.title')}</Heading1>
      <AdminNav />
      <div className="weerbaar-narrow">
        <Paragraph lead>{t('associationRouting.lead')}</Paragraph>
        <Paragraph>{t('associationRouting.why')}</Paragraph>
        <Alert type="info">
          <Paragraph>{t('associationRouting.newRequestsOnly')}</Paragraph>
        </Alert>
        {current.isPending && <Paragraph role="status">{t('auth.loading')}</Paragraph>}
        {current.isError && (
          <Alert type="error">
            <Paragraph>{problemMessage(t, current.error)}</Paragraph>
          </Alert>
        )}
        {failure && (
          <Alert type="error">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
        {current.data && shown && (
          <form noValidate onSubmit={(event) => void submit(event)}>
            <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
            <Fieldset>
              <FieldsetLegend>{t('associationRouting.legend')}</FieldsetLegend>
              {OFFICES.map((office) => (
                <SelectField
                  key={office}
                  id={fieldId(office)}
                  label={asLabel(t(`identity.offices.${office}`))}
                  description={t('associationRouting.default', {
                    association: associationName(current.data.defaults[office]),
                  })}
                  value={shown[office] ?? ''}
                  error={form.errorFor(fieldId(office))}
                  onValueChange={(association) => setDraft({ ...shown, [office]: association })}
                  options={ASSOCIATIONS.map((association) => ({
                    value: association,
                    label: associationName(association),
                  }))}
                />
              ))}
            </Fieldset>
            <StatusMessage type={busy ? 'info' : 'ok'}>{busy ? t('auth.busy') : status}</StatusMessage>
            <ButtonGroup>
              <Button type="submit" appearance="primary-action-button">
                {t('associationRouting.save')}
              </Button>
            </ButtonGroup>
          </form>
        )}
      </div>
    </>
  );
}
