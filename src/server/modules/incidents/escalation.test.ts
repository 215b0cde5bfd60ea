import { describe, expect, it } from 'vitest';
import { type EscalationInput, type EscalationRule, evaluateEscalation, perpetratorKey } from './escalation.ts';

const record = (occurredOn: string, extra: Partial<EscalationInput> = {}): EscalationInput => ({
  occurredOn,
  severity: null,
  perpetratorHandle: null,
  perpetratorDescription: null,
  ...extra,
});
const TODAY = '2026-12-04';

describe('escalation rules', () => {
  it('says nothing for a quiet record', () => {
    expect(evaluateEscalation([], TODAY)).toEqual([]);
    expect(
      evaluateEscalation([record('2026-12-01'), record('2026-11-25', { severity: 'less_serious' })], TODAY),
    ).toEqual([]);
  });

  it('fires at the third incident within 14 days, counting today and 13 days back', () => {
    const two = [record('2026-12-04'), record('2026-11-21')];
    expect(evaluateEscalation(two, TODAY)).toEqual([]);
    expect(evaluateEscalation([...two, record('2026-11-30')], TODAY)).toEqual([
      { reason: 'frequency', count: 3, days: 14, severity: null },
    ]);
    // The 15th day back is outside the window; a date in the future is not counted.
    expect(evaluateEscalation([...two, record('2026-11-20'), record('2026-12-10')], TODAY)).toEqual([]);
  });

  it('fires when the same handle or description recurs, however it is written', () => {
    const signals = evaluateEscalation(
      [
        record('2026-10-01', { perpetratorHandle: '@Boze_Burger' }),
        record('2026-11-15', { perpetratorHandle: 'boze_burger ' }),
        record('2026-11-20', { perpetratorDescription: 'Man in rode jas' }),
      ],
      TODAY,
    );
    expect(signals).toEqual([{ reason: 'recurring_perpetrator', count: 2, days: 90, severity: null }]);
    expect(perpetratorKey('  @@Jan.  ')).toBe('jan');
    expect(perpetratorKey('x')).toBeNull();
  });

  it('counts one incident once when its handle and description say the same', () => {
    const same = record('2026-12-01', { perpetratorHandle: 'jan', perpetratorDescription: 'Jan' });
    expect(evaluateEscalation([same], TODAY)).toEqual([]);
  });

  it('fires for a (very) serious incident in the last 30 days, naming the worst', () => {
    expect(
      evaluateEscalation(
        [record('2026-11-10', { severity: 'serious' }), record('2026-11-30', { severity: 'very_serious' })],
        TODAY,
      ),
    ).toEqual([{ reason: 'serious', count: 2, days: 30, severity: 'very_serious' }]);
    expect(evaluateEscalation([record('2026-10-01', { severity: 'very_serious' })], TODAY)).toEqual([]);
  });

  it('applies rules given as data, with other thresholds', () => {
    const rules: EscalationRule[] = [{ reason: 'frequency', count: 2, withinDays: 3 }];
    expect(evaluateEscalation([record('2026-12-04'), record('2026-12-02')], TODAY, rules)).toHaveLength(1);
    expect(evaluateEscalation([record('2026-12-04'), record('2026-12-01')], TODAY, rules)).toHaveLength(0);
  });
});
