import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../src/shared/zelfscan/shipped.ts';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

const steps = questionnaire.categories.map((category) =>
  questionnaire.questions.filter((question) => question.category === category.id),
);
const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const pickFirst =
  evaluate(questionnaire, {
    version: questionnaire.version,
    answers: Object.fromEntries(questionnaire.questions.map((q) => [q.id, q.options[0]?.id ?? ''])),
  }).tips.length > 0;
/** The option this test gives to every question: the end of the list that gives tips. */
const pick = (question: (typeof questionnaire.questions)[number]) =>
  (pickFirst ? question.options[0] : question.options.at(-1))?.id ?? '';

/** Takes the whole scan by mouse, choosing the option of every question that gives tips. */
async function takeScan(page: Page) {
  await page.goto('/zelfscan');
  // A finished scan of this tab would offer to go on; start afresh.
  await page.evaluate(() => window.sessionStorage.clear());
  await page.reload();
  await page.getByRole('button', { name: 'Start de zelfscan' }).click();
  for (const [index, questions] of steps.entries()) {
    await expect.poll(() => page.getByText(`Stap ${index + 1} van 4`, { exact: true }).count()).toBe(1);
    for (const question of questions) {
      await page.locator(`label[for="vraag-${question.id}-${pick(question)}"]`).click();
    }
    await page.getByRole('button', { name: index === steps.length - 1 ? 'Bekijk uw uitslag' : 'Volgende' }).click();
  }
  await page.waitForURL('**/zelfscan/uitslag');
  await expect.poll(() => h1(page)).toBe('Uw uitslag van de zelfscan');
}

