import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedResult, SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { apiGet, apiPatch, apiPost, apiSaveFile } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { Button, ButtonGroup, Heading2, Paragraph, StatusMessage } from '../../ui/index.ts';
import { ActionPlan } from './ActionPlan.tsx';
import { DeleteSavedResult } from './DeleteSavedResult.tsx';
import { ScoreChange } from './ScoreChange.tsx';
import './zelfscan-saved.css';
import type { ScanState } from './store.ts';

export const SAVED_RESULTS_PATH = '/api/me/zelfscan/results';
export const SAVED_RESULTS_KEY = ['zelfscan', 'results'] as const;

/** "Save my result", then the action plan of the saved result and the change since the previous one. */
export function SavedResultActions({ scan }: { scan: ScanState }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [saved, setSaved] = useState<SavedResult | null>(null);
  const [deleted, setDeleted] = useState(false);
  const list = useQuery({
    queryKey: SAVED_RESULTS_KEY,
    queryFn: ({ signal }) => apiGet<{ results: SavedResultSummary[] }>(SAVED_RESULTS_PATH, signal),
  });
  const save = useMutation({
    mutationFn: () =>
      apiPost<{ result: SavedResult }>(SAVED_RESULTS_PATH, {
        questionnaireVersion: scan.version,
        answers: scan.answers,
      }),
    onSuccess: async ({ result }) => {
      setSaved(result);
      await queryClient.invalidateQueries({ queryKey: SAVED_RESULTS_KEY });
    },
  });
  const update = useMutation({
    mutationFn: (change: { tipId: string; done?: boolean; plannedFor?: string | null }) => {
      const { tipId, ...body } = change;
      return apiPatch<{ action: SavedResult['actions'][number] }>(
        `${SAVED_RESULTS_PATH}/${saved?.id}/actions/${encodeURIComponent(tipId)}`,
        body,
      );
    },
    onSuccess: ({ action }) =>
      setSaved((current) =>
        current
          ? { ...current, actions: current.actions.map((item) => (item.tipId === action.tipId ? action : item)) }
          : current,
      ),
  });

  const results = list.data?.results ?? [];
  const current = saved ? results.find((result) => result.id === saved.id) : undefined;
  const previous = current
    ? results.find((result) => result.id !== current.id && result.createdAt <= current.createdAt)
    : undefined;

  return (
    <section aria-labelledby="saved-result" className="weerbaar-no-print weerbaar-saved">
      <Heading2 id="saved-result">{t('zelfscanSaved.heading')}</Heading2>
      {saved ? (
        <>
          <StatusMessage>{t('zelfscanSaved.saved')}</StatusMessage>
          <ResultPdfDownload resultId={saved.id} />
          <DeleteSavedResult
            path={`${SAVED_RESULTS_PATH}/${saved.id}`}
            onDeleted={() => {
              setSaved(null);
              setDeleted(true);
              void queryClient.invalidateQueries({ queryKey: SAVED_RESULTS_KEY });
            }}
          />
        </>
      ) : (
        <>
          {deleted && <StatusMessage>{t('zelfscanSaved.delete.done')}</StatusMessage>}
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
          <StatusMessage type="warning">{save.isError ? t('zelfscanSaved.saveFailed') : null}</StatusMessage>
        </>
      )}
      {saved && current && previous ? <ScoreChange previous={previous} current={current} /> : null}
      {saved ? (
        <ActionPlan result={saved} failed={update.isError} onChange={(change) => update.mutate(change)} />
      ) : null}
    </section>
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
