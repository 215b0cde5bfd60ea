import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIPA_STATUSES } from '../shared/sipa.ts';
import { SUPPORT_STATUSES } from '../shared/support.ts';
import { WONINGSCAN_OUTCOMES, WONINGSCAN_STATUSES } from '../shared/woningscan.ts';
import './case-types.ts';
import { caseTypeViews, requesterRoles, staffRoles } from './features/cases/case-types.ts';

function catalogue(locale: 'nl' | 'en', file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./i18n/locales/${locale}/${file}.json`, import.meta.url), 'utf8'));
}
const texts = (locale: 'nl' | 'en') => ({
  ...catalogue(locale, 'cases'),
  ...catalogue(locale, 'staff'),
  // A type may keep its words in its own catalogue (the woningscan does).
  ...catalogue(locale, 'woningscan'),
});
const textAt = (messages: Record<string, unknown>, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe('the composition point of the case-type views', () => {
  it('registers support, then SIPA, then the woningscan (the menu’s and the work queue’s order)', () => {
    expect(caseTypeViews().map((view) => view.type)).toEqual(['support', 'sipa', 'woningscan']);
  });

  it('opens My cases to the requesters of every type, and the work queue to the staff of every type', () => {
    expect(requesterRoles().sort()).toEqual(['officeholder', 'relative']);
    expect(staffRoles().sort()).toEqual([
      'ccv_advisor',
      'confidant',
      'expert',
      'ot_coordinator',
      'peer',
      'sipa_advisor',
    ]);
  });

  it('points at words that exist, in Dutch and English, for every status', () => {
    const statuses: Record<string, readonly string[]> = {
      support: SUPPORT_STATUSES,
      sipa: SIPA_STATUSES,
      woningscan: WONINGSCAN_STATUSES,
    };
    const outcomes: Record<string, readonly string[]> = { woningscan: WONINGSCAN_OUTCOMES };
    for (const locale of ['nl', 'en'] as const) {
      const messages = texts(locale);
      for (const view of caseTypeViews()) {
        const keys = [
          view.texts.type,
          ...(view.request ? [view.request.nav.label] : []),
          ...(view.request?.myCasesLink ? [view.request.myCasesLink] : []),
          ...(statuses[view.type] ?? []).map((status) => `${view.texts.status}.${status}`),
          ...(outcomes[view.type] ?? []).map((outcome) => `${view.texts.outcome}.${outcome}`),
        ];
        for (const key of keys) expect(textAt(messages, key), `${locale}: ${key}`).toEqual(expect.any(String));
      }
    }
  });
});
