import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { baseUrl, launchBrowser, type OpenedPage, openPage, visit } from './helpers/browser.ts';

describe('unknown pages', () => {
  let browser: Browser;
  let opened: OpenedPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    opened = await openPage(browser);
  });

  afterAll(async () => {
    await opened?.close();
    await browser?.close();
  });

  it('answer 404 but still show the app’s own not-found page', async () => {
    const { page } = opened;
    const response = await visit(page, '/bestaat-niet');
    expect(response?.status()).toBe(404);
    expect(response?.headers()['content-type']).toMatch(/^text\/html/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
    await expect.poll(() => page.title()).toBe('Pagina niet gevonden | Weerbaar');
    // The shell is there: help numbers, navigation and footer.
    await expect
      .poll(() => page.getByRole('contentinfo').getByRole('link', { name: 'Bel 112, alarmnummer' }).count())
      .toBe(1);
    await expect.poll(() => page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(1);
  });

  it('deeper unknown paths too', async () => {
    const response = await visit(opened.page, '/privacyverklaring/extra');
    expect(response?.status()).toBe(404);
    expect(await opened.page.getByRole('heading', { level: 1 }).textContent()).toBe('Pagina niet gevonden');
  });

  it('offer a way back to the home page', async () => {
    const { page } = opened;
    await visit(page, '/bestaat-niet');
    await page.getByRole('link', { name: 'Naar de startpagina', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Veiligheidspakket');
  });

  it('known pages answer 200 when opened directly', async () => {
    for (const path of ['/', '/privacyverklaring', '/toegankelijkheidsverklaring']) {
      const response = await visit(opened.page, path);
      expect(response?.status(), path).toBe(200);
    }
  });

  it('a page whose code cannot be loaded (a new release while the tab was open) says so calmly, in the shell', async () => {
    const page = await opened.context.newPage();
    try {
      await visit(page, '/');
      // The zelfscan's code loads on demand; make that request fail as it does once a release replaced it.
      await page.route('**/assets/ZelfscanPage-*.js', (route) => route.abort());
      await page.getByRole('link', { name: 'Start de zelfscan' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Er is een nieuwe versie van Weerbaar');
      await expect
        .poll(() => page.getByRole('contentinfo').getByRole('link', { name: 'Bel 112, alarmnummer' }).count())
        .toBe(1);
      await expectNoAxeViolations(page, 'page error (new release)');
      // Loading again works once the code is there.
      await page.unroute('**/assets/ZelfscanPage-*.js');
      await page.getByRole('button', { name: 'Pagina opnieuw laden' }).click();
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toBe('Zelfscan persoonlijke veiligheid');
    } finally {
      await page.close();
    }
  });

  it('an unknown API path gets problem details, not the app', async () => {
    const response = await fetch(`${baseUrl()}/api/bestaat-niet`, { headers: { Accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
