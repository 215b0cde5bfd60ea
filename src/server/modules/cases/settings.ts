import type { CaseTypeSettings } from './registry.ts';

/** How many new requests of one type a person may make in 24 hours when nothing else is set. */
export const DEFAULT_MAX_REQUESTS_PER_DAY = 10;

/** The settings a deployment chooses per type through environment variables (`<TYPE>_…`, see config.ts). */
export interface CaseSettingsFromEnvironment {
  firstResponseUrgentMinutes: number;
  firstResponseNormalWorkingDays: number;
  reopenDays: number;
  retentionDays: number;
  maxRequestsPerDay: number;
}

/**
 * A type's settings from its environment variables: first-response targets per urgency, reopen period,
 * retention and the request limit. The type module reads its own variables and registers with these;
 * they override the defaults in its definition, and options given to the cases module (tests) win.
 */
export function caseSettingsFrom(
  values: CaseSettingsFromEnvironment,
): Pick<CaseTypeSettings, 'firstResponse' | 'reopenDays' | 'retentionDays' | 'maxRequestsPerDay'> {
  return {
    firstResponse: {
      urgent: { amount: values.firstResponseUrgentMinutes, unit: 'minutes' },
      normal: { amount: values.firstResponseNormalWorkingDays, unit: 'working_days' },
    },
    reopenDays: values.reopenDays,
    retentionDays: values.retentionDays,
    maxRequestsPerDay: values.maxRequestsPerDay,
  };
}
