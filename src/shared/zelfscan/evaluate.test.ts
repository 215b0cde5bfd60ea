import { describe, expect, it } from 'vitest';
import { InvalidAnswersError, validateAnswerSet } from './answers.ts';
import { evaluate } from './evaluate.ts';
import type { Questionnaire } from './questionnaire.ts';

const t = (text: string) => ({ nl: text, en: text });

/** A small questionnaire whose results can be worked out by hand. */
const small: Questionnaire = {
  version: '2026-01-01.1',
  thresholds: { green: 80, orange: 50 },
  categories: [
    { id: 'home', title: t('Huis'), intro: t('Over uw huis') },
    { id: 'road', title: t('Weg'), intro: t('Onderweg') },
  ],
  questions: [
    {
      id: 'locks',
      category: 'home',
      text: t('Sloten?'),
      options: [
        { id: 'good', label: t('Goed'), points: 2 },
        { id: 'some', label: t('Deels'), points: 1 },
        { id: 'bad', label: t('Slecht'), points: 0 },
      ],
    },
    {
      id: 'name',
      category: 'home',
      text: t('Naam op de deur?'),
      options: [
        { id: 'no', label: t('Nee'), points: 2 },
        { id: 'yes', label: t('Ja'), points: 0 },
      ],
    },
    {
      id: 'car',
      category: 'road',
      text: t('Auto op slot?'),
      options: [
        { id: 'yes', label: t('Ja'), points: 2 },
        { id: 'no', label: t('Nee'), points: 0 },
        { id: 'none', label: t('Geen auto'), points: null },
      ],
    },
  ],
  tips: [
    { id: 'name-tip', category: 'home', priority: 'medium', title: t('Naam'), body: t('Weg ermee') },
    { id: 'locks-tip', category: 'home', priority: 'high', title: t('Sloten'), body: t('Beter') },
    { id: 'car-tip', category: 'road', priority: 'low', title: t('Auto'), body: t('Op slot') },
    { id: 'scan-tip', category: 'home', priority: 'medium', title: t('Scan'), body: t('Vraag aan') },
  ],
  rules: [
    { tip: 'locks-tip', when: { question: 'locks', in: ['bad'] } },
    { tip: 'name-tip', when: { question: 'name', in: ['yes'] } },
    { tip: 'car-tip', when: { question: 'car', in: ['no'] } },
    {
      tip: 'scan-tip',
      when: {
        all: [
          { question: 'locks', in: ['some', 'bad'] },
          { question: 'name', in: ['yes'] },
        ],
      },
    },
  ],
};

const answers = (locks: string, name: string, car: string) => ({
  version: small.version,
  answers: { locks, name, car },
});

describe('evaluate', () => {
  it('gives green with no tips when everything is in place', () => {
    expect(evaluate(small, answers('good', 'no', 'yes'))).toEqual({
      version: '2026-01-01.1',
      categories: [
        { category: 'home', score: 100, light: 'green', explanation: 'allGood' },
        { category: 'road', score: 100, light: 'green', explanation: 'allGood' },
      ],
      tips: [],
    });
  });

  it('scores a category by the share of points, and sets the light by the thresholds', () => {
    // home: 1 + 2 of 4 = 75 → orange
    expect(evaluate(small, answers('some', 'no', 'yes')).categories[0]).toEqual({
      category: 'home',
      score: 75,
      light: 'orange',
      explanation: 'someAttention',
    });
    // home: 0 + 0 of 4 → red
    expect(evaluate(small, answers('bad', 'yes', 'yes')).categories[0]).toMatchObject({
      score: 0,
      light: 'red',
      explanation: 'muchAttention',
    });
  });

  it('lowers a green score to orange when a high-priority tip applies', () => {
    const withHigh: Questionnaire = { ...small, thresholds: { green: 50, orange: 10 } };
    // home: 0 + 2 of 4 = 50 → green by score, but the locks tip is high priority.
    expect(evaluate(withHigh, answers('bad', 'no', 'yes')).categories[0]).toEqual({
      category: 'home',
      score: 50,
      light: 'orange',
      explanation: 'urgentTip',
    });
  });

  it('leaves out questions that do not apply, and says so when nothing in a category applies', () => {
    expect(evaluate(small, answers('good', 'no', 'none')).categories[1]).toEqual({
      category: 'road',
      score: null,
      light: 'green',
      explanation: 'notApplicable',
    });
  });

  it('orders tips by priority, then category, then content order, once each', () => {
    const result = evaluate(small, answers('bad', 'yes', 'no'));
    expect(result.tips).toEqual([
      { id: 'locks-tip', category: 'home', priority: 'high' },
      { id: 'name-tip', category: 'home', priority: 'medium' },
      { id: 'scan-tip', category: 'home', priority: 'medium' },
      { id: 'car-tip', category: 'road', priority: 'low' },
    ]);
  });

  it('refuses answers that do not fit this version of the questionnaire', () => {
    expect(() => evaluate(small, answers('good', 'no', 'maybe'))).toThrow(InvalidAnswersError);
    expect(() => evaluate(small, { version: small.version, answers: { locks: 'good', name: 'no' } })).toThrow(/car/);
    expect(() => evaluate(small, { ...answers('good', 'no', 'yes'), version: '2025-01-01.1' })).toThrow(/version/);
    expect(() =>
      evaluate(small, { version: small.version, answers: { locks: 'good', name: 'no', car: 'yes', extra: 'x' } }),
    ).toThrow(InvalidAnswersError);
    expect(() => evaluate(small, null)).toThrow(InvalidAnswersError);
    expect(validateAnswerSet(small, { version: small.version, answers: { locks: 'good' } })).toMatchObject({
      success: false,
      issues: expect.arrayContaining([expect.objectContaining({ path: 'answers/name' })]),
    });
  });
});
