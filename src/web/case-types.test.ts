import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIPA_STATUSES } from '../shared/sipa.ts';
import { SUPPORT_STATUSES } from '../shared/support.ts';
import './case-types.ts';
import { caseTypeViews, requesterRoles, staffRoles } from './features/cases/case-types.ts';

function catalogue(locale: 'nl' | 'en', file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./i18n/locales/${locale}/${file}.json`, import.meta.url), 'utf8'));
}
const texts = (locale: 'nl' | 'en') => ({ ...catalogue(locale, 'cases'), ...catalogue(locale, 'staff') });
const textAt = (messages: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('the composition point of the case-type views', () => {
  it('registers support, then SIPA (the menu’s and the work queue’s order)', () => {
    expect(caseTypeViews().map((view) => view.type)).toEqual(['support', 'sipa']);
  });

  it('opens My cases and the work queue to the same roles as before the registry', () => {
    expect(requesterRoles().sort()).toEqual(['officeholder', 'relative']);
    expect(staffRoles().sort()).toEqual(['confidant', 'expert', 'ot_coordinator', 'peer', 'sipa_advisor']);
  });

  it('points at words that exist, in Dutch and English, for every status', () => {
    const statuses: Record<string, readonly string[]> = { support: SUPPORT_STATUSES, sipa: SIPA_STATUSES };
    for (const locale of ['nl', 'en'] as const) {
      const messages = texts(locale);
      for (const view of caseTypeViews()) {
        const keys = [
          view.texts.type,
          ...(view.request ? [view.request.nav.label] : []),
          ...(view.request?.myCasesLink ? [view.request.myCasesLink] : []),
          ...(statuses[view.type] ?? []).map((status) => `${view.texts.status}.${status}`),
        ];
        for (const key of keys) expect(textAt(messages, key), `${locale}: ${key}`).toEqual(expect.any(String));
      }
    }
  });
});
