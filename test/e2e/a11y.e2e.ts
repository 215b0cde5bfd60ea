import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser, type OpenedPage, type OpenPageOptions, openPage, visit } from './helpers/browser.ts';

/** Every page, with the heading it must show in each language and the HTTP status the server gives it. */
const PAGES = [
  { path: '/', status: 200, h1: { nl: 'Veiligheidspakket', en: 'Safety package' } },
  { path: '/privacyverklaring', status: 200, h1: { nl: 'Privacyverklaring', en: 'Privacy statement' } },
  {
    path: '/toegankelijkheidsverklaring',
    status: 200,
    h1: { nl: 'Toegankelijkheidsverklaring', en: 'Accessibility statement' },
  },
  { path: '/bestaat-niet', status: 404, h1: { nl: 'Pagina niet gevonden', en: 'Page not found' } },
] as const;

const LANGUAGES = [
  { locale: 'nl', button: 'Nederlands' },
  { locale: 'en', button: 'English' },
] as const;

/** Waits for content that loads after the first render (the package parts on the home page). */
async function settle(page: Page) {
  if (new URL(page.url()).pathname === '/') await page.getByRole('heading', { level: 3 }).first().waitFor();
}

describe('axe-core: WCAG 2.1 A and AA, zero violations', () => {
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

  async function open(path: string, locale: 'nl' | 'en', options: OpenPageOptions = {}) {
    opened = await openPage(browser, options);
    const { page } = opened;
    const response = await visit(page, path);
    if (locale === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    }
    await settle(page);
    return { page, status: response?.status() };
  }

  for (const { path, status, h1 } of PAGES) {
    for (const { locale, button } of LANGUAGES) {
      it(`${path} in ${button}`, async () => {
        const { page, status: actual } = await open(path, locale);
        expect(actual).toBe(status);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(h1[locale]);
        await expectNoAxeViolations(page, `${path} (${locale})`);
      });
    }
  }

  it('the home page at 320 px wide, without sideways scrolling', async () => {
    const { page } = await open('/', 'nl', { viewport: { width: 320, height: 640 } });
    await expectNoAxeViolations(page, '/ at 320 px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  for (const { path } of PAGES) {
    for (const { locale, button } of LANGUAGES) {
      it(`${path} in ${button} fits 320 px without sideways scrolling`, async () => {
        const { page } = await open(path, locale, { viewport: { width: 320, height: 640 } });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      });
    }
  }

  it('the page with keyboard focus shown (skip link visible)', async () => {
    const { page } = await open('/', 'nl');
    await page.keyboard.press('Tab');
    await expectNoAxeViolations(page, '/ with the skip link focused');
  });
});
