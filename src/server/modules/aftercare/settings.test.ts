import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { aftercareSettingsFromConfig, DEFAULT_AFTERCARE_SETTINGS } from './settings.ts';

describe('aftercare settings', () => {
  it('defaults to about a week and about four weeks, as the code defaults say', () => {
    expect(aftercareSettingsFromConfig(parseConfig({ NODE_ENV: 'test' }))).toEqual(DEFAULT_AFTERCARE_SETTINGS);
  });

  it('takes a deployment rhythm of rising days', () => {
    const config = parseConfig({
      NODE_ENV: 'test',
      AFTERCARE_CHECK_IN_DAYS: '3, 10,42',
      AFTERCARE_REMINDER_AFTER_HOURS: '24',
    });
    expect(aftercareSettingsFromConfig(config)).toMatchObject({ checkInDays: [3, 10, 42], reminderAfterHours: 24 });
  });

  it.each(['28,7', '7,7', '0,7', '7,400', 'x', ',', '7.5'])('refuses the rhythm %j', (value) => {
    expect(() => parseConfig({ NODE_ENV: 'test', AFTERCARE_CHECK_IN_DAYS: value })).toThrow(/AFTERCARE_CHECK_IN_DAYS/);
  });

  it('refuses hours and days out of range', () => {
    expect(() => parseConfig({ NODE_ENV: 'test', AFTERCARE_MISSED_AFTER_HOURS: '0' })).toThrow(/AFTERCARE_MISSED/);
    expect(() => parseConfig({ NODE_ENV: 'test', AFTERCARE_END_AFTER_LAST_DAYS: '91' })).toThrow(/AFTERCARE_END/);
  });
});
