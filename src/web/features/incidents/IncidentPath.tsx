import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { IncidentPathStep, IncidentPath as Path } from '../../../shared/incident-path.ts';
import { incidentStepPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { apiGet } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { Heading2, Paragraph } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';

/** Where each step of the path is done: the modules' own pages, reached with this incident. */
const STEP_PAGES: Record<IncidentPathStep, (incidentId: string) => string> = {
  internal_report: (id) => incidentStepPath('incidentAangifte', id),
  police: (id) => incidentStepPath('incidentPolice', id),
  protection: (id) => incidentStepPath('incidentProtection', id),
  damages: (id) => incidentStepPath('incidentDamages', id),
  aftercare: () => WEB_PATHS.aftercare,
};

/** The day a step moved, as people in the Netherlands count days (not the UTC day). */
function dutchDay(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(
    new Date(iso),
  );
}

/** The path's query lives under the incident's key, so changing the incident (or a step) refreshes it. */
export const incidentPathKey = (incidentId: string) => ['incidents', incidentId, 'path'] as const;

/**
 * What usually comes after an incident, in order, with how far this person got and one action per step
 * (domain.md §5a–§7). Each step is done on its own page; the path only shows states, never contents.
 * Steps are suggestions: the person decides whether to take them.
 */
export function IncidentPath({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: incidentPathKey(incidentId),
    queryFn: ({ signal }) => apiGet<Path>(`/api/me/incidents/${encodeURIComponent(incidentId)}/path`, signal),
  });
  const path = query.data;
  if (!path || path.steps.length === 0) return null;
  return (
    <section aria-labelledby="incident-path-heading" className="weerbaar-incident-path">
      <Heading2 id="incident-path-heading">{t('incidents.path.heading')}</Heading2>
      <Paragraph>{t('incidents.path.lead')}</Paragraph>
      <ol className="weerbaar-incident-path__steps">
        {path.steps.map(({ step, state, since }) => {
          const isNext = path.next === step;
          return (
            <li
              key={step}
              className="weerbaar-incident-path__step"
              data-state={state}
              aria-current={isNext ? 'step' : undefined}
            >
              <p className="weerbaar-incident-path__title">
                <strong>{t(`incidents.path.steps.${step}.title`)}</strong>{' '}
                <span className="weerbaar-incident-path__state">
                  {isNext ? t('incidents.path.next') : t(`incidents.path.state.${state}`)}
                </span>
              </p>
              <Paragraph>
                {t(`incidents.path.steps.${step}.what`)}
                {since && state !== 'todo' ? ` ${t('incidents.path.since', { date: dutchDay(since) })}` : ''}
              </Paragraph>
              <Paragraph>
                <RouterLink to={STEP_PAGES[step](incidentId)}>
                  {t(`incidents.path.steps.${step}.${state === 'todo' ? 'start' : 'open'}`)}
                </RouterLink>
              </Paragraph>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
