import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type {
  AdminDamageRules,
  DamageClaim,
  DamageClaimInput,
  IncidentDamages,
  NewDamageRules,
} from '../../../shared/damages.ts';
import type { Incident } from '../../../shared/incidents.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { ApiError, apiDelete, apiGet, apiPost, apiPut } from '../../api/client.ts';
import { fieldProblemsFrom } from '../../api/problems.ts';
import type { FieldProblem } from '../../ui/index.ts';

/** Typed calls of the damages pages (src/server/modules/damages). */

const damagesUrl = (incidentId: string) => `/api/me/incidents/${encodeURIComponent(incidentId)}/damages`;
const claimUrl = (claimId: string) => `/api/me/damages/${encodeURIComponent(claimId)}`;
const KEYS = {
  damages: (incidentId: string) => ['damages', incidentId] as const,
  incident: (incidentId: string) => ['incidents', incidentId] as const,
  rules: ['admin', 'damage-rules'] as const,
};

export function useIncidentDamages(incidentId: string) {
  return useQuery({
    queryKey: KEYS.damages(incidentId),
    queryFn: ({ signal }) => apiGet<IncidentDamages>(damagesUrl(incidentId), signal),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

/** The incident itself: its evidence is what a receipt may point at. */
export function useIncidentEvidence(incidentId: string) {
  return useQuery({
    queryKey: KEYS.incident(incidentId),
    queryFn: ({ signal }) =>
      apiGet<{ incident: Incident }>(`/api/me/incidents/${encodeURIComponent(incidentId)}`, signal),
    select: (data) => data.incident.evidence.filter((item) => item.deletedAt === null),
  });
}

export function useSaveClaim(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ claimId, input }: { claimId: string | null; input: DamageClaimInput }) =>
      claimId
        ? apiPut<{ claim: DamageClaim }>(claimUrl(claimId), input)
        : apiPost<{ claim: DamageClaim }>(damagesUrl(incidentId), input),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS.damages(incidentId) }),
  });
}

export function useDeleteClaim(incidentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (claimId: string) => apiDelete<unknown>(claimUrl(claimId)),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS.damages(incidentId) }),
  });
}

export function useDamageRulesAdmin() {
  return useQuery({
    queryKey: KEYS.rules,
    queryFn: ({ signal }) => apiGet<AdminDamageRules>('/api/admin/damages/rules', signal),
  });
}

export function useSaveDamageRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewDamageRules) => apiPost<AdminDamageRules>('/api/admin/damages/rules', body),
    onSuccess: () => client.invalidateQueries({ queryKey: KEYS.rules }),
  });
}

/** A form field's id from the server's path: `body/heads/0/amountCents` → `damage-heads-0-amountCents`. */
export const fieldIdOf = (prefix: string, path: string) =>
  `${prefix}-${path.replace(/^body\/(content\/)?/, '').replaceAll('/', '-')}`;

/** The server's field errors next to the form's inputs, in the damages catalogue's words. */
export function damageFieldProblems(t: TFunction, error: unknown, prefix: string, ids: Set<string>): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];
  const fields: Record<string, string> = {};
  for (const fieldError of error.fieldErrors) {
    const id = fieldIdOf(prefix, fieldError.field);
    if (ids.has(id)) fields[fieldError.field] = id;
  }
  const inWords = (reasons: FieldError[]) =>
    [...new Set(reasons.map((r) => t([`damages.fieldProblems.${r.code}`, 'damages.fieldProblems.invalid'])))].join(' ');
  return fieldProblemsFrom(t, error, fields, inWords);
}

/** Euros as people write them (`12,50`, `1.250`, `€ 80`) to cents; null when it is no amount. */
export function centsOf(text: string): number | null {
  const clean = text.replace(/[€\s]/g, '').replace(/\.(?=\d{3}(\D|$))/g, '');
  if (!/^-?\d+(,\d{1,2})?$/.test(clean)) return null;
  const [whole = '0', fraction = ''] = clean.split(',');
  const sign = whole.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0')));
}

export function formatEuros(cents: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { style: 'currency', currency: 'EUR' }).format(
    cents / 100,
  );
}
