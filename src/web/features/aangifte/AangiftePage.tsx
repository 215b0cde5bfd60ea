import './aangifte.css';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { AangifteChoices } from '../../../shared/aangifte.ts';
import { incidentPath } from '../../../shared/web-paths.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Button, ButtonGroup, Heading1, Heading2, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { IncidentGate } from '../incidents/IncidentGate.tsx';
import {
  AID_STEPS,
  type AidStep,
  ChannelsStep,
  InternalStep,
  PrivacyStep,
  ReportStep,
  SheetStep,
  VptStep,
} from './AidSteps.tsx';
import { aangifteProblem, useAangifte } from './data.ts';

/**
 * /incidenten/:incidentId/aangifte — the aangifte aid: a few short steps that explain and prepare a melding
 * or aangifte, ending in the preparation sheet. Weerbaar files nothing; the page says so. The step is in
 * the address (`?stap=3`), so the browser's back button and a reload keep the place.
 */
export function AangiftePage() {
  const { t } = useTranslation();
  usePageTitle(t('aangifte.title'));
  return (
    <IncidentGate title={t('aangifte.title')}>
      <Aid />
    </IncidentGate>
  );
}

function Aid() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const query = useAangifte(incidentId);
  const back = (
    <Paragraph>
      <RouterLink to={incidentPath(incidentId)}>{t('aangifte.common.back')}</RouterLink>
    </Paragraph>
  );
  if (query.isPending) return <Paragraph role="status">{t('aangifte.common.loading')}</Paragraph>;
  if (!query.data) {
    return (
      <>
        {back}
        <Heading1>{t('aangifte.title')}</Heading1>
        <Alert type="error">
          <Paragraph>{aangifteProblem(t, query.error)}</Paragraph>
        </Alert>
      </>
    );
  }
  return (
    <>
      {back}
      <Heading1>{t('aangifte.title')}</Heading1>
      <Paragraph lead>{t('aangifte.lead')}</Paragraph>
      <Alert type="info">
        <Paragraph>{t('aangifte.notFiled')}</Paragraph>
      </Alert>
      <Steps incidentId={incidentId} choices={query.data.aangifte.choices} />
    </>
  );
}

function Steps({ incidentId, choices }: { incidentId: string; choices: AangifteChoices }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('stap'));
  const index = Number.isInteger(asked) && asked >= 1 && asked <= AID_STEPS.length ? asked - 1 : 0;
  const step = AID_STEPS[index] as AidStep;
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // After a move (not on first load), the new step's heading takes the focus, so a keyboard or screen
  // reader user continues at the top of the step.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `index` is the trigger on purpose
  useEffect(() => {
    if (moved.current) heading.current?.focus();
  }, [index]);

  const go = (to: number) => {
    moved.current = true;
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('stap', String(to + 1));
      return next;
    });
  };
  const done: Record<AidStep, boolean> = {
    report: false,
    internal: choices.internalReport !== null,
    privacy: choices.variant !== null,
    vpt: choices.vptRequested !== null,
    channels: false,
    sheet: false,
  };

  return (
    <section aria-labelledby="aid-step-heading" className="weerbaar-aid">
      <nav aria-label={t('aangifte.stepsLabel')}>
        <ol className="weerbaar-aid__steps">
          {AID_STEPS.map((name, position) => (
            <li key={name}>
              <Button
                appearance="subtle-button"
                aria-current={position === index ? 'step' : undefined}
                onClick={() => go(position)}
              >
                {position + 1}. {t(`aangifte.steps.${name}`)}
                {done[name] ? ` (${t('aangifte.done')})` : ''}
              </Button>
            </li>
          ))}
        </ol>
      </nav>
      <progress className="weerbaar-aid__progress" max={AID_STEPS.length} value={index + 1} aria-hidden="true" />
      <Heading2 id="aid-step-heading" ref={heading} tabIndex={-1}>
        {t('aangifte.progress', { step: index + 1, total: AID_STEPS.length, name: t(`aangifte.steps.${step}`) })}
      </Heading2>
      {step === 'report' && <ReportStep />}
      {step === 'internal' && <InternalStep key={step} incidentId={incidentId} choices={choices} />}
      {step === 'privacy' && <PrivacyStep key={step} incidentId={incidentId} choices={choices} />}
      {step === 'vpt' && <VptStep key={step} incidentId={incidentId} choices={choices} />}
      {step === 'channels' && <ChannelsStep />}
      {step === 'sheet' && <SheetStep incidentId={incidentId} choices={choices} />}
      <ButtonGroup className="weerbaar-aid__move">
        {index > 0 && (
          <Button appearance="secondary-action-button" onClick={() => go(index - 1)}>
            {t('aangifte.common.previous')}
          </Button>
        )}
        {index < AID_STEPS.length - 1 && (
          <Button appearance="primary-action-button" onClick={() => go(index + 1)}>
            {t('aangifte.common.next')}
          </Button>
        )}
      </ButtonGroup>
    </section>
  );
}
