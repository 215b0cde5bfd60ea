import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { OFFICES, type Office } from '../../../shared/people.ts';
import { DJI_TRAINING_DEFAULTS, type Offering, type OfferingBody } from '../../../shared/training.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { fieldProblemsFrom } from '../../api/problems.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  CheckboxGroup,
  ErrorSummary,
  type FieldProblem,
  fieldAnchor,
  Heading1,
  Paragraph,
  StatusMessage,
  TextareaField,
  TextField,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useFormProblems } from '../auth/form.ts';
import { TRAINING_QUERY_KEY, trainingApi, useOfferings } from './api.ts';
import { officeText, trainingProblem } from './labels.ts';
import './training.css';

const IDS = {
  titleNl: 'offering-title-nl',
  titleEn: 'offering-title-en',
  provider: 'offering-provider',
  durationDays: 'offering-duration',
  audience: 'offering-audience',
  descriptionNl: 'offering-description-nl',
  descriptionEn: 'offering-description-en',
} as const;

/** /training/beheer/aanbod/nieuw and …/:offeringId: what a training is and who may enrol. */
export function OfferingFormPage() {
  const { offeringId } = useParams();
  const offerings = useOfferings();
  const { t } = useTranslation();
  if (!offeringId) return <OfferingForm initial={null} />;
  if (offerings.isPending) return <Paragraph role="status">{t('training.loading')}</Paragraph>;
  const offering = offerings.data?.find((candidate) => candidate.id === offeringId);
  if (!offering) {
    return (
      <>
        <Heading1>{t('training.offering.editTitle')}</Heading1>
        <Paragraph>{t('training.problems.not_found')}</Paragraph>
      </>
    );
  }
  return <OfferingForm key={offering.id} initial={offering} />;
}

function OfferingForm({ initial }: { initial: Offering | null }) {
  const { t } = useTranslation();
  const title = initial ? t('training.offering.editTitle') : t('training.offering.newTitle');
  usePageTitle(title);
  const navigate = useNavigate();
  const client = useQueryClient();
  const start = initial ?? DJI_TRAINING_DEFAULTS;
  const [titleNl, setTitleNl] = useState<string>(start.titleNl);
  const [titleEn, setTitleEn] = useState<string>(start.titleEn);
  const [provider, setProvider] = useState<string>(start.provider);
  const [duration, setDuration] = useState(String(start.durationDays).replace('.', ','));
  const [audience, setAudience] = useState<string[]>([...start.audience]);
  const [descriptionNl, setDescriptionNl] = useState<string>(start.descriptionNl);
  const [descriptionEn, setDescriptionEn] = useState<string>(start.descriptionEn);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useFormProblems();
  const officeChoices = OFFICES.map((value) => ({ value, label: officeText(t, value) }));

  function check(): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const required: [string, string][] = [
      [IDS.titleNl, titleNl],
      [IDS.titleEn, titleEn],
      [IDS.provider, provider],
      [IDS.descriptionNl, descriptionNl],
      [IDS.descriptionEn, descriptionEn],
    ];
    for (const [id, value] of required) {
      if (!value.trim()) problems.push({ fieldId: id, message: t('training.form.required') });
    }
    const days = Number(duration.replace(',', '.'));
    if (!Number.isFinite(days) || days < 0.5 || days > 10 || Math.round(days * 2) !== days * 2) {
      problems.push({ fieldId: IDS.durationDays, message: t('training.offering.durationInvalid') });
    }
    if (audience.length === 0) {
      problems.push({
        fieldId: fieldAnchor(IDS.audience, officeChoices),
        message: t('training.offering.audienceMissing'),
      });
    }
    return problems;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    if (!form.report(check())) return;
    const body: OfferingBody = {
      titleNl: titleNl.trim(),
      titleEn: titleEn.trim(),
      provider: provider.trim(),
      durationDays: Number(duration.replace(',', '.')),
      audience: audience as Office[],
      descriptionNl: descriptionNl.trim(),
      descriptionEn: descriptionEn.trim(),
    };
    setBusy(true);
    try {
      if (initial) await trainingApi.updateOffering(initial.id, body);
      else await trainingApi.createOffering(body);
      await client.invalidateQueries({ queryKey: TRAINING_QUERY_KEY });
      navigate(WEB_PATHS.trainingCoordination);
    } catch (error) {
      const fields = fieldProblemsFrom(t, error, {
        'body/titleNl': IDS.titleNl,
        'body/titleEn': IDS.titleEn,
        'body/provider': IDS.provider,
        'body/durationDays': IDS.durationDays,
        'body/audience': fieldAnchor(IDS.audience, officeChoices),
        'body/descriptionNl': IDS.descriptionNl,
        'body/descriptionEn': IDS.descriptionEn,
      });
      if (fields.length > 0) form.report(fields);
      else setFailure(trainingProblem(t, error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="weerbaar-training__form">
      <Heading1>{title}</Heading1>
      <Paragraph>
        <RouterLink to={WEB_PATHS.trainingCoordination}>{t('training.coordination.back')}</RouterLink>
      </Paragraph>
      {!initial && <Paragraph lead>{t('training.offering.lead')}</Paragraph>}
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <form noValidate onSubmit={(event) => void submit(event)}>
        <ErrorSummary heading={t('training.form.errorSummary')} problems={form.problems} attempt={form.attempt} />
        <TextField
          id={IDS.titleNl}
          label={t('training.offering.titleNl')}
          value={titleNl}
          onValueChange={setTitleNl}
          error={form.errorFor(IDS.titleNl)}
          required
        />
        <TextField
          id={IDS.titleEn}
          label={t('training.offering.titleEn')}
          value={titleEn}
          onValueChange={setTitleEn}
          error={form.errorFor(IDS.titleEn)}
          required
          lang="en"
        />
        <TextField
          id={IDS.provider}
          label={t('training.offering.provider')}
          value={provider}
          onValueChange={setProvider}
          error={form.errorFor(IDS.provider)}
          required
        />
        <TextField
          id={IDS.durationDays}
          label={t('training.offering.duration')}
          description={t('training.offering.durationDescription')}
          inputMode="decimal"
          value={duration}
          onValueChange={setDuration}
          error={form.errorFor(IDS.durationDays)}
          required
        />
        <CheckboxGroup
          id={IDS.audience}
          legend={t('training.offering.audience')}
          description={t('training.offering.audienceDescription')}
          choices={officeChoices}
          value={audience}
          onValueChange={setAudience}
          error={form.errorFor(fieldAnchor(IDS.audience, officeChoices))}
        />
        <TextareaField
          id={IDS.descriptionNl}
          label={t('training.offering.descriptionNl')}
          value={descriptionNl}
          onValueChange={setDescriptionNl}
          error={form.errorFor(IDS.descriptionNl)}
          required
        />
        <TextareaField
          id={IDS.descriptionEn}
          label={t('training.offering.descriptionEn')}
          value={descriptionEn}
          onValueChange={setDescriptionEn}
          error={form.errorFor(IDS.descriptionEn)}
          required
          lang="en"
        />
        <StatusMessage type="info">{busy ? t('training.form.busy') : ''}</StatusMessage>
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button">
            {t('training.form.save')}
          </Button>
        </ButtonGroup>
      </form>
    </div>
  );
}
