import type { Config } from '../../config.ts';
import { caseSettingsFrom } from '../cases/facade.ts';

/** The deployment's settings of support requests: the SUPPORT_* variables (config.ts, .env.example). */
export function supportSettingsFromConfig(config: Config) {
  return caseSettingsFrom({
    firstResponseUrgentMinutes: config.SUPPORT_FIRST_RESPONSE_URGENT_MINUTES,
    firstResponseNormalWorkingDays: config.SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS,
    reopenDays: config.SUPPORT_REOPEN_DAYS,
    retentionDays: config.SUPPORT_RETENTION_DAYS,
    maxRequestsPerDay: config.SUPPORT_MAX_REQUESTS_PER_DAY,
  });
}
