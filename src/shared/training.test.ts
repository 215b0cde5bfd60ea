import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSessionBodySchema, offeringBodySchema } from './training.ts';
import { dutchLocal, fromDutchLocal } from './training-time.ts';
import { isWebPath } from './web-paths.ts';

const _catalogue = (lang: 'nl' | 'en') =>
  JSON.parse(readFileSync(new URL(`../web/i18n/locales/${lang}/account.json`, import.meta.url), 'utf8')) as {
    accessLog: { actions: Record<string, Record<string, string>> };
  };

describe('Dutch training times', () => {
  it('turns Dutch wall-clock times into the right instants, winter and summer', () => {
    expect(fromDutchLocal('2026-12-01', '09:00')?.toISOString()).toBe('2026-12-01T08:00:00.000Z');
    expect(fromDutchLocal('2026-07-01', '09:00')?.toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(dutchLocal(new Date('2026-07-01T07:00:00Z'))).toEqual({ date: '2026-07-01', time: '09:00' });
  });

  it('knows the changeover nights: the skipped hour does not exist, the doubled one is the first', () => {
    expect(fromDutchLocal('2027-03-28', '02:30')).toBeNull();
    expect(fromDutchLocal('2027-03-28', '03:00')?.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(fromDutchLocal('2027-10-31', '02:30')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(fromDutchLocal('2027-10-31', '03:00')?.toISOString()).toBe('2027-10-31T02:00:00.000Z');
  });

  it('refuses dates and times that are not', () => {
    expect(fromDutchLocal('2027-02-29', '09:00')).toBeNull();
    expect(fromDutchLocal('2027-02-01', '24:00')).toBeNull();
    expect(fromDutchLocal('1-2-2027', '09:00')).toBeNull();
  });
});

describe('training schemas', () => {
  it('refuse formulas, control characters and unknown fields', () => {
    const offering = {
      titleNl: 'T',
      titleEn: 'T',
      provider: 'P',
      durationDays: 1.5,
      audience: ['burgemeester'],
      descriptionNl: 'D',
      descriptionEn: 'D',
    };
    expect(offeringBodySchema.safeParse(offering).success).toBe(true);
    expect(offeringBodySchema.safeParse({ ...offering, provider: '=SUM(A1)' }).success).toBe(false);
    expect(offeringBodySchema.safeParse({ ...offering, titleNl: 'a\u0007b' }).success).toBe(false);
    expect(offeringBodySchema.safeParse({ ...offering, durationDays: 1.25 }).success).toBe(false);
    expect(offeringBodySchema.safeParse({ ...offering, audience: ['burgemeester', 'burgemeester'] }).success).toBe(
      false,
    );
    expect(offeringBodySchema.safeParse({ ...offering, extra: 1 }).success).toBe(false);
    const session = {
      offeringId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
      parts: [{ date: '2027-02-01', start: '09:00', end: '17:00' }],
      city: 'Utrecht',
      venue: 'Zaal',
      capacity: 12,
      enrolmentDeadline: { date: '2027-01-25', time: '17:00' },
    };
    expect(createSessionBodySchema.safeParse(session).success).toBe(true);
    expect(createSessionBodySchema.safeParse({ ...session, capacity: 0 }).success).toBe(false);
    expect(createSessionBodySchema.safeParse({ ...session, city: 'Utrecht\nZeist' }).success).toBe(false);
    expect(createSessionBodySchema.safeParse({ ...session, parts: [] }).success).toBe(false);
  });
});

// The access log's words for these actions come from the typed catalogue (src/shared/catalogue), which the
// web shows as the server sends them: no copy in the web's catalogues to keep in step.
describe('training', () => {
  it('point the package at a page that exists', () => {
    expect(isWebPath('/training')).toBe(true);
  });
});
