import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  AANGIFTE_INTERNAL_REPORT_TO,
  type AangifteChoices,
  type AangifteChoicesInput,
  PRIVACY_VARIANTS,
} from '../../../shared/aangifte.ts';
import { incidentStepPath } from '../../../shared/web-paths.ts';
import {
  Alert,
  Button,
  Heading3,
  Paragraph,
  RadioGroup,
  StatusMessage,
  TextField,
  UnorderedList,
  UnorderedListItem,
} from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { todayInNl } from '../incidents/data.ts';
import { aangifteProblem, downloadSheet, useSaveChoices } from './data.ts';

/** The steps of the aangifte aid, in order; each is one short screen (domain.md §5a–§5d). */
export const AID_STEPS = ['report', 'internal', 'privacy', 'vpt', 'channels', 'sheet'] as const;
export type AidStep = (typeof AID_STEPS)[number];

interface StepProps {
  incidentId: string;
  choices: AangifteChoices;
}

/** Melding or aangifte, and the collectieve norm. */
export function ReportStep() {
  const { t } = useTranslation();
  return (
    <>
      <Paragraph>{t('aangifte.report.norm')}</Paragraph>
      <Heading3>{t('aangifte.report.meldingTitle')}</Heading3>
      <Paragraph>{t('aangifte.report.melding')}</Paragraph>
      <Heading3>{t('aangifte.report.aangifteTitle')}</Heading3>
      <Paragraph>{t('aangifte.report.aangifte')}</Paragraph>
      <Paragraph>{t('aangifte.report.anonymous')}</Paragraph>
    </>
  );
}

/** A choice saved with its own button; the answer and any problem are announced. */
function useSave(incidentId: string) {
  const { t } = useTranslation();
  const save = useSaveChoices(incidentId);
  const [saved, setSaved] = useState(false);
  return {
    pending: save.isPending,
    run: (input: AangifteChoicesInput) => {
      setSaved(false);
      save.mutate(input, { onSuccess: () => setSaved(true) });
    },
    feedback: (
      <>
        <StatusMessage>{saved ? t('aangifte.common.saved') : null}</StatusMessage>
        {save.isError && (
          <Alert type="error">
            <Paragraph>{aangifteProblem(t, save.error)}</Paragraph>
          </Alert>
        )}
      </>
    ),
  };
}

/** The internal report first: the person marks to whom and when (or not yet). */
export function InternalStep({ incidentId, choices }: StepProps) {
  const { t } = useTranslation();
  const save = useSave(incidentId);
  const [to, setTo] = useState<string>(choices.internalReport?.to ?? 'not_yet');
  const [on, setOn] = useState(choices.internalReport?.on ?? todayInNl());
  const [error, setError] = useState<string | undefined>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (to !== 'not_yet' && !on) {
      setError(t('aangifte.internal.missingOn'));
      return;
    }
    setError(undefined);
    save.run({
      internalReport: to === 'not_yet' ? null : { to: to as (typeof AANGIFTE_INTERNAL_REPORT_TO)[number], on },
    });
  };
  return (
    <>
      <Paragraph>{t('aangifte.internal.body')}</Paragraph>
      <form noValidate onSubmit={submit}>
        <RadioGroup
          id="aid-internal"
          legend={t('aangifte.internal.legend')}
          value={to}
          onValueChange={setTo}
          choices={[
            { value: 'not_yet', label: t('aangifte.internal.notYet') },
            ...AANGIFTE_INTERNAL_REPORT_TO.map((value) => ({
              value,
              label: t(`aangifte.internalReportTo.${value}`),
            })),
          ]}
        />
        {to !== 'not_yet' && (
          <TextField
            id="aid-internal-on"
            type="date"
            label={t('aangifte.internal.on')}
            value={on}
            max={todayInNl()}
            error={error}
            onValueChange={setOn}
          />
        )}
        <Button type="submit" appearance="primary-action-button" disabled={save.pending}>
          {t('aangifte.common.save')}
        </Button>
      </form>
      {save.feedback}
    </>
  );
}

