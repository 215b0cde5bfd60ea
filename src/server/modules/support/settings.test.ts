import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { CaseTypeRegistry, fitReminderLeads } from '../cases/registry.ts';
import { DEFAULT_MAX_REQUESTS_PER_DAY } from '../cases/settings.ts';
import { supportSettingsFromConfig } from './settings.ts';
import { supportCaseType } from './type.ts';

describe('support settings from the environment', () => {
  it('default to the values in the type definition, so an empty environment changes nothing', () => {
    const { firstResponse, reopenDays, retentionDays, maxRequestsPerDay } = supportCaseType.settings;
    expect(supportSettingsFromConfig(parseConfig({}))).toEqual({
      firstResponse,
      reopenDays,
      retentionDays,
      maxRequestsPerDay: maxRequestsPerDay ?? DEFAULT_MAX_REQUESTS_PER_DAY,
    });
  });

  it('map each SUPPORT_ variable onto its setting and urgency', () => {
    const settings = supportSettingsFromConfig(
      parseConfig({
        SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: '30',
        SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: '2',
        SUPPORT_REOPEN_DAYS: '14',
        SUPPORT_RETENTION_DAYS: '400',
        SUPPORT_MAX_REQUESTS_PER_DAY: '4',
        SIPA_REOPEN_DAYS: '7',
      }),
    );
    expect(settings).toEqual({
      firstResponse: { urgent: { amount: 30, unit: 'minutes' }, normal: { amount: 2, unit: 'working_days' } },
      reopenDays: 14,
      retentionDays: 400,
      maxRequestsPerDay: 4,
    });
  });

  it('let explicit options win over the environment, per setting', () => {
    const registry = new CaseTypeRegistry({ support: { retentionDays: 90 } });
    const registered = registry.register(supportCaseType, {
      settings: supportSettingsFromConfig(parseConfig({ SUPPORT_REOPEN_DAYS: '7' })),
    });
    expect(registered.settings).toMatchObject({ reopenDays: 7, retentionDays: 90 });
  });

  it('move a reminder that would come at once to three quarters of a short target', () => {
    const settings = fitReminderLeads({
      ...supportCaseType.settings,
      firstResponse: { urgent: { amount: 10, unit: 'minutes' }, normal: { amount: 1, unit: 'working_days' } },
    });
    expect(settings.reminderLeadMs.urgent).toBe(150_000);
    expect(settings.reminderLeadMs.normal).toBe(supportCaseType.settings.reminderLeadMs.normal);
    // A lead shorter than the target stays as it is.
    expect(fitReminderLeads(supportCaseType.settings).reminderLeadMs).toEqual(supportCaseType.settings.reminderLeadMs);
  });
});
