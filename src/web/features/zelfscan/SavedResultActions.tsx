import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { myZelfscanPath, WEB_PATHS } from '../../../shared/web-paths.ts';
import type { SavedResult } from '../../../shared/zelfscan-api.ts';
import { apiSaveFile } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { Button, ButtonGroup, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { ActionPlan } from './ActionPlan.tsx';
import { DeleteSavedResult } from './DeleteSavedResult.tsx';
import { ScoreChange } from './ScoreChange.tsx';
import { previousOf, SAVED_RESULTS_PATH, useSavedResults, useSavedScan, useUpdateAction } from './saved-results.ts';
import type { ScanState } from './store.ts';
import './zelfscan-saved.css';

/**
 * Where the result page says where this result lives: in this tab only until it is saved, then in
 * "Mijn zelfscans". Replaces the anonymous page's note for those who can save.
 */
export function SavedResultNote({ scan }: { scan: ScanState }) {
  const { t } = useTranslation();
  const { savedId } = useSavedScan(scan);
  if (!savedId) return <Paragraph className="weerbaar-no-print">{t('zelfscan.result.privacyNote')}</Paragraph>;
  return (
    <Paragraph className="weerbaar-no-print">
      {t('zelfscanSaved.savedNote')} <RouterLink to={WEB_PATHS.myZelfscans}>{t('zelfscanSaved.mine.link')}</RouterLink>.
    </Paragraph>
  );
}

/**
 * "Save my result", then the action plan of the saved result and the change since the previous one.
 * After a reload the saved result comes back (the tab remembers which one it became), with its plan.
 */
export function SavedResultActions({ scan }: { scan: ScanState }) {
  const { t } = useTranslation();
  const { savedId, result, save, checking } = useSavedScan(scan);
  const [deleted, setDeleted] = useState(false);

  if (checking || (savedId && result.isPending)) return null;
  return (
    <section aria-labelledby="saved-result" className="weerbaar-no-print weerbaar-saved">
      <Heading2 id="saved-result">{t('zelfscanSaved.heading')}</Heading2>
      {savedId && result.data ? (
        <>
          <StatusMessage>{save.isSuccess ? t('zelfscanSaved.saved') : null}</StatusMessage>
          <Paragraph>
            <RouterLink to={myZelfscanPath(savedId)}>{t('zelfscanSaved.mine.openThis')}</RouterLink>
          </Paragraph>
          <ResultPdfDownload resultId={savedId} />
          <SavedResultWork result={result.data} />
          <DeleteSavedResult resultId={savedId} onDeleted={() => setDeleted(true)} />
        </>
      ) : (
        <>
          {deleted && <StatusMessage>{t('zelfscanSaved.deleteSaved.done')}</StatusMessage>}
          <Paragraph>{t('zelfscanSaved.intro')}</Paragraph>
          <ButtonGroup>
            <Button
              appearance="primary-action-button"
              busy={save.isPending}
              onClick={() => {
                setDeleted(false);
                save.mutate();
              }}
            >
              {t('zelfscanSaved.save')}
            </Button>
          </ButtonGroup>
          <StatusMessage type="warning">
            {save.isError || result.isError ? t('zelfscanSaved.saveFailed') : null}
          </StatusMessage>
        </>
      )}
    </section>
  );
}

/** The change since the result before this one (when there is one) and the action plan to work on. */
export function SavedResultWork({ result }: { result: SavedResult }) {
  const list = useSavedResults();
  const update = useUpdateAction(result.id);
  const results = list.data ?? [];
  const current = results.find((item) => item.id === result.id);
  const previous = previousOf(results, result.id);
  return (
    <>
      {current && previous ? <ScoreChange previous={previous} current={current} /> : null}
      <ActionPlan result={result} failed={update.isError} onChange={(change) => update.mutate(change)} />
    </>
  );
}

/** The saved result as a PDF from the server, in the language the page is in: to keep or print. */
export function ResultPdfDownload({ resultId }: { resultId: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = () => {
    if (busy) return;
    setBusy(true);
    setFailed(false);
    const locale = currentLocale();
    apiSaveFile(`${SAVED_RESULTS_PATH}/${resultId}/pdf?lang=${locale}`, { fallbackName: `zelfscan-${locale}.pdf` })
      .catch(() => setFailed(true))
      .finally(() => setBusy(false));
  };
  return (
    <div className="weerbaar-saved__pdf">
      <Paragraph>{t('zelfscanSaved.pdf.downloadHint')}</Paragraph>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={busy} onClick={download}>
          {t('zelfscanSaved.pdf.download')}
        </Button>
      </ButtonGroup>
      <StatusMessage type={failed ? 'warning' : 'info'}>
        {failed ? t('zelfscanSaved.pdf.failed') : busy ? t('zelfscanSaved.pdf.downloading') : null}
      </StatusMessage>
    </div>
  );
}
