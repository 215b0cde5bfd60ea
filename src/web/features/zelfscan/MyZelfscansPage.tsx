import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { myZelfscanPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { formatDate } from '../../i18n/time.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Heading1, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { useContentText } from './content-text.ts';
import { ScoreTrend } from './ScoreTrend.tsx';
import { useSavedResults } from './saved-results.ts';
import { TrafficLight } from './TrafficLight.tsx';
import '../../ui/prose.css';
import './zelfscan.css';
import './zelfscan-saved.css';

/** What a page that just deleted a result tells this one. */
export interface MyZelfscansState {
  deleted?: boolean;
}

/** "Mijn zelfscans": my saved results over time, newest first, each to reopen with its action plan. */
export function MyZelfscansPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const deleted = (location.state as MyZelfscansState | null)?.deleted === true;
  usePageTitle(t('zelfscanSaved.mine.title'));
  const results = useSavedResults();

  return (
    <div className="weerbaar-prose">
      <Heading1>{t('zelfscanSaved.mine.title')}</Heading1>
      <StatusMessage>{deleted ? t('zelfscanSaved.delete.done') : null}</StatusMessage>
      <Paragraph lead>{t('zelfscanSaved.mine.intro')}</Paragraph>
      {results.isError ? (
        <StatusMessage type="warning">{t('zelfscanSaved.mine.failed')}</StatusMessage>
      ) : results.data ? (
        results.data.length === 0 ? (
          <Paragraph>{t('zelfscanSaved.mine.empty')}</Paragraph>
        ) : (
          <>
            {results.data.length > 1 ? <ScoreTrend results={results.data} /> : null}
            <section aria-labelledby="saved-results">
              <Heading2 id="saved-results">
                {t('zelfscanSaved.mine.listHeading', { count: results.data.length })}
              </Heading2>
              <ul className="weerbaar-saved-list">
                {results.data.map((result) => (
                  <SavedResultItem key={result.id} result={result} />
                ))}
              </ul>
            </section>
          </>
        )
      ) : null}
      <Paragraph>
        <RouterLink to={WEB_PATHS.zelfscan}>{t('zelfscanSaved.mine.takeScan')}</RouterLink>
      </Paragraph>
    </div>
  );
}

function SavedResultItem({ result }: { result: SavedResultSummary }) {
  const { t } = useTranslation();
  const text = useContentText();
  const date = formatDate(result.createdAt);
  return (
    <li>
      <Paragraph>
        <RouterLink to={myZelfscanPath(result.id)}>{t('zelfscanSaved.mine.itemLink', { date })}</RouterLink>
      </Paragraph>
      {result.categories.length === 0 ? (
        <Paragraph>{t('zelfscanSaved.pdf.oldVersion')}</Paragraph>
      ) : (
        <ul className="weerbaar-saved-list__lights" aria-label={t('zelfscanSaved.mine.lights', { date })}>
          {result.categories.map((outcome) => {
            const category = questionnaire.categories.find((candidate) => candidate.id === outcome.category);
            return (
              <li key={outcome.category}>
                {category ? text(category.title) : outcome.category}: <TrafficLight light={outcome.light} />
              </li>
            );
          })}
        </ul>
      )}
      <Paragraph>
        {result.tipCount === 0
          ? t('zelfscanSaved.plan.empty')
          : t('zelfscanSaved.plan.progress', { done: result.doneCount, total: result.tipCount })}
      </Paragraph>
    </li>
  );
}
