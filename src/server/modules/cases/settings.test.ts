import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.ts';
import { sipaCaseType } from '../sipa/type.ts';
import { supportCaseType } from '../support/type.ts';
import { CaseTypeRegistry, fitReminderLeads } from './registry.ts';
import { caseSettingsFromConfig, DEFAULT_MAX_REQUESTS_PER_DAY, mergeSettings } from './settings.ts';

describe('case settings from the environment', () => {
  it('default to the values in the type definitions, so an empty environment changes nothing', () => {
    const fromConfig = caseSettingsFromConfig(parseConfig({}));
    for (const definition of [supportCaseType, sipaCaseType]) {
      const { firstResponse, reopenDays, retentionDays, maxRequestsPerDay } = definition.settings;
      expect(fromConfig[definition.type]).toEqual({
        firstResponse,
        reopenDays,
        retentionDays,
        maxRequestsPerDay: maxRequestsPerDay ?? DEFAULT_MAX_REQUESTS_PER_DAY,
      });
    }
  });

  it('map each variable onto its type and urgency', () => {
    const settings = caseSettingsFromConfig(
      parseConfig({
        SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: '30',
        SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: '2',
        SIPA_REOPEN_DAYS: '14',
        SIPA_RETENTION_DAYS: '400',
        SIPA_MAX_REQUESTS_PER_DAY: '4',
      }),
    );
    expect(settings.support.firstResponse).toEqual({
      urgent: { amount: 30, unit: 'minutes' },
      normal: { amount: 2, unit: 'working_days' },
    });
    expect(settings.sipa).toMatchObject({ reopenDays: 14, retentionDays: 400, maxRequestsPerDay: 4 });
  });

  it('let explicit options win over the environment, per setting', () => {
    const merged = mergeSettings(caseSettingsFromConfig(parseConfig({ SUPPORT_REOPEN_DAYS: '7' })), {
      support: { retentionDays: 90 },
    });
    expect(merged.support).toMatchObject({ reopenDays: 7, retentionDays: 90 });
    const registry = new CaseTypeRegistry(merged);
    expect(registry.register(supportCaseType).settings).toMatchObject({ reopenDays: 7, retentionDays: 90 });
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