describe('saved zelfscan result and action plan (signed in)', () => {
  let server: CaseServer;
  let browser: Browser;
  let officeholder: ApiPerson;
  let context: BrowserContext;
  let page: Page;
  const answers = Object.fromEntries(questionnaire.questions.map((q) => [q.id, pick(q)]));
  const expected = evaluate(questionnaire, { version: questionnaire.version, answers });

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    officeholder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    context = await personContext(browser, officeholder);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('saves the result, then ticks off an action with a date', async () => {
    expect(expected.tips.length).toBeGreaterThan(0);
    await takeScan(page);
    const save = page.getByRole('button', { name: 'Bewaar mijn resultaat' });
    await save.waitFor();
    await expectNoAxeViolations(page, 'result, signed in, not saved');

    await save.click();
    await page.getByRole('heading', { name: 'Mijn actieplan' }).waitFor();
    await expect.poll(() => page.getByText('Uw resultaat is bewaard.', { exact: false }).count()).toBe(1);
    await expectNoAxeViolations(page, 'result saved, action plan');

    const firstTip = expected.tips[0];
    if (!firstTip) throw new Error('no tips');
    const date = page.locator(`#action-${firstTip.id}-date`);
    await date.fill('2026-12-15');
    await expect.poll(async () => (await officeholderResult()).plannedFor).toBe('2026-12-15');
    // Controlled by the server's answer: click, then wait for the saved state.
    await page.locator(`#action-${firstTip.id}-done`).click();
    await expect.poll(() => page.locator(`#action-${firstTip.id}-done`).isChecked()).toBe(true);
    await expect.poll(async () => (await officeholderResult()).done).toBe(true);
    await page.getByText(`1 van de ${expected.tips.length} acties gedaan.`).waitFor();
    await expectNoAxeViolations(page, 'action ticked off with a date');

    async function officeholderResult() {
      const { results } = await officeholder.request<{ results: { id: string }[] }>('GET', '/api/me/zelfscan/results');
      const { result } = await officeholder.request<{
        result: { actions: { tipId: string; done: boolean; plannedFor: string | null }[] };
      }>('GET', `/api/me/zelfscan/results/${results[0]?.id}`);
      return result.actions.find((action) => action.tipId === firstTip?.id) ?? { done: false, plannedFor: null };
    }
  });

  it('keeps the saved result and its plan after a reload, without offering to save it again', async () => {
    const firstTip = expected.tips[0];
    if (!firstTip) throw new Error('no tips');
    await page.reload();
    await page.getByRole('heading', { name: 'Mijn actieplan' }).waitFor();
    expect(await page.getByRole('button', { name: 'Bewaar mijn resultaat' }).count()).toBe(0);
    expect(await page.locator(`#action-${firstTip.id}-done`).isChecked()).toBe(true);
    expect(await page.locator(`#action-${firstTip.id}-date`).inputValue()).toBe('2026-12-15');
    await page.getByText(`1 van de ${expected.tips.length} acties gedaan.`).waitFor();
    // The page no longer says the result lives only in this tab.
    expect(await page.getByText('Deze uitslag staat in dit tabblad', { exact: false }).count()).toBe(0);
    await expect
      .poll(() => page.getByText('Deze uitslag staat bewaard in uw account.', { exact: false }).count())
      .toBe(1);
    const { results } = await officeholder.request<{ results: unknown[] }>('GET', '/api/me/zelfscan/results');
    expect(results).toHaveLength(1);

    // Every checkbox and date field of the plan has a name of its own, not ten times "Gedaan".
    const names = await page
      .locator('.weerbaar-action-plan input')
      .evaluateAll((inputs) =>
        inputs.map((input) => ((input as HTMLInputElement).labels?.[0]?.textContent ?? '').replace(/\s+/g, ' ').trim()),
      );
    expect(names.length).toBe(expected.tips.length * 2);
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toMatch(/^Gedaan: .+/);
    await expectNoAxeViolations(page, 'saved result after a reload');
  });

  it('shows the change since the previous time once there are two saved results', async () => {
    await takeScan(page);
    await page.getByRole('button', { name: 'Bewaar mijn resultaat' }).click();
    await page.getByRole('heading', { name: 'Wat is er veranderd sinds de vorige keer?' }).waitFor();
    await expect.poll(() => page.getByRole('table').count()).toBe(1);
    await expectNoAxeViolations(page, 'change since the previous time');
  });

  it('downloads the saved result as a PDF, with the plan and the change since last time', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Zelfscan \d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = extractPdfText(await readFile((await download.path()) ?? ''));
    expect(pdf.lang).toBe('nl-NL');
    const text = flattenText(pdf.text);
    expect(text).toContain('Uitslag van de zelfscan persoonlijke veiligheid');
    expect(text).toContain('Mijn actieplan');
    expect(text).toContain('Wat is er veranderd sinds de vorige keer?');
    expect(text).toContain('Acuut gevaar? Bel 112.');
    expect(await page.getByText('Het downloaden is niet gelukt.', { exact: false }).count()).toBe(0);
  });

  it('lists my results in Mijn zelfscans (320 px, English): the chart, reopen, go on with the plan, delete', async () => {
    const small = await personContext(browser, officeholder, { width: 320, height: 640 });
    await small.addInitScript(() => window.localStorage.setItem('weerbaar.locale', 'en'));
    const phone = await small.newPage();
    try {
      await phone.goto('/zelfscan/mijn-uitslagen');
      await expect.poll(() => h1(phone)).toBe('My self-scans');
      const chart = phone.getByRole('img', { name: /^Chart: score per topic over time/ });
      await chart.waitFor();
      await expect
        .poll(() => phone.getByRole('table', { name: /Score per topic at each saved result/ }).count())
        .toBe(1);
      const items = phone.getByRole('link', { name: /^Self-scan of / });
      await expect.poll(() => items.count()).toBe(2);
      await expectNoAxeViolations(phone, 'my self-scans, 320 px, English');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);

      // The older result is the one with the plan started; reopen it and go on.
      await items.nth(1).click();
      await phone.getByRole('heading', { name: 'My action plan' }).waitFor();
      await phone.getByText(`1 of ${expected.tips.length} actions done.`).waitFor();
      const secondTip = expected.tips[1];
      if (!secondTip) throw new Error('fewer than two tips');
      await phone
        .getByRole('checkbox', { name: /^Done\b/ })
        .nth(1)
        .click();
      await phone.getByText(`2 of ${expected.tips.length} actions done.`).waitFor();
      await expectNoAxeViolations(phone, 'one saved result, 320 px, English');
      expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      const opened = phone.url().split('/').at(-1) ?? '';
      const { result } = await officeholder.request<{ result: { actions: { tipId: string; done: boolean }[] } }>(
        'GET',
        `/api/me/zelfscan/results/${opened}`,
      );
      expect(result.actions.filter((action) => action.done).map((action) => action.tipId)).toEqual(
        expected.tips.slice(0, 2).map((tip) => tip.id),
      );

      // Delete it, after a confirmation.
      await phone.getByRole('button', { name: 'Delete this result' }).click();
      const dialog = phone.getByRole('dialog', { name: 'Delete this result?' });
      await dialog.waitFor();
      await expectNoAxeViolations(phone, 'delete confirmation, 320 px');
      await dialog.getByRole('button', { name: 'Yes, delete' }).click();
      await phone.waitForURL('**/zelfscan/mijn-uitslagen');
      await phone.getByText('The result has been deleted.').waitFor();
      await expect.poll(() => phone.getByRole('link', { name: /^Self-scan of / }).count()).toBe(1);
      const { results } = await officeholder.request<{ results: { id: string }[] }>('GET', '/api/me/zelfscan/results');
      expect(results.map((item) => item.id)).not.toContain(opened);
      expect(results).toHaveLength(1);
      await expectNoAxeViolations(phone, 'after deleting, 320 px');
    } finally {
      await small.close();
    }
  });

  it('deletes the saved result on the result page after a confirmation', async () => {
    const before = await officeholder.request<{ results: unknown[] }>('GET', '/api/me/zelfscan/results');
    await page.getByRole('button', { name: 'Verwijder dit bewaarde resultaat' }).click();
    const dialog = page.getByRole('dialog', { name: 'Bewaard resultaat verwijderen?' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'delete the saved result: confirmation');
    await dialog.getByRole('button', { name: 'Verwijderen', exact: true }).click();
    await page.getByText('Het bewaarde resultaat is verwijderd.').waitFor();
    await page.getByRole('button', { name: 'Bewaar mijn resultaat' }).waitFor();
    const left = await officeholder.request<{ results: unknown[] }>('GET', '/api/me/zelfscan/results');
    expect(left.results.length).toBe(before.results.length - 1);
  });
});
