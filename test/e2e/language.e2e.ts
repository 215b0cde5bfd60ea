import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, visit } from './helpers/browser.ts';

describe('language switch', () => {
  let browser: Browser;
  let opened: OpenedPage;

  beforeAll(async () => {
    browser = await launchBrowser();
    opened = await openPage(browser, { locale: 'en-GB' });
  });

  afterAll(async () => {
    await opened?.close();
    await browser?.close();
  });

  const h1 = () => opened.page.getByRole('heading', { level: 1 }).textContent();
  const lang = () => opened.page.locator('html').getAttribute('lang');

  it('starts in Dutch, even in an English browser, and downloads only the Dutch texts', async () => {
    const catalogues: string[] = [];
    opened.page.on('request', (request) => {
      const name = /\/assets\/(i18n-[a-z]+)-/.exec(request.url())?.[1];
      if (name) catalogues.push(name);
    });
    await visit(opened.page, '/');
    expect(catalogues).toEqual(['i18n-nl']);
    expect(await lang()).toBe('nl');
    expect(await h1()).toBe('Veiligheidspakket');
    const nl = opened.page.getByRole('button', { name: 'Nederlands' });
    expect(await nl.getAttribute('aria-current')).toBe('true');
    expect(await nl.getAttribute('lang')).toBe('nl');
  });

  it('switches every text to English', async () => {
    const { page } = opened;
    const english = page.getByRole('button', { name: 'English' });
    expect(await english.getAttribute('lang')).toBe('en');
    const catalogue = page.waitForRequest(/\/assets\/i18n-en-/);
    await english.click();
    await catalogue;

    await expect.poll(h1).toBe('Safety package');
    expect(await lang()).toBe('en');
    await expect.poll(() => page.title()).toBe('Safety package | Weerbaar');
    expect(await english.getAttribute('aria-current')).toBe('true');
    expect(await page.getByRole('button', { name: 'Nederlands' }).getAttribute('aria-current')).toBeNull();
    await expect.poll(() => page.getByRole('link', { name: 'Skip to content' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('navigation', { name: 'Main menu' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'What is in the package?' }).count()).toBe(1);
    await expect.poll(() => page.getByText('Part 1', { exact: true }).count()).toBe(1);
    const footer = ((await page.getByRole('contentinfo').textContent()) ?? '').replace(/\s+/g, ' ');
    expect(footer).toContain('Acute danger? Call 112');
    expect(footer).toContain('070 373 83 14');
  });

  it('remembers the choice after a reload', async () => {
    await opened.page.reload();
    // The first screen arrives in Dutch (it is built once, for everyone); the app then takes over in English.
    await expect.poll(h1).toBe('Safety package');
    await expect.poll(lang).toBe('en');
  });

  it('keeps the choice on other pages', async () => {
    const { page } = opened;
    await page.getByRole('link', { name: 'Privacy statement' }).click();
    await page.waitForURL('**/privacyverklaring');
    await expect.poll(h1).toBe('Privacy statement');
    expect(await lang()).toBe('en');
  });

  it('switches back to Dutch, and remembers that too', async () => {
    const { page } = opened;
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(h1).toBe('Privacyverklaring');
    expect(await lang()).toBe('nl');
    await page.reload();
    await page.locator('h1').waitFor();
    expect(await h1()).toBe('Privacyverklaring');
    expect(await lang()).toBe('nl');
  });
});
