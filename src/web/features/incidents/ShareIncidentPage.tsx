import './incidents.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { IncidentShareField } from '../../../shared/incident-share.ts';
import type { Incident } from '../../../shared/incidents.ts';
import { SUPPORT_CASE_TYPE } from '../../../shared/support.ts';
import { incidentPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  CheckboxGroup,
  ErrorSummary,
  type FieldProblem,
  Heading1,
  Heading2,
  Paragraph,
  RadioGroup,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useMyCases } from '../cases/data.ts';
import { useCaseLabels } from '../cases/labels.ts';
import { SharedIncidentView, sharedFieldValue, sharedFileLine } from '../support/SharedIncidentView.tsx';
import { formatDay, problemText, useIncident } from './data.ts';
import { IncidentGate } from './IncidentGate.tsx';
import { filledFields, type PendingIncidentShare, previewOf, useShareWithCase } from './share-data.ts';

const NEW_REQUEST = 'new';

/**
 * /incidenten/:incidentId/delen — the consent screen. The person ticks which parts and which files the
 * confidant may see (nothing is ticked beforehand), sees below exactly what the confidant will see (the
 * confidant's own view, fed with the same choice), and attaches it to an open support request of theirs
 * or goes on to a new one.
 */
export function ShareIncidentPage() {
  const { t } = useTranslation();
  usePageTitle(t('incidents.share.title'));
  return (
    <IncidentGate title={t('incidents.share.title')}>
      <ShareIncident />
    </IncidentGate>
  );
}

function ShareIncident() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const query = useIncident(incidentId);
  const incident = query.data?.incident;
  if (query.isPending) return <Paragraph role="status">{t('session.loading')}</Paragraph>;
  if (!incident) {
    return (
      <>
        <Heading1>{t('incidents.share.title')}</Heading1>
        <Alert type="error">
          <Paragraph>{problemText(t, query.error)}</Paragraph>
        </Alert>
        <Paragraph>
          <RouterLink to={WEB_PATHS.incidents}>{t('incidents.detail.back')}</RouterLink>
        </Paragraph>
      </>
    );
  }
  return <ConsentForm incident={incident} />;
}

function ConsentForm({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const labels = useCaseLabels();
  const myCases = useMyCases();
  const share = useShareWithCase(incident.id);
  const [fields, setFields] = useState<IncidentShareField[]>([]);
  const [evidenceIds, setEvidenceIds] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);

  const full = previewOf(incident, filledFields(incident), []);
  const files = incident.evidence.filter((file) => !file.deletedAt);
  const fullFiles = previewOf(
    incident,
    [],
    files.map((file) => file.id),
  ).evidence;
  const openRequests = (myCases.data?.cases ?? []).filter(
    (item) => item.type === SUPPORT_CASE_TYPE && item.closedAt === null,
  );
  const chosenTarget = target || (openRequests.length === 0 ? NEW_REQUEST : '');
  const preview = previewOf(incident, fields, evidenceIds);
  const date = formatDay(incident.occurredOn);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = new Map<string, string>();
    if (fields.length + evidenceIds.length === 0) found.set('share-fields', t('incidents.share.nothingChosen'));
    if (!chosenTarget) found.set('share-case', t('incidents.share.noCase'));
    setErrors(found);
    setAttempt((count) => count + 1);
    if (found.size > 0) return;
    // In the order the confidant reads them.
    const consent = {
      incidentId: incident.id,
      fields: filledFields(incident).filter((field) => fields.includes(field)),
      evidenceIds: files.map((file) => file.id).filter((id) => evidenceIds.includes(id)),
    };
    if (chosenTarget === NEW_REQUEST) {
      const pending: PendingIncidentShare = { consent, occurredOn: incident.occurredOn };
      navigate(WEB_PATHS.askSupport, { state: { incidentShare: pending } });
      return;
    }
    const reference = openRequests.find((item) => item.id === chosenTarget)?.reference ?? '';
    share.mutate(
      { caseId: chosenTarget, consent },
      {
        onSuccess: () =>
          navigate(incidentPath(incident.id), { state: { notice: t('incidents.share.done', { reference }) } }),
      },
    );
  };

  // Each error links to the first option of its group.
  const anchors: Record<string, string> = {
    'share-fields': `share-fields-${filledFields(incident)[0] ?? 'whatHappened'}`,
    'share-case': `share-case-${openRequests[0]?.id ?? NEW_REQUEST}`,
  };
  const problems: FieldProblem[] = [...errors].map(([field, message]) => ({
    fieldId: anchors[field] ?? field,
    message,
  }));

  return (
    <>
      <Paragraph>
        <RouterLink to={incidentPath(incident.id)}>{t('incidents.share.cancel')}</RouterLink>
      </Paragraph>
      <Heading1>{t('incidents.share.title')}</Heading1>
      <Paragraph lead>{t('incidents.share.lead')}</Paragraph>
      <form noValidate onSubmit={submit} aria-labelledby="share-form-heading" className="weerbaar-incident-share">
        <Heading2 id="share-form-heading" className="weerbaar-visually-hidden">
          {t('incidents.share.formHeading')}
        </Heading2>
        <ErrorSummary heading={t('incidents.share.errorSummary')} problems={problems} attempt={attempt} />
        <CheckboxGroup
          id="share-fields"
          legend={t('incidents.share.partsLegend')}
          description={t('incidents.share.partsHint', { date })}
          choices={filledFields(incident).map((field) => ({
            value: field,
            label: t(`incidents.share.field.${field}`),
            description: sharedFieldValue(t, full, field) ?? undefined,
          }))}
          value={fields}
          onValueChange={(value) => setFields(value as IncidentShareField[])}
          error={errors.get('share-fields')}
        />
        {files.length > 0 && (
          <CheckboxGroup
            id="share-files"
            legend={t('incidents.share.filesLegend')}
            description={t('incidents.share.filesHint')}
            choices={fullFiles.map((file) => ({
              value: file.id,
              label: file.fileName,
              description: [sharedFileLine(t, file), file.caption].filter(Boolean).join('. '),
            }))}
            value={evidenceIds}
            onValueChange={setEvidenceIds}
          />
        )}
        <RadioGroup
          id="share-case"
          legend={t('incidents.share.caseLegend')}
          choices={[
            ...openRequests.map((item) => ({
              value: item.id,
              label: t('incidents.share.caseExisting', {
                reference: item.reference,
                status: labels.status(item.type, item.status),
              }),
            })),
            { value: NEW_REQUEST, label: t('incidents.share.caseNew'), description: t('incidents.share.caseNewHint') },
          ]}
          value={chosenTarget}
          onValueChange={setTarget}
          error={errors.get('share-case')}
        />
        <section aria-labelledby="share-preview-heading" className="weerbaar-incident-share__preview">
          <Heading2 id="share-preview-heading">{t('incidents.share.previewHeading')}</Heading2>
          {fields.length + evidenceIds.length === 0 ? (
            <Paragraph>{t('incidents.share.previewEmpty')}</Paragraph>
          ) : (
            <SharedIncidentView content={preview} />
          )}
        </section>
        {share.isError && (
          <p role="alert" className="weerbaar-incident-error">
            {problemText(t, share.error)}
          </p>
        )}
        <div className="weerbaar-incident-actions">
          <Button type="submit" appearance="primary-action-button" disabled={share.isPending}>
            {chosenTarget === NEW_REQUEST ? t('incidents.share.submitNew') : t('incidents.share.submitExisting')}
          </Button>
        </div>
      </form>
    </>
  );
}
