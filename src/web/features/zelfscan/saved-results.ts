import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ActionState, SavedResult, SavedResultSummary } from '../../../shared/zelfscan-api.ts';
import { ApiError, apiDelete, apiGet, apiPatch, apiPost } from '../../api/client.ts';
import type { ScanState } from './store.ts';

/** The saved results' API (src/server/modules/zelfscan/routes.ts) and the queries the pages share. */
export const SAVED_RESULTS_PATH = '/api/me/zelfscan/results';
export const SAVED_RESULTS_KEY = ['zelfscan', 'results'] as const;
const resultKey = (id: string) => ['zelfscan', 'result', id] as const;

export function useSavedResults() {
  return useQuery({
    queryKey: SAVED_RESULTS_KEY,
    queryFn: ({ signal }) => apiGet<{ results: SavedResultSummary[] }>(SAVED_RESULTS_PATH, signal),
    select: (data) => data.results,
  });
}

export function useSavedResult(id: string | null) {
  return useQuery({
    queryKey: resultKey(id ?? ''),
    queryFn: ({ signal }) => apiGet<{ result: SavedResult }>(`${SAVED_RESULTS_PATH}/${id}`, signal),
    select: (data) => data.result,
    enabled: id !== null,
    // A deleted result answers 404: no point asking again.
    retry: (count, error) => !(error instanceof ApiError && error.status === 404) && count < 2,
  });
}

/** The result saved before this one, from the list (newest first), for the change since then. */
export function previousOf(results: readonly SavedResultSummary[], id: string): SavedResultSummary | undefined {
  const index = results.findIndex((result) => result.id === id);
  return index < 0 ? undefined : results[index + 1];
}

/** Ticks off or plans one action; the saved result in the cache follows the server's answer. */
export function useUpdateAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tipId, ...body }: { tipId: string; done?: boolean; plannedFor?: string | null }) =>
      apiPatch<{ action: ActionState }>(`${SAVED_RESULTS_PATH}/${id}/actions/${encodeURIComponent(tipId)}`, body),
    onSuccess: ({ action }) => {
      queryClient.setQueryData<{ result: SavedResult }>(resultKey(id), (current) =>
        current
          ? {
              result: {
                ...current.result,
                actions: current.result.actions.map((item) => (item.tipId === action.tipId ? action : item)),
              },
            }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: SAVED_RESULTS_KEY });
    },
  });
}

export function useDeleteResult() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiDelete<void>(`${SAVED_RESULTS_PATH}/${id}`),
    onSuccess: async (_nothing, id) => {
      forgetSaved(queryClient, id);
      queryClient.removeQueries({ queryKey: resultKey(id) });
      await queryClient.invalidateQueries({ queryKey: SAVED_RESULTS_KEY });
    },
  });
}

/**
 * Which saved result the scan in this tab became. Kept in the tab's session storage next to the answers
 * (an id only, never content), so a reload of the result page shows the saved result and its plan
 * instead of offering to save the same answers again. Tied to the answers: changed answers are a new scan.
 */
const REMEMBERED_KEY = 'weerbaar.zelfscan.saved';
const rememberedQueryKey = (scan: ScanState) => ['zelfscan', 'remembered', answersKey(scan)] as const;

function answersKey(scan: ScanState): string {
  return JSON.stringify(
    Object.keys(scan.answers)
      .sort()
      .map((question) => [question, scan.answers[question]]),
  );
}

function readRemembered(scan: ScanState): string | null {
  try {
    const raw = window.sessionStorage.getItem(REMEMBERED_KEY);
    if (!raw) return null;
    const stored = JSON.parse(raw) as { answers?: unknown; id?: unknown };
    return stored.answers === answersKey(scan) && typeof stored.id === 'string' ? stored.id : null;
  } catch {
    return null;
  }
}

function writeRemembered(value: { answers: string; id: string } | null) {
  try {
    if (value) window.sessionStorage.setItem(REMEMBERED_KEY, JSON.stringify(value));
    else window.sessionStorage.removeItem(REMEMBERED_KEY);
  } catch {
    // Storage off (private mode): the result is saved all the same, the page just forgets it on reload.
  }
}

function forgetSaved(queryClient: QueryClient, id: string) {
  try {
    const raw = window.sessionStorage.getItem(REMEMBERED_KEY);
    if (raw && (JSON.parse(raw) as { id?: unknown }).id === id) writeRemembered(null);
  } catch {
    writeRemembered(null);
  }
  queryClient.removeQueries({ queryKey: ['zelfscan', 'remembered'] });
}

/**
 * The saved result of the scan in this tab, if it was saved: its id (null when not saved), the result
 * once loaded, and `save` for the first time. Shared by the note at the top and the plan below.
 */
export function useSavedScan(scan: ScanState) {
  const queryClient = useQueryClient();
  const remembered = useQuery({
    queryKey: rememberedQueryKey(scan),
    queryFn: () => readRemembered(scan),
    staleTime: Number.POSITIVE_INFINITY,
  });
  const savedId = remembered.data ?? null;
  const result = useSavedResult(savedId);
  const gone = result.error instanceof ApiError && result.error.status === 404;
  const save = useMutation({
    mutationFn: () =>
      apiPost<{ result: SavedResult }>(SAVED_RESULTS_PATH, {
        questionnaireVersion: scan.version,
        answers: scan.answers,
      }),
    onSuccess: async ({ result: saved }) => {
      writeRemembered({ answers: answersKey(scan), id: saved.id });
      queryClient.setQueryData(resultKey(saved.id), { result: saved });
      queryClient.setQueryData(rememberedQueryKey(scan), saved.id);
      await queryClient.invalidateQueries({ queryKey: SAVED_RESULTS_KEY });
    },
  });
  return { savedId: gone ? null : savedId, result, save, checking: remembered.isPending };
}
