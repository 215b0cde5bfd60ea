import type { Browser, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/shared/zelfscan/evaluate.ts';
import { SHIPPED_QUESTIONNAIRE as questionnaire } from '../../src/shared/zelfscan/shipped.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser, type OpenedPage, type OpenPageOptions, openPage, visit } from './helpers/browser.ts';
import { focused } from './helpers/keyboard.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const steps = questionnaire.categories.map((category) =>
  questionnaire.questions.filter((question) => question.category === category.id),
);

/**
 * The answers this test gives: step 1 by keyboard (the second option of every question), the other steps
 * by mouse (the last option). The expected result comes from the same engine the page runs.
 */
const chosen = Object.fromEntries(
  steps.flatMap((questions, step) =>
    questions.map((question) => [question.id, (step === 0 ? question.options[1] : question.options.at(-1))?.id ?? '']),
  ),
);
const expected = evaluate(questionnaire, { version: questionnaire.version, answers: chosen });

/** Every request the page makes from now on, except static files (the scan's own code is one). */
function watchRequests(page: Page): Request[] {
  const seen: Request[] = [];
  page.on('request', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/assets/')) seen.push(request);
  });
  return seen;
}

/** Tab until focus is on a radio button of the question that has not been answered yet. */
async function tabToQuestion(page: Page, questionId: string) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name);
    if (name === questionId) return;
  }
  throw new Error(`Tab never reached question ${questionId}`);
}

