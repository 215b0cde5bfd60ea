import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type {
  AftercareAnswers,
  AftercareAnswersView,
  AftercareCheckIn,
  AftercareConsentVia,
  AftercareEndReason,
  AftercareReferralOption,
  AftercareRequest,
  AftercareStaffPlan,
  AftercareStep,
  AftercareStepInput,
  MyAftercare,
} from '../../../shared/aftercare.ts';
import type { MyCase } from '../../../shared/cases.ts';
import { ApiError, apiGet, apiPatch, apiPost, apiPut } from '../../api/client.ts';
import { currentLocale } from '../../i18n/index.ts';

/** Typed calls and queries of the aftercare pages, through the one transport (src/shared/aftercare.ts). */

const BASE = '/api/aftercare';
const id = encodeURIComponent;

export const AFTERCARE_KEYS = {
  mine: ['aftercare', 'me'] as const,
  staff: (caseId: string) => ['aftercare', 'case', caseId] as const,
  answers: (checkInId: string) => ['aftercare', 'answers', checkInId] as const,
  myCases: ['cases', 'mine'] as const,
};

/** No retry on a 4xx: a 404 means "not yours" or "not there", and asking again changes nothing. */
const retry = (count: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && count < 2;

// ------------------------------------------------------------------------------------------------
// The person and their relatives: /nazorg
// ------------------------------------------------------------------------------------------------

export function useMyAftercare() {
  return useQuery({
    queryKey: AFTERCARE_KEYS.mine,
    queryFn: ({ signal }) => apiGet<MyAftercare>(`${BASE}/me`, signal),
    retry,
  });
}

/** My own support cases, for attaching a request for aftercare to one of them. */
export function useMyCases() {
  return useQuery({
    queryKey: AFTERCARE_KEYS.myCases,
    queryFn: ({ signal }) => apiGet<{ cases: MyCase[] }>('/api/me/cases', signal),
    retry,
  });
}

function useRefreshMine() {
  const client = useQueryClient();
  return (data?: MyAftercare) => {
    if (data) client.setQueryData(AFTERCARE_KEYS.mine, data);
    else void client.invalidateQueries({ queryKey: AFTERCARE_KEYS.mine });
  };
}

export function useAnswerCheckIn() {
  const refresh = useRefreshMine();
  return useMutation({
    mutationFn: ({ checkInId, answers }: { checkInId: string; answers: AftercareAnswers }) =>
      apiPost<{
        checkIn: AftercareCheckIn;
        referralSuggested: { options: AftercareReferralOption[] } | null;
      }>(`${BASE}/check-ins/${id(checkInId)}/answers`, answers),
    onSuccess: () => refresh(),
  });
}

export function useSetRelatives(planId: string) {
  const refresh = useRefreshMine();
  return useMutation({
    mutationFn: (relativeIds: string[]) =>
      apiPut<MyAftercare>(`${BASE}/plans/${id(planId)}/relatives`, { relativeIds }),
    onSuccess: (data) => refresh(data),
  });
}

export function useSetSharing(planId: string) {
  const refresh = useRefreshMine();
  return useMutation({
    mutationFn: (shareAnswersWithPerson: boolean) =>
      apiPut<MyAftercare>(`${BASE}/plans/${id(planId)}/sharing`, { shareAnswersWithPerson }),
    onSuccess: (data) => refresh(data),
  });
}

export function useAskForAftercare() {
  const refresh = useRefreshMine();
  return useMutation({
    mutationFn: (request: AftercareRequest) =>
      apiPost<{ planId: string; caseId: string; reference: string; status: string }>(`${BASE}/requests`, request),
    onSuccess: () => refresh(),
  });
}

// ------------------------------------------------------------------------------------------------
// Both sides
// ------------------------------------------------------------------------------------------------

/** One check-in's answers, fetched only when asked for: each look by someone else is audited. */
export function useCheckInAnswers(checkInId: string, enabled: boolean) {
  return useQuery({
    queryKey: AFTERCARE_KEYS.answers(checkInId),
    queryFn: ({ signal }) => apiGet<AftercareAnswersView>(`${BASE}/check-ins/${id(checkInId)}/answers`, signal),
    enabled,
    retry,
    // Once read it stays on screen; reading again would be a second audited look.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** Tick a step (its owner, the person, the confidant); `caseId` for the confidant's page. */
export function useTickStep(planId: string, caseId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ stepId, done }: { stepId: string; done: boolean }) =>
      apiPatch<AftercareStep>(`${BASE}/plans/${id(planId)}/steps/${id(stepId)}`, { done }),
    onSuccess: () =>
      void client.invalidateQueries({ queryKey: caseId ? AFTERCARE_KEYS.staff(caseId) : AFTERCARE_KEYS.mine }),
  });
}

export function useEndPlan(planId: string, caseId?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: AftercareEndReason) =>
      apiPost<{ status: 'ended' }>(`${BASE}/plans/${id(planId)}/end`, { reason }),
    onSuccess: () =>
      void client.invalidateQueries({ queryKey: caseId ? AFTERCARE_KEYS.staff(caseId) : AFTERCARE_KEYS.mine }),
  });
}

// ------------------------------------------------------------------------------------------------
// The confidant: the support case's staff page
// ------------------------------------------------------------------------------------------------

type StaffPlanResponse = { plan: AftercareStaffPlan | null };

export function useStaffPlan(caseId: string) {
  return useQuery({
    queryKey: AFTERCARE_KEYS.staff(caseId),
    queryFn: ({ signal }) => apiGet<StaffPlanResponse>(`${BASE}/cases/${id(caseId)}/plan`, signal),
    retry,
  });
}

function useStaffMutation<I>(caseId: string, call: (input: I) => Promise<StaffPlanResponse>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: (data) => client.setQueryData(AFTERCARE_KEYS.staff(caseId), data),
  });
}

export function useOpenPlan(caseId: string) {
  return useStaffMutation(
    caseId,
    (body: { consent: { via: AftercareConsentVia }; incidentId?: string; steps: AftercareStepInput[] }) =>
      apiPost<StaffPlanResponse>(`${BASE}/cases/${id(caseId)}/plan`, body),
  );
}

export function useOfferReferral(caseId: string, planId: string) {
  return useStaffMutation(caseId, (body: { participantId: string; options: AftercareReferralOption[] }) =>
    apiPost<StaffPlanResponse>(`${BASE}/plans/${id(planId)}/referrals`, body),
  );
}

export function useExtendPlan(caseId: string, planId: string) {
  return useStaffMutation(caseId, (afterDays: number) =>
    apiPost<StaffPlanResponse>(`${BASE}/plans/${id(planId)}/extend`, { afterDays }),
  );
}

// ------------------------------------------------------------------------------------------------
// Words
// ------------------------------------------------------------------------------------------------

const TIME_ZONE = 'Europe/Amsterdam';

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: TIME_ZONE }).format(new Date(iso));
}

/** A calendar day (YYYY-MM-DD) in words. */
export function formatDay(day: string): string {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** One calm sentence for a failed call, from the aftercare catalogue. */
export function problemText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return t('aftercare.errors.not_found');
    return t(`aftercare.errors.${error.code}`, { defaultValue: t('aftercare.errors.generic') });
  }
  return t('aftercare.errors.network');
}

export const ANSWERABLE: readonly AftercareCheckIn['state'][] = ['due', 'reminded', 'missed'];
