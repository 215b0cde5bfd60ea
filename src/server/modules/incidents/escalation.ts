import type { EscalationSignal, IncidentSeverity } from '../../../shared/incidents.ts';

/**
 * When incidents come more often, the same perpetrator recurs, or one felt (very) serious, the person
 * sees a calm prompt to contact the support team (with the 24/7 number) and why. Computed on the server
 * from the person's own records when they look at their incidents; never stored, never sent anyone.
 *
 * The rules are data: a reason, a threshold and a window, so they can be tuned (and tested) without
 * touching the code that applies them.
 */
export type EscalationRule =
  | { reason: 'frequency'; count: number; withinDays: number }
  | { reason: 'recurring_perpetrator'; count: number; withinDays: number }
  | { reason: 'serious'; severities: readonly IncidentSeverity[]; withinDays: number };

export const ESCALATION_RULES: readonly EscalationRule[] = [
  // "3 incidenten in 14 dagen": the example the support team gave.
  { reason: 'frequency', count: 3, withinDays: 14 },
  // The same handle or description twice within three months.
  { reason: 'recurring_perpetrator', count: 2, withinDays: 90 },
  // One incident that felt serious or very serious, in the last month.
  { reason: 'serious', severities: ['serious', 'very_serious'], withinDays: 30 },
];

export interface EscalationInput {
  occurredOn: string;
  severity: IncidentSeverity | null;
  perpetratorHandle: string | null;
  perpetratorDescription: string | null;
}

const DAY = 86_400_000;

/** Days from `day` (YYYY-MM-DD) to `today`, 0 for today. */
function daysAgo(day: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / DAY);
}

/** A handle or description as people write it differently: case, spaces, a leading @, punctuation. */
export function perpetratorKey(value: string | null): string | null {
  if (!value) return null;
  const key = value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^[@\s]+/, '')
    .replace(/[\s.,;:!?'"()]+/g, ' ')
    .trim();
  return key.length >= 2 ? key : null;
}

const SEVERITY_ORDER: readonly IncidentSeverity[] = ['less_serious', 'serious', 'very_serious'];

/** The signals the rules give for these records on `today` (YYYY-MM-DD), at most one per rule. */
export function evaluateEscalation(
  records: readonly EscalationInput[],
  today: string,
  rules: readonly EscalationRule[] = ESCALATION_RULES,
): EscalationSignal[] {
  const signals: EscalationSignal[] = [];
  for (const rule of rules) {
    const recent = records.filter((record) => {
      const age = daysAgo(record.occurredOn, today);
      return age >= 0 && age < rule.withinDays;
    });
    if (rule.reason === 'frequency') {
      if (recent.length >= rule.count) {
        signals.push({ reason: 'frequency', count: recent.length, days: rule.withinDays, severity: null });
      }
    } else if (rule.reason === 'recurring_perpetrator') {
      const counts = new Map<string, number>();
      for (const record of recent) {
        // One incident counts once, even when its handle and description both match.
        const keys = new Set(
          [perpetratorKey(record.perpetratorHandle), perpetratorKey(record.perpetratorDescription)].filter(
            (key): key is string => key !== null,
          ),
        );
        for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const most = Math.max(0, ...counts.values());
      if (most >= rule.count) {
        signals.push({ reason: 'recurring_perpetrator', count: most, days: rule.withinDays, severity: null });
      }
    } else {
      const serious = recent.filter((record) => record.severity && rule.severities.includes(record.severity));
      if (serious.length > 0) {
        const worst = serious
          .map((record) => record.severity as IncidentSeverity)
          .sort((a, b) => SEVERITY_ORDER.indexOf(b) - SEVERITY_ORDER.indexOf(a))[0] as IncidentSeverity;
        signals.push({ reason: 'serious', count: serious.length, days: rule.withinDays, severity: worst });
      }
    }
  }
  return signals;
}
