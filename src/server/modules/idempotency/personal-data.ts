import type { PersonalDataContribution } from '../../lib/personal-data.ts';

/**
 * Answers kept for an Idempotency-Key retry (encrypted, 24 hours): a copy of an answer the person already
 * received, not data of its own; an hourly sweep in plugin.ts removes expired ones.
 */
export const IDEMPOTENCY_PERSONAL_DATA: PersonalDataContribution = {
  exclusions: [
    {
      table: 'idempotency_keys',
      reason:
        'An encrypted copy of an answer the person already received, kept 24 hours so a retried request is not run twice; removed hourly once expired.',
    },
  ],
};
