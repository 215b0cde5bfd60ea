import { createContext, useContext } from 'react';
import { partialAnswerSetSchema } from '../../../shared/zelfscan/answers.ts';
import type { Questionnaire } from '../../../shared/zelfscan/questionnaire.ts';

/** A scan in progress or done: the answers so far and the step the person was on. */
export interface ScanState {
  version: string;
  answers: Record<string, string>;
  /** 0-based index of the category step; equal to the number of steps when finished. */
  step: number;
}

/**
 * Where a scan's answers live. For anonymous people: this browser tab only (sessionStorage), never
 * the server, never localStorage (it outlives the tab, and a shared computer would keep the answers).
 * A signed-in variant can save through the API later by providing another store.
 */
export interface ScanStore {
  load(questionnaire: Questionnaire): ScanState | null;
  save(state: ScanState): void;
  clear(): void;
}

const KEY = 'weerbaar.zelfscan';

export const sessionScanStore: ScanStore = {
  load(questionnaire) {
    try {
      const raw = window.sessionStorage.getItem(KEY);
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<ScanState>;
      // Only answers that fit the current questionnaire come back; anything else starts afresh.
      const answers = partialAnswerSetSchema(questionnaire).safeParse({
        version: parsed.version,
        answers: parsed.answers,
      });
      if (!answers.success) return null;
      const step = Number.isInteger(parsed.step)
        ? Math.min(Math.max(parsed.step ?? 0, 0), questionnaire.categories.length)
        : 0;
      return { version: questionnaire.version, answers: answers.data.answers as Record<string, string>, step };
    } catch {
      return null;
    }
  },
  save(state) {
    try {
      window.sessionStorage.setItem(KEY, JSON.stringify(state));
    } catch {
      // Storage off (private mode): the scan still works, it just does not survive a reload.
    }
  },
  clear() {
    try {
      window.sessionStorage.removeItem(KEY);
    } catch {
      // Nothing stored, nothing to clear.
    }
  },
};

export const ScanStoreContext = createContext<ScanStore>(sessionScanStore);

export function useScanStore(): ScanStore {
  return useContext(ScanStoreContext);
}
