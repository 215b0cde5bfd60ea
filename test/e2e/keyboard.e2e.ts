import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, type OpenedPage, openPage, visit } from './helpers/browser.ts';
import { type Focused, focused, tabUntil } from './helpers/keyboard.ts';

/** A keyboard user must always see where focus is (WCAG 2.4.7). */
function expectVisibleFocus(element: Focused) {
  expect(element.focusVisible, `${element.tag} "${element.name}" should match :focus-visible`).toBe(true);
  expect(element.outlineStyle, `${element.tag} "${element.name}" has no focus outline`).not.toBe('none');
  expect(Number.parseFloat(element.outlineWidth)).toBeGreaterThanOrEqual(2);
}

async function current(page: Page): Promise<Focused> {
  const element = await focused(page);
  if (!element) throw new Error('Nothing has focus');
  return element;
}

const named = (name: string) => (element: Focused) => element.name === name;

describe('keyboard only', () => {
  let browser: Browser;
  let opened: OpenedPage;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  beforeEach(async () => {
    opened = await openPage(browser);
    page = opened.page;
    await visit(page, '/');
    await page.getByRole('heading', { level: 3 }).first().waitFor();
  });

  afterEach(async () => {
    await opened?.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('starts at the skip link, which moves focus into the main content', async () => {
    await page.keyboard.press('Tab');
    const skip = await current(page);
    expect(skip).toMatchObject({ tag: 'a', name: 'Direct naar de inhoud', href: '#inhoud' });
    expectVisibleFocus(skip);
    // Off screen until focused, then in view.
    const box = await page.getByRole('link', { name: 'Direct naar de inhoud' }).boundingBox();
    expect(box && box.width > 1 && box.height > 1 && box.y >= 0).toBe(true);

    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page))?.id).toBe('inhoud');
    expect((await focused(page))?.tag).toBe('main');

    // The next Tab continues from the main content (the first part's link), not from the top of the page.
    await page.keyboard.press('Tab');
    const next = await focused(page);
    expect(next?.name).toBe('Ondersteuningsteam Weerbaar Bestuur');
    expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
  });

  it('reaches the help numbers, the brand link, the language buttons, sign-in and the main menu in order, with visible focus', async () => {
    const { stops } = await tabUntil(page, (element) => element.name === 'Veiligheidspakket' && element.tag === 'a');
    expect(stops.map((stop) => stop.name)).toEqual([
      'Direct naar de inhoud',
      'Bel 112, alarmnummer',
      'Bel het Ondersteuningsteam Weerbaar Bestuur: 070 373 83 14',
      'Weerbaar, naar de startpagina',
      'Nederlands',
      'English',
      'Inloggen',
      'Veiligheidspakket',
    ]);
    for (const stop of stops) expectVisibleFocus(stop);
  });

  it('operates the language switch with Enter and with Space', async () => {
    const { target } = await tabUntil(page, named('English'));
    expect(target.tag).toBe('button');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Safety package');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Focus stays on the button that was pressed.
    expect((await focused(page))?.name).toBe('English');

    await page.keyboard.press('Shift+Tab');
    const dutch = await current(page);
    expect(dutch.name).toBe('Nederlands');
    expectVisibleFocus(dutch);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Veiligheidspakket');
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
  });

  it('reaches the footer links and opens the privacy statement, moving focus to the new content', async () => {
    const { stops } = await tabUntil(page, named('Toegankelijkheidsverklaring'));
    const names = stops.map((stop) => stop.name);
    expect(names).toContain('Privacyverklaring');
    expect(names.indexOf('Privacyverklaring')).toBeLessThan(names.indexOf('Toegankelijkheidsverklaring'));
    for (const stop of stops) expectVisibleFocus(stop);

    await page.keyboard.press('Shift+Tab');
    expect((await focused(page))?.name).toBe('Privacyverklaring');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/privacyverklaring');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Privacyverklaring');
    await expect.poll(async () => (await focused(page))?.id).toBe('inhoud');
    await expect.poll(() => page.title()).toBe('Privacyverklaring | Weerbaar');
  });

  it('goes back home from the brand link with Enter', async () => {
    await page.goto('/toegankelijkheidsverklaring');
    await page.locator('h1').waitFor();
    await tabUntil(page, named('Weerbaar, naar de startpagina'));
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Veiligheidspakket');
    await expect.poll(async () => (await focused(page))?.id).toBe('inhoud');
  });
});
