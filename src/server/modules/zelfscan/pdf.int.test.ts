import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { uniformAnswers } from '../../../../test/helpers/zelfscan-answers.ts';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { evaluate } from '../../../shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as Q } from '../../../shared/zelfscan/shipped.ts';
import type { SavedResult } from '../../../shared/zelfscan-api.ts';
import { longDate, ZELFSCAN_PDF_TEXTS } from '../../lib/texts/index.ts';

const worstPick = evaluate(Q, uniformAnswers(Q, 'first')).tips.length > 0 ? 'first' : 'last';
const worst = uniformAnswers(Q, worstPick);
const best = uniformAnswers(Q, worstPick === 'first' ? 'last' : 'first');
const BASE = '/api/me/zelfscan/results';

describe('a saved zelfscan result as a PDF', () => {
  let t: TestApp;
  let owner: TestActor;
  let previous: SavedResult;
  let current: SavedResult;

  const call = (actor: TestActor | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: actor?.headers ?? {}, ...(payload ? { payload } : {}) });

  async function save(actor: TestActor, answers: Record<string, string>): Promise<SavedResult> {
    const response = await call(actor, 'POST', BASE, { questionnaireVersion: Q.version, answers });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().result as SavedResult;
  }

  beforeAll(async () => {
    t = await createTestApp();
    owner = await createActor(t, ['officeholder']);
    previous = await save(owner, best.answers);
    current = await save(owner, worst.answers);
    const [first, second] = current.tips;
    if (!first || !second) throw new Error('the worst answers give at least two tips');
    await call(owner, 'PATCH', `${BASE}/${current.id}/actions/${first.id}`, { done: true });
    await call(owner, 'PATCH', `${BASE}/${current.id}/actions/${second.id}`, { plannedFor: '2026-12-15' });
  });
  afterAll(async () => t?.close());

  it('gives the owner a PDF in Dutch with the result, the tips, the plan, the change and the help numbers', async () => {
    const response = await call(owner, 'GET', `${BASE}/${current.id}/pdf`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(
      new RegExp(`^attachment; filename="Zelfscan ${current.createdAt.slice(0, 10)}.pdf"`),
    );
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');

    const pdf = extractPdfText(response.rawPayload);
    expect(pdf.lang).toBe('nl-NL');
    expect(pdf.fontsEmbedded).toBe(true);
    expect(pdf.info.Title).toContain('Uitslag van de zelfscan persoonlijke veiligheid');
    const text = flattenText(pdf.text);
    expect(text).toContain('Uitslag van de zelfscan persoonlijke veiligheid');
    expect(text).toContain(`Gedaan op ${longDate('nl', current.createdAt)}`);
    expect(text).toContain(`Versie van de vragenlijst: ${Q.version}`);
    // Per category: the title, the light in words, the score and the explanation.
    for (const outcome of current.categories) {
      const category = Q.categories.find((candidate) => candidate.id === outcome.category);
      expect(text).toContain(category?.title.nl);
      expect(text).toContain(flattenText(ZELFSCAN_PDF_TEXTS.nl.light[outcome.light]));
      expect(text).toContain(flattenText(ZELFSCAN_PDF_TEXTS.nl.explanation[outcome.explanation]));
      if (outcome.score !== null) expect(text).toContain(`Score: ${outcome.score} van 100`);
    }
    expect(text).toContain('Wat betekenen de kleuren?');
    // The tips by priority, with the link written out.
    for (const [index, item] of current.tips.entries()) {
      const tip = Q.tips.find((candidate) => candidate.id === item.id);
      expect(text).toContain(`${index + 1}. ${tip?.title.nl}`);
    }
    const linked = Q.tips.find((tip) => current.tips.some((item) => item.id === tip.id) && tip.link);
    expect(text).toContain(`${linked?.link?.label.nl} (localhost`);
    expect(text).toContain(linked?.link?.href);
    // The action plan with each tip's state.
    expect(text).toContain('Mijn actieplan');
    expect(text).toContain(`1 van de ${current.tips.length} acties gedaan.`);
    expect(text).toContain('gepland op 15 december 2026');
    expect(text).toContain('nog niet gepland');
    // The change since the previous result, per category.
    expect(text).toContain('Wat is er veranderd sinds de vorige keer?');
    expect(text).toContain(longDate('nl', previous.createdAt));
    expect(text).toMatch(/vorige keer \d+, nu \d+: minder goed/);
    // The help numbers.
    expect(text).toContain(`Acuut gevaar? Bel ${EMERGENCY_NUMBER}.`);
    expect(text).toContain(SUPPORT_TEAM_PHONE.display);
    // No answers: no question or option text appears.
    for (const question of Q.questions) expect(text).not.toContain(flattenText(question.text.nl));
  });

  it('speaks English with ?lang=en, and refuses other languages', async () => {
    const response = await call(owner, 'GET', `${BASE}/${current.id}/pdf?lang=en`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="Self-scan \d{4}-\d{2}-\d{2}.pdf"/);
    const pdf = extractPdfText(response.rawPayload);
    expect(pdf.lang).toBe('en-GB');
    const text = flattenText(pdf.text);
    expect(text).toContain('Result of the personal safety self-scan');
    expect(text).toContain(`Taken on ${longDate('en', current.createdAt)}`);
    expect(text).toContain('My action plan');
    expect(text).toContain('planned for 15 December 2026');
    expect(text).toContain('What has changed since last time?');
    expect(text).toContain(`Acute danger? Call ${EMERGENCY_NUMBER}.`);
    for (const category of Q.categories) expect(text).toContain(category.title.en);
    expect((await call(owner, 'GET', `${BASE}/${current.id}/pdf?lang=de`)).statusCode).toBe(400);
  });

  it('says there is nothing to compare with for the first saved result', async () => {
    const response = await call(owner, 'GET', `${BASE}/${previous.id}/pdf`);
    expect(response.statusCode).toBe(200);
    expect(flattenText(extractPdfText(response.rawPayload).text)).toContain('Dit is uw eerste bewaarde resultaat.');
  });

  it('is for the owner only: others get the same 404 as a missing result, anonymous callers 401', async () => {
    const others = [
      await createActor(t, ['officeholder']),
      await createActor(t, ['relative']),
      await createActor(t, ['admin']),
      await createActor(t, ['confidant']),
      await createActor(t, ['ot_coordinator']),
    ];
    for (const other of others) {
      const response = await call(other, 'GET', `${BASE}/${current.id}/pdf`);
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await call(owner, 'GET', `${BASE}/00000000-0000-4000-8000-000000000000/pdf`)).statusCode).toBe(404);
    expect((await call(owner, 'GET', `${BASE}/not-a-uuid/pdf`)).statusCode).toBe(400);
    expect((await call(null, 'GET', `${BASE}/${current.id}/pdf`)).statusCode).toBe(401);
  });

  it('caps PDFs per person and minute (rendering is costly), without touching other people', async () => {
    const other = await createActor(t, ['officeholder']);
    const theirs = await save(other, best.answers);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await call(other, 'GET', `${BASE}/${theirs.id}/pdf`)).statusCode);
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    const capped = await call(other, 'GET', `${BASE}/${theirs.id}/pdf`);
    expect(capped.statusCode).toBe(429);
    expect(capped.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect((await call(owner, 'GET', `${BASE}/${current.id}/pdf`)).statusCode).toBe(200);
  });
});
