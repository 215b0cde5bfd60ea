import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLE_GRANT_NOTIFICATION_KINDS } from '../../../shared/admin.ts';
import { AFTERCARE_NOTIFICATION_KINDS } from '../../../shared/aftercare.ts';
import { CASE_NOTIFICATION_KINDS } from '../../../shared/cases.ts';
import { DAMAGE_NOTIFICATION_KINDS } from '../../../shared/damages.ts';
import { TRAINING_NOTIFICATION_KINDS } from '../../../shared/training.ts';

/** Every kind a module declares is shown in words, in both languages (never a raw key). */
const DECLARED = [
  ...CASE_NOTIFICATION_KINDS,
  ...TRAINING_NOTIFICATION_KINDS,
  ...ROLE_GRANT_NOTIFICATION_KINDS,
  ...DAMAGE_NOTIFICATION_KINDS,
  ...AFTERCARE_NOTIFICATION_KINDS,
];

function kinds(locale: 'nl' | 'en'): Record<string, string> {
  const url = new URL(`../../i18n/locales/${locale}/notifications.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).notifications.kinds;
}

describe('notification kinds', () => {
  for (const locale of ['nl', 'en'] as const) {
    it(`each declared kind has a ${locale === 'nl' ? 'Dutch' : 'English'} text`, () => {
      const texts = kinds(locale);
      const missing = DECLARED.filter((kind) => !texts[kind]?.trim());
      expect(missing).toEqual([]);
    });
  }
});
