import type { Config } from '../../config.ts';
import { caseSettingsFrom } from '../cases/facade.ts';

/** The deployment's settings of SIPA requests: the SIPA_* variables (config.ts, .env.example). */
export function sipaSettingsFromConfig(config: Config) {
  return caseSettingsFrom({
    firstResponseUrgentMinutes: config.SIPA_FIRST_RESPONSE_URGENT_MINUTES,
    firstResponseNormalWorkingDays: config.SIPA_FIRST_RESPONSE_NORMAL_WORKING_DAYS,
    reopenDays: config.SIPA_REOPEN_DAYS,
    retentionDays: config.SIPA_RETENTION_DAYS,
    maxRequestsPerDay: config.SIPA_MAX_REQUESTS_PER_DAY,
  });
}
