import { useTranslation } from 'react-i18next';
import type { CaseType } from '../../../shared/cases.ts';
import { Alert, Heading2, Paragraph } from '../../ui/index.ts';
import { useTimeline } from './data.ts';
import { formatDateTime } from './format.ts';
import { useCaseLabels } from './labels.ts';

/** What happened, newest first, in plain sentences; staff-only events are marked as such. */
export function CaseTimeline({ caseId, type, staff }: { caseId: string; type: CaseType; staff: boolean }) {
  const { t } = useTranslation();
  const labels = useCaseLabels();
  const timeline = useTimeline(caseId);
  const events = [...(timeline.data?.events ?? [])].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <section aria-labelledby="timeline-heading">
      <Heading2 id="timeline-heading">{t('cases.timeline.heading')}</Heading2>
      {timeline.isPending && <Paragraph>{t('cases.loading')}</Paragraph>}
      {timeline.isError && (
        <Alert type="error">
          <Paragraph>{t('cases.timeline.error')}</Paragraph>
        </Alert>
      )}
      {timeline.data && events.length === 0 && <Paragraph>{t('cases.timeline.empty')}</Paragraph>}
      {events.length > 0 && (
        <ol className="weerbaar-timeline">
          {events.map((event) => {
            const details = event.details ?? {};
            const text = labels.event(type, event.kind, {
              actor: event.actorName ?? t('cases.timeline.someone'),
              from: event.fromStatus ? labels.status(type, event.fromStatus) : '',
              to: event.toStatus ? labels.status(type, event.toStatus) : '',
              outcome: typeof details.outcome === 'string' ? labels.outcome(type, details.outcome) : '',
            });
            return (
              <li key={event.id} className="weerbaar-timeline__item">
                <time dateTime={event.at} className="weerbaar-timeline__time">
                  {formatDateTime(event.at)}
                </time>
                <span className="weerbaar-timeline__text">{text}</span>
                {staff && event.visibility === 'staff' && (
                  <span className="weerbaar-staff-only">{t('cases.staffOnly')}</span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
