import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { WONINGSCAN_PROBLEMS } from '../../../shared/catalogue/problems-woningscan.ts';
import type { Eligibility } from '../../../shared/woningscan-schemes.ts';
import { ApiError, apiGet, apiPatch, apiPost, apiPut } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';
import { problemMessage } from '../cases/format.ts';

/** The woningscan API's addresses (src/shared/woningscan.ts), in one place. */
export const woningscanApi = {
  eligibility: '/api/woningscan/eligibility',
  requests: '/api/woningscan/requests',
  of: (caseId: string, rest: string) => `/api/cases/${caseId}/woningscan/${rest}`,
} as const;

export function useEligibility() {
  return useQuery({
    queryKey: ['woningscan', 'eligibility'],
    queryFn: ({ signal }) => apiGet<Eligibility>(woningscanApi.eligibility, signal),
  });
}

/** One of the type's actions on a case; afterwards the case (and its lists) are fetched again. */
export function useWoningscanAction<TBody = unknown>(
  caseId: string,
  rest: string,
  method: 'POST' | 'PUT' | 'PATCH' = 'POST',
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, path }: { body?: TBody; path?: string }) => {
      const url = woningscanApi.of(caseId, path ?? rest);
      if (method === 'PUT') return apiPut<unknown>(url, body ?? {});
      if (method === 'PATCH') return apiPatch<unknown>(url, body ?? {});
      return apiPost<unknown>(url, body ?? {});
    },
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['case', caseId] }),
        client.invalidateQueries({ queryKey: ['cases'] }),
        client.invalidateQueries({ queryKey: ['queue'] }),
        client.invalidateQueries({ queryKey: ['woningscan'] }),
      ]);
    },
  });
}

/** The woningscan's own problems in the shared catalogue's words; everything else as the case pages say it. */
export function woningscanProblem(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && Object.hasOwn(WONINGSCAN_PROBLEMS, error.code)) {
    return WONINGSCAN_PROBLEMS[error.code as keyof typeof WONINGSCAN_PROBLEMS][currentLocale()];
  }
  return problemMessage(t, error);
}

/** A calendar day (YYYY-MM-DD) in words, in the page's language. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** Today in the Netherlands, as YYYY-MM-DD (date fields' minimum). */
export function dutchToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
}
