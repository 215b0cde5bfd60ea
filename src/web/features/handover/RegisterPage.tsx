import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { emailSchema } from '../../../shared/admin.ts';
import {
  HANDOVER_NAME_MAX_LENGTH,
  installationDateProblem,
  looksLikeFormula,
  OFFICE_REGION_KIND,
} from '../../../shared/handover.ts';
import { OFFICES, type Office } from '../../../shared/people.ts';
import { adminHandoverPath } from '../../../shared/web-paths.ts';
import { isApiError } from '../../api/client.ts';
import { fieldProblemsFrom, problemMessage } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxField,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Paragraph,
  SelectField,
  StatusMessage,
  TextField,
} from '../../ui/index.ts';
import { useFormProblems } from '../auth/form.ts';
import { HANDOVER_QUERY_KEY, handoverApi } from './api.ts';
import { HandoverNav } from './HandoverNav.tsx';
import { officeText, regionKindText } from './labels.ts';

export interface HandoverPageState {
  notice?: 'registered' | 'registeredMailed';
}

const FIELD_IDS = {
  name: 'handover-name',
  office: 'handover-office',
  region: 'handover-region',
  installationDate: 'handover-date',
  email: 'handover-email',
} as const;

/** Register one newly appointed office holder: the account, the invitation and the handover record. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('handover.form.title'));
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [office, setOffice] = useState<Office | ''>('');
  const [region, setRegion] = useState('');
  const [installationDate, setInstallationDate] = useState('');
  const [email, setEmail] = useState('');
  const [sendMail, setSendMail] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();
  const regions = useQuery({
    queryKey: [...HANDOVER_QUERY_KEY, 'regions'],
    queryFn: ({ signal }) => handoverApi.regions(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const kind = office ? OFFICE_REGION_KIND[office] : null;
  const suggestions = kind && regions.data ? regions.data[kind] : [];

  function check(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const trimmed = name.trim();
    if (!trimmed) problems.push({ fieldId: FIELD_IDS.name, message: t('handover.form.nameMissing') });
    else if (looksLikeFormula(trimmed))
      problems.push({ fieldId: FIELD_IDS.name, message: t('handover.form.nameFormula') });
    else if (trimmed.length > HANDOVER_NAME_MAX_LENGTH) {
      problems.push({
        fieldId: FIELD_IDS.name,
        message: t('handover.form.nameTooLong', { max: HANDOVER_NAME_MAX_LENGTH }),
      });
    }
    if (!office) problems.push({ fieldId: FIELD_IDS.office, message: t('handover.form.officeMissing') });
    if (!region.trim()) problems.push({ fieldId: FIELD_IDS.region, message: t('handover.form.regionMissing') });
    if (!installationDate) {
      problems.push({ fieldId: FIELD_IDS.installationDate, message: t('handover.form.dateMissing') });
    } else {
      const problem = installationDateProblem(installationDate);
      if (problem === 'date_invalid') {
        problems.push({ fieldId: FIELD_IDS.installationDate, message: t('handover.form.dateInvalid') });
      } else if (problem === 'date_out_of_range') {
        problems.push({ fieldId: FIELD_IDS.installationDate, message: t('handover.form.dateOutOfRange') });
      }
    }
    if (!emailSchema.safeParse(email).success) {
      problems.push({ fieldId: FIELD_IDS.email, message: t('handover.form.emailInvalid') });
    }
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!form.report(check()) || !office) return;
    setBusy(true);
    try {
      const { handover } = await handoverApi.register({
        name: name.trim(),
        office,
        region: region.trim(),
        installationDate,
        email: email.trim(),
        sendInvitationMail: sendMail,
      });
      await queryClient.invalidateQueries({ queryKey: [...HANDOVER_QUERY_KEY, 'list'] });
      const state: HandoverPageState = { notice: sendMail ? 'registeredMailed' : 'registered' };
      navigate(adminHandoverPath(handover.id), { state });
    } catch (error) {
      const fields = fieldProblemsFrom(t, error, {
        'body/name': FIELD_IDS.name,
        'body/office': FIELD_IDS.office,
        'body/installationDate': FIELD_IDS.installationDate,
        'body/email': FIELD_IDS.email,
      });
      if (isApiError(error, 'region_unknown')) {
        fields.push({ fieldId: FIELD_IDS.region, message: t('handover.form.regionUnknown') });
      } else if (isApiError(error, 'region_ambiguous')) {
        fields.push({ fieldId: FIELD_IDS.region, message: t('handover.form.regionAmbiguous') });
      } else if (isApiError(error, 'email_taken')) {
        fields.push({ fieldId: FIELD_IDS.email, message: t('handover.form.emailTaken') });
      }
      if (fields.length > 0) form.report(fields);
      else setFailure(problemMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Heading1>{t('handover.form.title')}</Heading1>
      <HandoverNav />
      <div className="weerbaar-handover-form">
        <Paragraph lead>{t('handover.form.lead')}</Paragraph>
        {failure && (
          <Alert type="error">
            <Paragraph>{failure}</Paragraph>
          </Alert>
        )}
        <form noValidate onSubmit={(event) => void submit(event)}>
          <ErrorSummary heading={t('auth.errorSummary')} problems={form.problems} attempt={form.attempt} />
          <TextField
            id={FIELD_IDS.name}
            label={t('handover.form.name')}
            autoComplete="off"
            value={name}
            onValueChange={setName}
            error={form.errorFor(FIELD_IDS.name)}
            required
          />
          <SelectField
            id={FIELD_IDS.office}
            label={t('handover.form.office')}
            value={office}
            onValueChange={(value) => setOffice(value as Office | '')}
            error={form.errorFor(FIELD_IDS.office)}
            required
            options={[
              { value: '', label: t('handover.form.chooseOffice') },
              ...OFFICES.map((value) => ({ value, label: officeText(t, value) })),
            ]}
          />
          <TextField
            id={FIELD_IDS.region}
            label={kind ? regionKindText(t, kind) : t('handover.form.region')}
            description={t('handover.form.regionDescription')}
            autoComplete="off"
            list={suggestions.length > 0 ? 'handover-region-list' : undefined}
            value={region}
            onValueChange={setRegion}
            error={form.errorFor(FIELD_IDS.region)}
            required
          />
          {suggestions.length > 0 && (
            <datalist id="handover-region-list">
              {suggestions.map((suggestion) => (
                <option key={suggestion} value={suggestion} />
              ))}
            </datalist>
          )}
          <TextField
            id={FIELD_IDS.installationDate}
            label={t('handover.form.installationDate')}
            type="date"
            value={installationDate}
            onValueChange={setInstallationDate}
            error={form.errorFor(FIELD_IDS.installationDate)}
            required
          />
          <TextField
            id={FIELD_IDS.email}
            label={t('handover.form.email')}
            description={t('handover.form.emailDescription')}
            type="email"
            autoComplete="off"
            spellCheck={false}
            value={email}
            onValueChange={setEmail}
            error={form.errorFor(FIELD_IDS.email)}
            required
          />
          <CheckboxField
            id="handover-send-mail"
            label={t('handover.form.sendMail')}
            description={t('handover.form.sendMailDescription')}
            checked={sendMail}
            onCheckedChange={setSendMail}
          />
          <StatusMessage type="info">{busy ? t('auth.busy') : ''}</StatusMessage>
          <ButtonGroup>
            <Button type="submit" appearance="primary-action-button">
              {t('handover.form.submit')}
            </Button>
          </ButtonGroup>
        </form>
      </div>
    </>
  );
}
