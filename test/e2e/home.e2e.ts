import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackagePartsResponse } from '../../src/shared/package.ts';
import { baseUrl, launchBrowser, type OpenedPage, openPage, visit } from './helpers/browser.ts';

describe('home page', () => {
  let browser: Browser;
  let opened: OpenedPage;
  /** What the browser says in its console while the page loads (warnings included: headers it cannot read). */
  const consoleMessages: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    opened = await openPage(browser);
    opened.page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') consoleMessages.push(message.text());
    });
    await visit(opened.page, '/');
  });

  afterAll(async () => {
    await opened?.close();
    await browser?.close();
  });

  it('is in Dutch by default, with its own title', async () => {
    const { page } = opened;
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await expect.poll(() => page.title()).toBe('Veiligheidspakket | Weerbaar');
    const headings = page.getByRole('heading', { level: 1 });
    await expect.poll(() => headings.count()).toBe(1);
    expect(await headings.textContent()).toBe('Veiligheidspakket');
  });

  it('loads without a warning or an error in the browser console', async () => {
    await opened.page
      .getByRole('region', { name: 'Wat zit er in het pakket?' })
      .getByRole('listitem')
      .first()
      .waitFor();
    expect(consoleMessages).toEqual([]);
  });

  it('shows every part of the package, in the order the API gives them', async () => {
    const { page } = opened;
    const response = await fetch(`${baseUrl()}/api/package/parts`, { headers: { Accept: 'application/json' } });
    expect(response.status).toBe(200);
    const { parts } = (await response.json()) as PackagePartsResponse;
    expect(parts).toHaveLength(7);

    const region = page.getByRole('region', { name: 'Wat zit er in het pakket?' });
    const titles = region.getByRole('heading', { level: 3 });
    await titles.first().waitFor();
    expect(await titles.allTextContents()).toEqual(parts.map((part) => part.title.nl));
    await expect.poll(() => region.getByRole('listitem').count()).toBe(7);
    await expect.poll(() => region.getByText('Onderdeel 7', { exact: true }).count()).toBe(1);
  });

  it('shows 112 and the support team’s 24/7 number in the footer', async () => {
    const footer = opened.page.getByRole('contentinfo');
    const text = ((await footer.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Acute dreiging? Bel 112');
    expect(text).toContain('070 373 83 14');

    const support = footer.getByRole('link', { name: 'Bel het Ondersteuningsteam Weerbaar Bestuur: 070 373 83 14' });
    expect(await support.getAttribute('href')).toBe('tel:+31703738314');
    expect(await footer.getByRole('link', { name: 'Bel 112, alarmnummer' }).getAttribute('href')).toBe('tel:112');
  });

  it('shows the help numbers above the header too', async () => {
    const bar = opened.page.getByRole('complementary', { name: 'Hulp nodig' });
    const text = ((await bar.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(text).toContain('Acute dreiging? Bel 112');
    expect(text).toContain('070 373 83 14');
  });

  it('links to the privacy and accessibility statements', async () => {
    const footerLinks = opened.page.getByRole('navigation', { name: 'Over deze website' });
    expect(await footerLinks.getByRole('link', { name: 'Privacyverklaring' }).getAttribute('href')).toBe(
      '/privacyverklaring',
    );
    expect(await footerLinks.getByRole('link', { name: 'Toegankelijkheidsverklaring' }).getAttribute('href')).toBe(
      '/toegankelijkheidsverklaring',
    );
  });
});
