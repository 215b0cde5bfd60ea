import type { CaseType } from '../../../shared/cases.ts';
import type { Config } from '../../config.ts';
import type { CaseTypeSettings, CaseTypeSettingsOverrides } from './registry.ts';

/** How many new requests of one type a person may make in 24 hours when nothing else is set. */
export const DEFAULT_MAX_REQUESTS_PER_DAY = 10;

type SettingsFromEnvironment = Pick<
  CaseTypeSettings,
  'firstResponse' | 'reopenDays' | 'retentionDays' | 'maxRequestsPerDay'
>;

/**
 * The case-type settings that deployments choose through environment variables (see config.ts and
 * .env.example): first-response targets per urgency, reopen period, retention and the request limit.
 * They override the defaults in each type's definition; options given to the cases module (tests) win.
 */
export function caseSettingsFromConfig(config: Config): Record<CaseType, SettingsFromEnvironment> {
  return {
    support: {
      firstResponse: {
        urgent: { amount: config.SUPPORT_FIRST_RESPONSE_URGENT_MINUTES, unit: 'minutes' },
        normal: { amount: config.SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS, unit: 'working_days' },
      },
      reopenDays: config.SUPPORT_REOPEN_DAYS,
      retentionDays: config.SUPPORT_RETENTION_DAYS,
      maxRequestsPerDay: config.SUPPORT_MAX_REQUESTS_PER_DAY,
    },
    sipa: {
      firstResponse: {
        urgent: { amount: config.SIPA_FIRST_RESPONSE_URGENT_MINUTES, unit: 'minutes' },
        normal: { amount: config.SIPA_FIRST_RESPONSE_NORMAL_WORKING_DAYS, unit: 'working_days' },
      },
      reopenDays: config.SIPA_REOPEN_DAYS,
      retentionDays: config.SIPA_RETENTION_DAYS,
      maxRequestsPerDay: config.SIPA_MAX_REQUESTS_PER_DAY,
    },
  };
}

/** Per type, the explicit overrides (tests, callers of buildApp) over the environment's settings. */
export function mergeSettings(
  base: CaseTypeSettingsOverrides,
  overrides: CaseTypeSettingsOverrides = {},
): CaseTypeSettingsOverrides {
  const types = new Set([...Object.keys(base), ...Object.keys(overrides)] as CaseType[]);
  return Object.fromEntries([...types].map((type) => [type, { ...base[type], ...overrides[type] }]));
}
