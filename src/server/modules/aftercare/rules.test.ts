import { describe, expect, it } from 'vitest';
import { AFTERCARE_SIGNALS, type AftercareAnswers } from '../../../shared/aftercare.ts';
import { AFTERCARE_SIGNAL_RULES, signalsOf } from './rules.ts';

const calm: AftercareAnswers = { sleep: 'well', work: 'well', family: 'mixed', newEvents: 'no', wantsContact: 'no' };
const with_ = (patch: Partial<AftercareAnswers>): AftercareAnswers => ({ ...calm, ...patch });
const preferNot: AftercareAnswers = {
  sleep: 'prefer_not',
  work: 'prefer_not',
  family: 'prefer_not',
  newEvents: 'prefer_not',
  wantsContact: 'prefer_not',
};

describe('aftercare signal rules', () => {
  it('has one rule for every signal the API names, and none for a signal it does not', () => {
    expect(new Set(AFTERCARE_SIGNAL_RULES.map((rule) => rule.signal))).toEqual(new Set(AFTERCARE_SIGNALS));
  });

  it('raises nothing for calm answers, or for "liever niet" on every question', () => {
    expect(signalsOf([calm])).toEqual([]);
    expect(signalsOf([preferNot, preferNot, preferNot])).toEqual([]);
    expect(signalsOf([])).toEqual([]);
  });

  it('raises new events and a wish for contact on one check-in', () => {
    expect(signalsOf([with_({ newEvents: 'yes' })])).toEqual(['new_events']);
    expect(signalsOf([calm, with_({ wantsContact: 'yes' })])).toEqual(['wants_contact']);
  });

  it('raises hard sleep only on two check-ins in a row, the newest included', () => {
    expect(signalsOf([with_({ sleep: 'hard' })])).toEqual([]);
    expect(signalsOf([with_({ sleep: 'hard' }), with_({ sleep: 'hard' })])).toEqual(['sleep_hard_twice']);
    expect(signalsOf([with_({ sleep: 'hard' }), calm, with_({ sleep: 'hard' })])).toEqual([]);
    expect(signalsOf([with_({ sleep: 'hard' }), with_({ sleep: 'hard' }), calm])).toEqual([]);
    expect(signalsOf([with_({ sleep: 'hard' }), with_({ sleep: 'prefer_not' })])).toEqual([]);
  });

  it('raises hard everywhere only when sleep, work and family are all hard at once', () => {
    expect(signalsOf([with_({ sleep: 'hard', work: 'hard', family: 'hard' })])).toEqual(['hard_everywhere']);
    expect(signalsOf([with_({ sleep: 'hard', work: 'hard', family: 'prefer_not' })])).toEqual([]);
  });

  it('raises several signals together', () => {
    const bad = with_({ sleep: 'hard', work: 'hard', family: 'hard', newEvents: 'yes', wantsContact: 'yes' });
    expect(new Set(signalsOf([bad, bad]))).toEqual(new Set(AFTERCARE_SIGNALS));
  });
});
