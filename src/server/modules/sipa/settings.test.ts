import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { DEFAULT_MAX_REQUESTS_PER_DAY } from '../cases/settings.ts';
import { sipaSettingsFromConfig } from './settings.ts';
import { sipaCaseType } from './type.ts';

describe('SIPA settings from the environment', () => {
  it('default to the values in the type definition, so an empty environment changes nothing', () => {
    const { firstResponse, reopenDays, retentionDays, maxRequestsPerDay } = sipaCaseType.settings;
    expect(sipaSettingsFromConfig(parseConfig({}))).toEqual({
      firstResponse,
      reopenDays,
      retentionDays,
      maxRequestsPerDay: maxRequestsPerDay ?? DEFAULT_MAX_REQUESTS_PER_DAY,
    });
  });

  it('map each SIPA_ variable onto its setting, and no other type’s', () => {
    const settings = sipaSettingsFromConfig(
      parseConfig({
        SIPA_FIRST_RESPONSE_URGENT_MINUTES: '120',
        SIPA_REOPEN_DAYS: '14',
        SIPA_RETENTION_DAYS: '400',
        SIPA_MAX_REQUESTS_PER_DAY: '4',
        SUPPORT_REOPEN_DAYS: '7',
      }),
    );
    expect(settings).toMatchObject({
      firstResponse: { urgent: { amount: 120, unit: 'minutes' } },
      reopenDays: 14,
      retentionDays: 400,
      maxRequestsPerDay: 4,
    });
  });
});
