import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../shared/cases.ts';
import { supportDetailOf } from '../../../shared/support.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SharedZelfscanResponse } from '../../../shared/zelfscan-api.ts';
import { ApiError, apiGet } from '../../api/client.ts';
import { Alert, Heading2, Heading3, Heading4, Paragraph } from '../../ui/index.ts';
import { formatDate } from '../cases/format.ts';
import { useContentText } from '../zelfscan/content-text.ts';
import { TipList } from '../zelfscan/TipList.tsx';
import { TrafficLight } from '../zelfscan/TrafficLight.tsx';
import '../zelfscan/zelfscan.css';
import '../zelfscan/zelfscan-saved.css';

export const sharedZelfscanPath = (caseId: string) => `/api/cases/${caseId}/support/zelfscan`;

/** A calendar date (YYYY-MM-DD) in words, without a time zone shifting it a day. */
function calendarDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
}

/**
 * For the assigned confidant and the coordinator: the zelfscan result the requester chose to share
 * with their request, read-only (lights, tips, how far the action plan is). Every load is in the
 * requester's access log, so it loads once per visit. Nothing at all when nothing is shared (or the
 * requester withdrew it): the server then answers 404, and so does it for anyone else.
 */
export function SharedZelfscanResult({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  const text = useContentText();
  const shared = supportDetailOf(detail)?.zelfscan ?? null;
  const staff = detail.viewer.relations.some((relation) => relation === 'assigned' || relation === 'coordinator');
  const query = useQuery({
    queryKey: ['support-zelfscan', detail.id, shared?.sharedAt ?? null],
    queryFn: ({ signal }) => apiGet<SharedZelfscanResponse>(sharedZelfscanPath(detail.id), signal),
    enabled: shared !== null && staff,
    retry: false,
    staleTime: 10 * 60_000,
    refetchOnWindowFocus: false,
  });
  if (!shared || !staff) return null;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return null;
    return (
      <Alert type="error">
        <Paragraph>{t('zelfscanSaved.shared.failed')}</Paragraph>
      </Alert>
    );
  }
  const result = query.data?.shared?.result;
  if (!result || !query.data?.shared) return null;
  const done = result.actions.filter((action) => action.done).length;

  return (
    <section aria-labelledby="shared-zelfscan-heading" className="weerbaar-shared-zelfscan">
      <Heading2 id="shared-zelfscan-heading">{t('zelfscanSaved.shared.heading')}</Heading2>
      <Alert type="info">
        <Paragraph>
          <strong>{t('zelfscanSaved.shared.sharedOn', { date: formatDate(query.data.shared.sharedAt) })}</strong>
        </Paragraph>
        <Paragraph>{t('zelfscanSaved.shared.note')}</Paragraph>
      </Alert>
      <Paragraph>{t('zelfscanSaved.shared.takenOn', { date: formatDate(result.createdAt) })}</Paragraph>

      <Heading3>{t('zelfscanSaved.shared.categoriesHeading')}</Heading3>
      {result.categories.length === 0 ? (
        <Paragraph>{t('zelfscanSaved.shared.oldVersion')}</Paragraph>
      ) : (
        <ul className="weerbaar-categories">
          {result.categories.map((outcome) => {
            const category = questionnaire.categories.find((candidate) => candidate.id === outcome.category);
            if (!category) return null;
            return (
              <li key={outcome.category} className={`weerbaar-category weerbaar-category--${outcome.light}`}>
                <Heading4>{text(category.title)}</Heading4>
                <TrafficLight light={outcome.light} />
                <Paragraph>
                  {outcome.score === null
                    ? t('zelfscanSaved.pdf.noScore')
                    : t('zelfscanSaved.pdf.score', { score: outcome.score })}
                </Paragraph>
              </li>
            );
          })}
        </ul>
      )}

      <Heading3>{t('zelfscanSaved.shared.tipsHeading')}</Heading3>
      {result.tips.length === 0 ? (
        <Paragraph>{t('zelfscanSaved.shared.noTips')}</Paragraph>
      ) : (
        <TipList tips={result.tips} questionnaire={questionnaire} titleLevel={4} />
      )}

      {result.actions.length > 0 && (
        <>
          <Heading3>{t('zelfscanSaved.shared.planHeading')}</Heading3>
          <Paragraph>{t('zelfscanSaved.plan.progress', { done, total: result.actions.length })}</Paragraph>
          <ul className="weerbaar-action-plan weerbaar-action-plan--summary">
            {result.actions.map((action) => {
              const tip = questionnaire.tips.find((candidate) => candidate.id === action.tipId);
              if (!tip) return null;
              const status = action.done
                ? t('zelfscanSaved.pdf.status.done')
                : action.plannedFor
                  ? t('zelfscanSaved.pdf.status.planned', { date: calendarDate(action.plannedFor, i18n.language) })
                  : t('zelfscanSaved.pdf.status.open');
              return (
                <li key={action.tipId}>
                  {text(tip.title)}: <strong>{status}</strong>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
