import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { PasskeyError } from '../features/auth/passkeys.ts';
import { refusalProblems } from '../features/content-admin/messages.ts';
import { ApiError } from './client.ts';
import { CASE_PROBLEMS, fieldCodesByPath, fieldProblemsFrom, problemMessage, waitText } from './problems.ts';

/** The real catalogues, merged per language as the web app does. */
function catalogue(locale: string): Record<string, unknown> {
  const root = fileURLToPath(new URL(`../i18n/locales/${locale}`, import.meta.url));
  return Object.assign(
    {},
    ...readdirSync(root).map((file) => JSON.parse(readFileSync(path.join(root, file), 'utf8')) as object),
  );
}

describe('problem messages', () => {
  beforeAll(async () => {
    await i18n.init({
      lng: 'nl',
      resources: { nl: { translation: catalogue('nl') }, en: { translation: catalogue('en') } },
      interpolation: { escapeValue: false },
    });
  });

  it('words a known code, a server failure, anything else and no connection in the general section', () => {
    expect(problemMessage(i18n.t, new ApiError(409, 'last_admin'))).toBe(
      'Er moet altijd minstens één actieve beheerder zijn.',
    );
    expect(problemMessage(i18n.t, new ApiError(500, 'unknown'))).toMatch(/^Er ging iets mis aan onze kant/);
    expect(problemMessage(i18n.t, new ApiError(400, 'no_such_code'))).toBe('Er ging iets mis. Probeer het opnieuw.');
    expect(problemMessage(i18n.t, new TypeError('Failed to fetch'))).toMatch(/^Er is geen verbinding met Weerbaar/);
  });

  it('says how long to wait, from Retry-After', () => {
    expect(problemMessage(i18n.t, new ApiError(429, 'sign_in_throttled', [], 120))).toBe(
      'U hebt een paar keer achter elkaar iets niet goed ingevuld. Om uw account te beschermen kunt u het over 2 minuten opnieuw proberen.',
    );
    expect(problemMessage(i18n.t, new ApiError(429, 'rate_limited', [], 30))).toContain('over 30 seconden opnieuw');
    // The request cap counts per day: without Retry-After, a day.
    expect(problemMessage(i18n.t, new ApiError(429, 'too_many_requests'), CASE_PROBLEMS)).toContain(
      'over ongeveer 24 uur',
    );
    expect([waitText(1), waitText(61), waitText(89 * 60), waitText(90 * 60)]).toEqual([
      '1 seconde',
      '2 minuten',
      '89 minuten',
      '2 uur',
    ]);
  });

  it('speaks the case pages’ words there: signed out on any 401, the general sentence for unknown codes', () => {
    expect(problemMessage(i18n.t, new ApiError(401, 'unauthenticated'), CASE_PROBLEMS)).toBe(
      'U bent uitgelogd. Log opnieuw in en probeer het nog een keer.',
    );
    expect(problemMessage(i18n.t, new ApiError(401, 'unauthenticated'))).toBe(
      'U bent niet (meer) ingelogd. Log opnieuw in.',
    );
    expect(problemMessage(i18n.t, new ApiError(502, 'unknown'), CASE_PROBLEMS)).toMatch(/^Dat lukte niet/);
    expect(problemMessage(i18n.t, new ApiError(409, 'already_assigned'), CASE_PROBLEMS)).toBe(
      'Iemand anders heeft deze zaak net opgepakt.',
    );
  });

  it('lets a problem found in the browser name its own text', () => {
    expect(problemMessage(i18n.t, new PasskeyError('cancelled'))).toBe(i18n.t('auth.passkey.problems.cancelled'));
  });

  it('follows the language', async () => {
    await i18n.changeLanguage('en');
    try {
      expect(problemMessage(i18n.t, new ApiError(429, 'sign_in_throttled', [], 45))).toBe(
        'Something was not right a few times in a row. To protect your account, you can try again in 45 seconds.',
      );
    } finally {
      await i18n.changeLanguage('nl');
    }
  });
});

describe('field problems', () => {
  const refused = new ApiError(400, 'validation_failed', [
    { field: 'body/email', code: 'email_taken', message: '' },
    { field: 'body/password', code: 'password_too_weak', message: '' },
    { field: 'body/password', code: 'password_feedback.straightRow', message: '' },
    { field: 'body/password', code: 'password_feedback.no_such_advice', message: '' },
    { field: 'body/password', code: 'too_small', message: '' },
    { field: 'body/other', code: 'too_big', message: '' },
  ]);

  it('puts each reason next to its input, once, in the server’s order; other fields are left out', () => {
    expect(fieldProblemsFrom(i18n.t, refused, { 'body/password': 'new-password', 'body/email': 'email' })).toEqual([
      { fieldId: 'email', message: 'Dit e-mailadres hoort al bij een ander account.' },
      {
        fieldId: 'new-password',
        message:
          'Dit wachtwoord is te makkelijk te raden. Rijen toetsen naast elkaar zijn makkelijk te raden. Dit is te kort of niet ingevuld.',
      },
    ]);
    expect(fieldProblemsFrom(i18n.t, new TypeError('offline'), { 'body/email': 'email' })).toEqual([]);
  });

  it('gives forms with their own texts the codes by the form’s paths', () => {
    const codes = fieldCodesByPath(
      new ApiError(400, 'validation_failed', [
        { field: 'body/contact/phone', code: 'invalid_format', message: '' },
        { field: 'body/contact/phone', code: 'too_big', message: '' },
      ]),
    );
    expect([...codes]).toEqual([['contact.phone', 'invalid_format']]);
  });

  it('words a refused package text with the content check', () => {
    const draft = {
      title: { nl: 'Titel', en: 'Title' },
      summary: { nl: 'Samenvatting', en: 'Summary' },
      body: { nl: 'Tekst met <b>HTML</b>', en: 'Text' },
    };
    const error = new ApiError(400, 'content_check_failed', [{ field: 'body/body/nl', code: 'raw_html', message: '' }]);
    const [problem, ...others] = refusalProblems(i18n.t, error, draft, { packageSlugs: [] });
    expect(others).toEqual([]);
    expect(problem?.fieldId).toBe('content-body-nl');
    expect(problem?.message).toMatch(/^Tekst van de pagina \(Nederlands\): HTML kan niet: „<b>”/);
  });
});