describe('zelfscan persoonlijke veiligheid (anonymous)', () => {
  let browser: Browser;
  let opened: OpenedPage | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, options: OpenPageOptions = {}) {
    opened = await openPage(browser, options);
    await visit(opened.page, path);
    await opened.page.waitForLoadState('networkidle');
    return opened.page;
  }

  it('is taken by keyboard and mouse, sends nothing anywhere, and shows the tips the rules give', async () => {
    const page = await open('/zelfscan');
    const requests = watchRequests(page);
    expect(await h1(page)).toBe('Zelfscan persoonlijke veiligheid');
    await expectNoAxeViolations(page, 'zelfscan intro');

    // Start by keyboard: focus lands on the step's heading.
    await page.getByRole('button', { name: 'Start de zelfscan' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.id).toBe('zelfscan-step-heading');
    await expect.poll(() => page.getByText('Stap 1 van 4', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.title()).toBe('Stap 1 van 4: Veiligheid in en om de woning | Weerbaar');
    await expectNoAxeViolations(page, 'zelfscan step 1');

    // Next without answers: the missing questions are announced, and the summary takes focus.
    await page.getByRole('button', { name: 'Volgende' }).focus();
    await page.keyboard.press('Enter');
    const summary = page.getByRole('alert').filter({ hasText: 'niet beantwoord' });
    await summary.waitFor();
    expect(await summary.getByRole('heading').textContent()).toBe(
      `Er zijn nog ${steps[0]?.length} vragen niet beantwoord`,
    );
    await expect.poll(async () => (await focused(page))?.name).toContain('niet beantwoord');
    const firstGroup = page.getByRole('radiogroup').first();
    expect(await firstGroup.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, 'zelfscan step 1 with errors');

    // A summary link moves focus to its question.
    await summary.getByRole('link').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.tag).toBe('input');

    // Step 1 by keyboard: into each radio group, the arrow key picks the second option.
    await page.getByRole('heading', { name: 'Veiligheid in en om de woning' }).focus();
    for (const question of steps[0] ?? []) {
      await tabToQuestion(page, question.id);
      await page.keyboard.press('ArrowDown');
      await expect
        .poll(() => page.locator(`input[name="${question.id}"]:checked`).getAttribute('value'))
        .toBe(chosen[question.id]);
    }
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'niet beantwoord' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Volgende' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('Stap 2 van 4', { exact: true }).count()).toBe(1);

    // Back keeps the answers; then forward again.
    await page.getByRole('button', { name: 'Vorige' }).click();
    await expect.poll(() => page.getByText('Stap 1 van 4', { exact: true }).count()).toBe(1);
    const firstQuestion = steps[0]?.[0];
    if (!firstQuestion) throw new Error('no questions');
    expect(await page.locator(`input[name="${firstQuestion.id}"]:checked`).getAttribute('value')).toBe(
      chosen[firstQuestion.id],
    );
    await page.getByRole('button', { name: 'Volgende' }).click();

    // Steps 2 to 4 by mouse: click the label of the last option.
    for (const [index, questions] of steps.entries()) {
      if (index === 0) continue;
      await expect.poll(() => page.getByText(`Stap ${index + 1} van 4`, { exact: true }).count()).toBe(1);
      for (const question of questions) {
        const option = question.options.at(-1);
        await page.locator(`label[for="vraag-${question.id}-${option?.id}"]`).click();
      }
      if (index === 2) await expectNoAxeViolations(page, 'zelfscan step 3, answered');
      await page.getByRole('button', { name: index === steps.length - 1 ? 'Bekijk uw uitslag' : 'Volgende' }).click();
    }

    // The result: a light per category in words, the tips in the engine's order.
    await page.waitForURL('**/zelfscan/uitslag');
    await expect.poll(() => h1(page)).toBe('Uw uitslag van de zelfscan');
    // "Hulp nodig?" leads to the online request, not only to a phone number.
    const helpLink = page.getByRole('link', { name: 'Vraag online hulp aan het Ondersteuningsteam' });
    expect(await helpLink.getAttribute('href')).toBe('/hulp-vragen');
    const lights = page.locator('.weerbaar-light__label');
    const lightText = {
      green: 'Groen: goed geregeld',
      orange: 'Oranje: let op',
      red: 'Rood: hier valt veel te winnen',
    };
    expect(await lights.allTextContents()).toEqual(expected.categories.map((category) => lightText[category.light]));
    const tipTitles = page.getByRole('region', { name: /Uw tips?/ }).getByRole('heading', { level: 3 });
    expect(expected.tips.length).toBeGreaterThan(3);
    expect(await tipTitles.allTextContents()).toEqual(
      expected.tips.map((tip) => questionnaire.tips.find((candidate) => candidate.id === tip.id)?.title.nl),
    );
    expect(await page.getByText('Eerst doen', { exact: true }).count()).toBe(
      expected.tips.filter((tip) => tip.priority === 'high').length,
    );
    expect(
      await page
        .getByRole('region', { name: /Uw tips?/ })
        .getByRole('link', { name: 'Over melden en aangifte doen' })
        .first()
        .getAttribute('href'),
    ).toBe('/pakket/aangifte-melden-schade');
    await expectNoAxeViolations(page, 'zelfscan result');

    // Printing: the button opens the browser's print dialog; the print view drops menus and buttons.
    await page.evaluate(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.getByRole('button', { name: 'Print of bewaar als PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print of bewaar als PDF' }).isVisible()).toBe(false);
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 3, name: 'Veiligheid onderweg' }).isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // Not a single request left the page during the scan: no API call, nothing carrying answers.
    expect(requests.map((request) => `${request.method()} ${request.url()}`)).toEqual([]);
    // The answers are kept in this tab only, never in localStorage.
    const storage = await page.evaluate(() => ({
      session: sessionStorage.getItem('weerbaar.zelfscan'),
      local: Object.keys(localStorage).filter((key) => key.includes('zelfscan')),
    }));
    expect(JSON.parse(storage.session ?? '{}').answers).toEqual(chosen);
    expect(storage.local).toEqual([]);
  });

  it('keeps the result on a reload of the tab, but another tab knows nothing of it', async () => {
    const page = await open('/zelfscan');
    await page.evaluate((scan) => sessionStorage.setItem('weerbaar.zelfscan', JSON.stringify(scan)), {
      version: questionnaire.version,
      answers: chosen,
      step: steps.length,
    });
    await page.goto('/zelfscan/uitslag');
    await expect.poll(() => h1(page)).toBe('Uw uitslag van de zelfscan');

    const other = await opened?.context.newPage();
    if (!other) throw new Error('no page');
    await visit(other, '/zelfscan/uitslag');
    await expect.poll(() => h1(other)).toBe('Nog geen uitslag');
    await expectNoAxeViolations(other, 'zelfscan result without answers');
  });

  it('offers to continue or to start again, and "start again" erases the answers', async () => {
    const page = await open('/zelfscan');
    await page.evaluate((scan) => sessionStorage.setItem('weerbaar.zelfscan', JSON.stringify(scan)), {
      version: questionnaire.version,
      answers: { [steps[0]?.[0]?.id ?? '']: chosen[steps[0]?.[0]?.id ?? ''] },
      step: 0,
    });
    await page.reload();
    await page.getByRole('button', { name: 'Verder waar u was' }).waitFor();
    await page.getByRole('button', { name: 'Opnieuw beginnen' }).click();
    await expect.poll(() => page.getByText('Stap 1 van 4', { exact: true }).count()).toBe(1);
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(0);
  });

  it('ignores stored answers that do not fit the questionnaire', async () => {
    const page = await open('/zelfscan');
    await page.evaluate(() =>
      sessionStorage.setItem('weerbaar.zelfscan', JSON.stringify({ version: '1999-01-01.1', answers: { x: 'y' } })),
    );
    await page.goto('/zelfscan/uitslag');
    await expect.poll(() => h1(page)).toBe('Nog geen uitslag');
  });

  it('switches to English mid-scan without a request, questions and all', async () => {
    const page = await open('/zelfscan');
    const requests = watchRequests(page);
    await page.getByRole('button', { name: 'Start de zelfscan' }).click();
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByText('Step 1 of 4', { exact: true }).count()).toBe(1);
    const legend = page.getByRole('radiogroup').first().locator('legend');
    expect(await legend.textContent()).toBe(`Question 1. ${steps[0]?.[0]?.text.en}`);
    await expectNoAxeViolations(page, 'zelfscan step 1 (en)');
    expect(requests.map((request) => request.url())).toEqual([]);
  });

  for (const locale of ['nl', 'en'] as const) {
    it(`fits the intro, a step and the result at 320 px in ${locale}`, async () => {
      const page = await open('/zelfscan', { viewport: { width: 320, height: 640 } });
      if (locale === 'en') {
        await page.getByRole('button', { name: 'English' }).click();
        await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      }
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await page.getByRole('button', { name: locale === 'nl' ? 'Start de zelfscan' : 'Start the self-scan' }).click();
      await page.getByRole('radiogroup').first().waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page, `zelfscan step at 320 px (${locale})`);
      await page.evaluate((scan) => sessionStorage.setItem('weerbaar.zelfscan', JSON.stringify(scan)), {
        version: questionnaire.version,
        answers: chosen,
        step: steps.length,
      });
      await page.goto('/zelfscan/uitslag');
      await page.locator('.weerbaar-light').first().waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await expectNoAxeViolations(page, `zelfscan result at 320 px (${locale})`);
    });
  }
});
