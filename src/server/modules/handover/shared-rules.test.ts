import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTIVATION_CODE_ALPHABET,
  formatActivationCode,
  installationDateProblem,
  normaliseActivationCode,
  parseDateText,
} from '../../../shared/handover.ts';
import { newActivationCode } from './print.ts';

describe('dates as people write them', () => {
  it('reads ISO and Dutch forms, and only real dates', () => {
    expect(parseDateText('2026-03-12')).toBe('2026-03-12');
    expect(parseDateText('12-3-2026')).toBe('2026-03-12');
    expect(parseDateText('12/03/2026')).toBe('2026-03-12');
    expect(parseDateText(' 1.2.2026 ')).toBe('2026-02-01');
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    for (const wrong of ['2025-02-29', '31-04-2026', '2026-13-01', '00-01-2026', '12 maart 2026', '2026/03/12', '']) {
      expect(parseDateText(wrong), wrong).toBeNull();
    }
  });

  it('accepts installation dates from 2000 up to about two years ahead', () => {
    const today = new Date('2026-06-01T10:00:00Z');
    expect(installationDateProblem('2026-06-01', today)).toBeNull();
    expect(installationDateProblem('2000-01-01', today)).toBeNull();
    expect(installationDateProblem('1999-12-31', today)).toBe('date_out_of_range');
    expect(installationDateProblem('2028-05-31', today)).toBeNull();
    expect(installationDateProblem('2028-06-05', today)).toBe('date_out_of_range');
    expect(installationDateProblem('2026-6-1', today)).toBe('date_invalid');
  });
});

describe('the short activation code', () => {
  it('is ten characters without look-alikes, printed in two groups', () => {
    for (let i = 0; i < 200; i++) {
      const code = newActivationCode();
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
      expect(formatActivationCode(code)).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    }
    for (const lookAlike of '01ILO') expect(ACTIVATION_CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('reads back however it is typed (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ACTIVATION_CODE_ALPHABET), minLength: 10, maxLength: 10 }),
        fc.constantFrom('', ' ', '-', ' - ', '.'),
        fc.boolean(),
        (code, separator, lower) => {
          const typed = `${code.slice(0, 5)}${separator}${code.slice(5)}`;
          expect(normaliseActivationCode(lower ? typed.toLowerCase() : typed)).toBe(code);
        },
      ),
    );
  });

  it('refuses anything that cannot be a code', () => {
    for (const wrong of ['', 'ABCDE', 'ABCDE-FGHJKL', 'ABCDE-FGHJ0', 'ABCDE-FGHJI', 'ÄBCDE-FGHJK']) {
      expect(normaliseActivationCode(wrong), wrong).toBeNull();
    }
  });
});
