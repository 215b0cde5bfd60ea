import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser, type OpenedPage, type OpenPageOptions, openPage, visit } from './helpers/browser.ts';
import { CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

async function toEnglish(page: Page) {
  await page.getByRole('button', { name: 'English' }).click();
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
}

describe('package part pages and search', () => {
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
    return opened.page;
  }

  it('opens a part from its card on the home page, with the full text and what to do next', async () => {
    const page = await open('/');
    await page.getByRole('link', { name: 'Aangifte, melden en schade' }).click();
    await page.waitForURL('**/pakket/aangifte-melden-schade');
    await expect.poll(() => h1(page)).toBe('Aangifte, melden en schade');
    await expect.poll(() => page.title()).toBe('Aangifte, melden en schade | Weerbaar');
    const main = page.getByRole('main');
    await expect.poll(() => main.getByRole('heading', { level: 2, name: 'Uw privéadres beschermen' }).count()).toBe(1);
    // Markdown emphasis arrives as real elements, and no markup characters are left over.
    await expect.poll(() => main.locator('strong', { hasText: 'Aangifte onder nummer' }).count()).toBe(1);
    expect(await main.textContent()).not.toMatch(/\*\*|\]\(|##/);
    const next = main.getByRole('heading', { level: 2, name: 'Wat kunt u nu doen?' });
    await expect.poll(() => next.count()).toBe(1);
    expect(await main.getByRole('link', { name: '070 373 83 14' }).getAttribute('href')).toBe('tel:+31703738314');
    expect(await main.getByRole('link', { name: '0800 7000' }).getAttribute('href')).toBe('tel:08007000');
    const police = main.getByRole('link', { name: 'politie', exact: true });
    expect(await police.getAttribute('href')).toBe('https://www.politie.nl/themas/aangifte-doen.html');
    expect(await police.getAttribute('rel')).toBe('noopener noreferrer');
    await expectNoAxeViolations(page, 'part page (nl)');
  });

  it('shows the part in English after a switch, without loading it again', async () => {
    const page = await open('/pakket/woningscan-en-zelfscan');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await toEnglish(page);
    await expect.poll(() => h1(page)).toBe('Self-scan, home scan and safety talk');
    const text = (await page.getByRole('main').textContent()) ?? '';
    expect(text).toContain('no fixed amount and no fixed package');
    expect(text).toContain('That scheme applied from 2021 to 2023. It no longer applies.');
    expect(requests.filter((url) => url.includes('/api/'))).toEqual([]);
    await expectNoAxeViolations(page, 'part page (en)');
  });

  it('follows an internal link in the text within the app', async () => {
    const page = await open('/pakket/ondersteuningsteam');
    await page.getByRole('main').getByRole('link', { name: 'zelfscan persoonlijke veiligheid' }).click();
    await page.waitForURL('**/zelfscan');
    await expect.poll(() => h1(page)).toBe('Zelfscan persoonlijke veiligheid');
  });

  it('leads from the home part to the zelfscan, also in English', async () => {
    const page = await open('/pakket/woningscan-en-zelfscan');
    await toEnglish(page);
    const main = page.getByRole('main');
    expect(await main.getByRole('link', { name: 'ask the Support Team for help online' }).getAttribute('href')).toBe(
      '/hulp-vragen',
    );
    await main.getByRole('link', { name: 'personal safety self-scan' }).click();
    await page.waitForURL('**/zelfscan');
    await expect.poll(() => h1(page)).toBe('Personal safety self-scan');
  });

  it('says so when a part does not exist', async () => {
    const page = await open('/pakket/bestaat-niet');
    await expect.poll(() => h1(page)).toBe('Onderdeel niet gevonden');
    expect(await page.getByRole('link', { name: 'Terug naar het Veiligheidspakket' }).getAttribute('href')).toBe('/');
    await expectNoAxeViolations(page, 'unknown part');
  });

  it('searches from the main menu and lists the matching parts, best first', async () => {
    const page = await open('/');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Zoeken' }).click();
    await page.waitForURL('**/zoeken');
    await expect.poll(() => h1(page)).toBe('Zoeken in het pakket');
    await expectNoAxeViolations(page, 'search page, empty');

    await page.getByLabel('Waar zoekt u naar?').fill('aangifte');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/zoeken?q=aangifte');
    const results = page.getByRole('region', { name: 'Resultaten' });
    const first = results.getByRole('listitem').first();
    await first.waitFor();
    expect(await first.getByRole('link').textContent()).toBe('Aangifte, melden en schade');
    expect(await first.locator('mark').first().textContent()).toMatch(/aangifte/i);
    expect(await results.getByRole('status').textContent()).toMatch(/^\d+ resultaten voor ‘aangifte’\.$/);
    await expect.poll(() => page.title()).toBe('Zoeken naar ‘aangifte’ | Weerbaar');
    await expectNoAxeViolations(page, 'search results (nl)');

    await first.getByRole('link').click();
    await page.waitForURL('**/pakket/aangifte-melden-schade');
    await page.goBack();
    await page.waitForURL('**/zoeken?q=aangifte');
    expect(await page.getByLabel('Waar zoekt u naar?').inputValue()).toBe('aangifte');
  });

  it('announces a query that is too short instead of searching', async () => {
    const page = await open('/zoeken');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.getByLabel('Waar zoekt u naar?').fill('a');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'tekens' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe('Typ minstens 2 tekens.');
    expect(await page.getByLabel('Waar zoekt u naar?').getAttribute('aria-invalid')).toBe('true');
    expect(requests.filter((url) => url.includes('/api/package/search'))).toEqual([]);
    await expectNoAxeViolations(page, 'search, too short');
  });

  it('searches in English, across both languages, and shows nothing odd for odd input', async () => {
    const page = await open('/zoeken');
    await toEnglish(page);
    await page.getByLabel('What are you looking for?').fill('nazorg');
    await page.keyboard.press('Enter');
    const first = page.getByRole('region', { name: 'Results' }).getByRole('listitem').first();
    await first.waitFor();
    // A Dutch word finds the part; its title and quote are English.
    expect(await first.getByRole('link').textContent()).toBe('Debriefing and aftercare after an incident');
    await expectNoAxeViolations(page, 'search results (en)');

    await page.getByLabel('What are you looking for?').fill('<script>alert(1)</script>');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('0 results for ‘<script>alert(1)</script>’.');
    expect(await page.locator('main script').count()).toBe(0);
  });

  for (const { path, name } of [
    { path: '/pakket/aangifte-melden-schade', name: 'a part page' },
    { path: '/zoeken?q=woningscan', name: 'search results' },
  ]) {
    for (const locale of ['nl', 'en'] as const) {
      it(`fits ${name} at 320 px in ${locale} without sideways scrolling`, async () => {
        const page = await open(path, { viewport: { width: 320, height: 640 } });
        if (locale === 'en') await toEnglish(page);
        await page.getByRole('main').getByRole('link').first().waitFor();
        expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
        await expectNoAxeViolations(page, `${name} at 320 px (${locale})`);
      });
    }
  }
});

describe('package parts lead a signed-in office holder to the online services', () => {
  let server: CaseServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    const mayor = await inviteAndActivate(admin, {
      displayName: 'Bea Burgemeester',
      email: 'bea@example.org',
      roles: ['officeholder'],
      office: 'burgemeester',
      region: 'Utrecht',
    });
    context = await personContext(browser, mayor);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('goes from the Support Team part to the support request, and from the SIPA part to the SIPA request', async () => {
    const page = await context.newPage();
    const main = page.getByRole('main');
    await visit(page, '/pakket/ondersteuningsteam');
    await main.getByRole('link', { name: 'Vraag online hulp aan het Ondersteuningsteam' }).click();
    await page.waitForURL('**/hulp-vragen');
    await expect.poll(() => h1(page)).toBe('Hulp vragen');

    await visit(page, '/pakket/aangifte-melden-schade');
    await main.getByRole('link', { name: 'vraag dan online hulp aan het Ondersteuningsteam' }).click();
    await page.waitForURL('**/hulp-vragen');
    await expect.poll(() => h1(page)).toBe('Hulp vragen');

    await visit(page, '/pakket/sipa');
    await main.getByRole('link', { name: 'Vraag advies aan SIPA' }).click();
    await page.waitForURL('**/sipa/advies-vragen');
    await expect.poll(() => h1(page)).toBe('Advies vragen aan SIPA');
    await page.close();
  });
});
