import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  AANGIFTE_LIMITS,
  type AangifteState,
  POLICE_REPORT_KINDS,
  type PoliceReportKind,
  PRIVACY_VARIANTS,
  type PrivacyVariant,
} from '../../../shared/aangifte.ts';
import { incidentPath, incidentStepPath } from '../../../shared/web-paths.ts';
import { ApiError } from '../../api/client.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  CheckboxField,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Heading2,
  Paragraph,
  RadioGroup,
  StatusMessage,
  TextField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { formatDay, todayInNl } from '../incidents/data.ts';
import { IncidentGate } from '../incidents/IncidentGate.tsx';
import { aangifteProblem, useAangifte, useRecordPoliceReport } from './data.ts';

const UNKNOWN = 'unknown';

/**
 * /incidenten/:incidentId/politie — what happened at the police, as the person records it: melding or
 * aangifte, the day, the police reference (kept encrypted, never on the timeline), the variant used and
 * what they asked for. It goes on the incident's timeline and the dossier's cover.
 */
export function PolicePage() {
  const { t } = useTranslation();
  usePageTitle(t('aangifte.police.title'));
  return (
    <IncidentGate title={t('aangifte.police.title')}>
      <Police />
    </IncidentGate>
  );
}

function Police() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const query = useAangifte(incidentId);
  const back = (
    <Paragraph>
      <RouterLink to={incidentPath(incidentId)}>{t('aangifte.common.back')}</RouterLink>
    </Paragraph>
  );
  if (query.isPending) return <Paragraph role="status">{t('aangifte.common.loading')}</Paragraph>;
  return (
    <>
      {back}
      <Heading1>{t('aangifte.police.title')}</Heading1>
      {query.data ? (
        <>
          <Paragraph lead>{t('aangifte.police.lead')}</Paragraph>
          <PoliceForm incidentId={incidentId} state={query.data.aangifte} />
          <Earlier state={query.data.aangifte} />
          <Paragraph>
            <RouterLink to={incidentStepPath('incidentAangifte', incidentId)}>{t('aangifte.police.toAid')}</RouterLink>
          </Paragraph>
        </>
      ) : (
        <Alert type="error">
          <Paragraph>{aangifteProblem(t, query.error)}</Paragraph>
        </Alert>
      )}
    </>
  );
}

function PoliceForm({ incidentId, state }: { incidentId: string; state: AangifteState }) {
  const { t } = useTranslation();
  const record = useRecordPoliceReport(incidentId);
  const [kind, setKind] = useState<string | undefined>();
  const [reportedOn, setReportedOn] = useState(todayInNl());
  const [reference, setReference] = useState('');
  const [variant, setVariant] = useState<string>(state.choices.variant ?? UNKNOWN);
  const [vpt, setVpt] = useState(state.choices.vptRequested ?? false);
  const [updates, setUpdates] = useState(false);
  const [damages, setDamages] = useState(false);
  const [local, setLocal] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);

  const server = new Map<string, string>();
  if (record.error instanceof ApiError) {
    for (const fieldError of record.error.fieldErrors) {
      if (fieldError.field === 'body/reportedOn') server.set('police-date', t('aangifte.problem.future'));
      if (fieldError.field === 'body/policeReference') server.set('police-reference', t('aangifte.problem.reference'));
    }
  }
  const errors = new Map([...server, ...local]);
  const problems: FieldProblem[] = [...errors].map(([fieldId, message]) => ({
    fieldId: fieldId === 'police-kind' ? `police-kind-${POLICE_REPORT_KINDS[0]}` : fieldId,
    message,
  }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (!kind) found.set('police-kind', t('aangifte.police.missingKind'));
    if (!reportedOn) found.set('police-date', t('aangifte.police.missingDate'));
    setLocal(found);
    setSaved(false);
    setAttempt((count) => count + 1);
    if (found.size > 0 || !kind) return;
    record.mutate(
      {
        kind: kind as PoliceReportKind,
        reportedOn,
        policeReference: reference.trim() || null,
        variant: variant === UNKNOWN ? null : (variant as PrivacyVariant),
        vptRequested: vpt,
        wantsUpdates: updates,
        claimsDamages: damages,
      },
      {
        onSuccess: () => {
          setSaved(true);
          setKind(undefined);
          setReference('');
        },
        onError: () => setAttempt((count) => count + 1),
      },
    );
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby="police-form-heading">
      <Heading2 id="police-form-heading" className="weerbaar-visually-hidden">
        {t('aangifte.police.title')}
      </Heading2>
      <ErrorSummary heading={t('aangifte.common.errorSummary')} problems={problems} attempt={attempt} />
      <RadioGroup
        id="police-kind"
        legend={t('aangifte.police.kindLegend')}
        value={kind}
        onValueChange={setKind}
        error={errors.get('police-kind')}
        choices={POLICE_REPORT_KINDS.map((value) => ({
          value,
          label: t(`aangifte.report.${value}Title`),
        }))}
      />
      <TextField
        id="police-date"
        type="date"
        label={t('aangifte.police.reportedOn')}
        value={reportedOn}
        max={todayInNl()}
        error={errors.get('police-date')}
        onValueChange={setReportedOn}
      />
      <TextField
        id="police-reference"
        label={t('aangifte.police.reference')}
        description={t('aangifte.police.referenceHint')}
        value={reference}
        maxLength={AANGIFTE_LIMITS.policeReference}
        autoComplete="off"
        spellCheck={false}
        error={errors.get('police-reference')}
        onValueChange={setReference}
      />
      <RadioGroup
        id="police-variant"
        legend={t('aangifte.police.variantLegend')}
        value={variant}
        onValueChange={setVariant}
        choices={[
          ...PRIVACY_VARIANTS.map((value) => ({ value, label: t(`aangifte.variant.${value}.name`) })),
          { value: UNKNOWN, label: t('aangifte.police.variantUnknown') },
        ]}
      />
      <CheckboxField id="police-vpt" label={t('aangifte.police.vpt')} checked={vpt} onCheckedChange={setVpt} />
      <CheckboxField
        id="police-updates"
        label={t('aangifte.police.updates')}
        checked={updates}
        onCheckedChange={setUpdates}
      />
      <CheckboxField
        id="police-damages"
        label={t('aangifte.police.damages')}
        checked={damages}
        onCheckedChange={setDamages}
      />
      <Button type="submit" appearance="primary-action-button" disabled={record.isPending}>
        {t('aangifte.police.submit')}
      </Button>
      <StatusMessage>{saved ? t('aangifte.police.saved') : null}</StatusMessage>
      {record.isError && server.size === 0 && (
        <Alert type="error">
          <Paragraph>{aangifteProblem(t, record.error)}</Paragraph>
        </Alert>
      )}
    </form>
  );
}

function Earlier({ state }: { state: AangifteState }) {
  const { t } = useTranslation();
  if (state.reports.length === 0) return null;
  return (
    <section aria-labelledby="police-earlier">
      <Heading2 id="police-earlier">{t('aangifte.police.listHeading')}</Heading2>
      <UnorderedList>
        {state.reports.map((report) => (
          <UnorderedListItem key={report.id}>
            {t('aangifte.police.reportLine', {
              kind: t(`aangifte.report.${report.kind}Title`),
              date: formatDay(report.reportedOn),
            })}
            {report.variant ? ` · ${t(`aangifte.variant.${report.variant}.name`)}` : ''}
            {report.policeReference
              ? ` · ${t('aangifte.police.referenceLine', { reference: report.policeReference })}`
              : ''}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </section>
  );
}