/** The five privacy variants, exactly as domain.md §5c has them, with who decides and the limits. */
export function PrivacyStep({ incidentId, choices }: StepProps) {
  const { t } = useTranslation();
  const save = useSave(incidentId);
  const [variant, setVariant] = useState<string | undefined>(choices.variant ?? undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ variant: (variant as AangifteChoices['variant']) ?? null });
  };
  return (
    <>
      <Paragraph>{t('aangifte.privacy.body')}</Paragraph>
      <form noValidate onSubmit={submit}>
        <RadioGroup
          id="aid-variant"
          legend={t('aangifte.privacy.legend')}
          description={t('aangifte.privacy.unsure')}
          value={variant}
          onValueChange={setVariant}
          choices={PRIVACY_VARIANTS.map((value) => ({
            value,
            label: t(`aangifte.variant.${value}.name`),
            description: (
              <>
                {t(`aangifte.variant.${value}.what`)}{' '}
                {t('aangifte.privacy.who', { who: t(`aangifte.variant.${value}.who`) })}
                {value === 'onder_nummer' && <strong> {t('aangifte.variant.onder_nummer.limits')}</strong>}
              </>
            ),
          }))}
        />
        <Paragraph>{t('aangifte.privacy.employer')}</Paragraph>
        <Button type="submit" appearance="primary-action-button" disabled={save.pending}>
          {t('aangifte.common.save')}
        </Button>
      </form>
      {save.feedback}
    </>
  );
}

/** The VPT code: what to ask for and why. */
export function VptStep({ incidentId, choices }: StepProps) {
  const { t } = useTranslation();
  const save = useSave(incidentId);
  const [answer, setAnswer] = useState<string | undefined>(
    choices.vptRequested === null ? undefined : choices.vptRequested ? 'yes' : 'no',
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ vptRequested: answer === undefined ? null : answer === 'yes' });
  };
  return (
    <>
      <Paragraph>{t('aangifte.vpt.body')}</Paragraph>
      <Paragraph>{t('aangifte.vpt.why')}</Paragraph>
      <Paragraph>{t('aangifte.vpt.unverified')}</Paragraph>
      <form noValidate onSubmit={submit}>
        <RadioGroup
          id="aid-vpt"
          legend={t('aangifte.vpt.legend')}
          value={answer}
          onValueChange={setAnswer}
          choices={[
            { value: 'yes', label: t('aangifte.vpt.yes') },
            { value: 'no', label: t('aangifte.vpt.no') },
          ]}
        />
        <Button type="submit" appearance="primary-action-button" disabled={save.pending}>
          {t('aangifte.common.save')}
        </Button>
      </form>
      {save.feedback}
    </>
  );
}

/** How to reach the police; not online for threats. */
export function ChannelsStep() {
  const { t } = useTranslation();
  return (
    <>
      <UnorderedList>
        <UnorderedListItem>{t('aangifte.channels.phone')}</UnorderedListItem>
        <UnorderedListItem>{t('aangifte.channels.appointment')}</UnorderedListItem>
        <UnorderedListItem>{t('aangifte.channels.home')}</UnorderedListItem>
      </UnorderedList>
      <Paragraph>{t('aangifte.channels.online')}</Paragraph>
      <Paragraph>
        <strong>{t('aangifte.channels.acute')}</strong>
      </Paragraph>
    </>
  );
}

/** The preparation sheet, and on to recording what happened at the police. */
export function SheetStep({ incidentId }: StepProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<{ name?: string; error?: unknown; busy: boolean }>({ busy: false });
  const download = () => {
    setState({ busy: true });
    downloadSheet(incidentId).then(
      (name) => setState({ name, busy: false }),
      (error: unknown) => setState({ error, busy: false }),
    );
  };
  return (
    <>
      <Paragraph>{t('aangifte.sheetStep.body')}</Paragraph>
      <Button appearance="primary-action-button" onClick={download} disabled={state.busy}>
        {t('aangifte.sheetStep.download')}
      </Button>
      <StatusMessage>{state.name ? t('aangifte.sheetStep.downloaded', { name: state.name }) : null}</StatusMessage>
      {state.error !== undefined && (
        <Alert type="error">
          <Paragraph>{aangifteProblem(t, state.error)}</Paragraph>
        </Alert>
      )}
      <Heading3>{t('aangifte.sheetStep.after')}</Heading3>
      <Paragraph>
        <RouterLink to={incidentStepPath('incidentPolice', incidentId)}>{t('aangifte.sheetStep.record')}</RouterLink>
      </Paragraph>
    </>
  );
}
