import type { Config } from '../../config.ts';

/**
 * The deployment's aftercare rhythm: the AFTERCARE_* variables (config.ts, .env.example). The defaults
 * follow domain.md §7 (about a week, about four weeks, then end or extend); the intervals are
 * illustrative (unverified), so they are settings, not code.
 */
export interface AftercareSettings {
  /** Days after the plan starts on which the check-ins fall due, rising. */
  checkInDays: readonly number[];
  reminderAfterHours: number;
  missedAfterHours: number;
  endAfterLastDays: number;
}

export const DEFAULT_AFTERCARE_SETTINGS: AftercareSettings = {
  checkInDays: [7, 28],
  reminderAfterHours: 72,
  missedAfterHours: 72,
  endAfterLastDays: 14,
};

export function aftercareSettingsFromConfig(config: Config): AftercareSettings {
  return {
    checkInDays: config.AFTERCARE_CHECK_IN_DAYS,
    reminderAfterHours: config.AFTERCARE_REMINDER_AFTER_HOURS,
    missedAfterHours: config.AFTERCARE_MISSED_AFTER_HOURS,
    endAfterLastDays: config.AFTERCARE_END_AFTER_LAST_DAYS,
  };
}

/** A test's settings over the deployment's. */
export function mergeSettings(base: AftercareSettings, override: Partial<AftercareSettings> = {}): AftercareSettings {
  return { ...base, ...override };
}
