import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { appTookOver, baseUrl, launchBrowser, openPage } from './helpers/browser.ts';

/**
 * The home page (and the zelfscan) arrive with their first screen in the HTML (src/web/prerender.tsx, issue #13): the largest
 * text paints before the app's code runs, and the app then takes the screen over without moving anything.
 */
const LEAD = 'Als politieke ambtsdrager kunt u te maken krijgen met intimidatie';
const PHONE = { width: 390, height: 844 };

interface Paints {
  /** Largest-contentful-paint candidates: when, and how large. */
  largest: { time: number; size: number }[];
  /** Layout shifts, summed as CLS does for a page this short. */
  shift: number;
  /** When `#root` lost its prerendered mark: the app's first commit. */
  tookOverAt: number | null;
}

/** Records the paints and shifts from the first byte on, and the moment the app took over. */
async function recordPaints(page: Page) {
  await page.addInitScript(() => {
    const record = { largest: [] as { time: number; size: number }[], shift: 0, tookOverAt: null as number | null };
    Object.assign(window, { weerbaarPaints: record });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { size: number })[]) {
        record.largest.push({ time: entry.startTime, size: entry.size });
      }
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number })[]) record.shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new MutationObserver((changes, observer) => {
      const root = document.getElementById('root');
      if (!root || root.hasAttribute('data-first-screen')) return;
      if (!changes.some((change) => change.target === root)) return;
      record.tookOverAt = performance.now();
      observer.disconnect();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-first-screen'] });
  });
}

const paintsOf = (page: Page) => page.evaluate(() => (window as unknown as { weerbaarPaints: Paints }).weerbaarPaints);

describe('the home page’s first screen', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is in the HTML the server sends: the help numbers, the heading and the lead, no script inline', async () => {
    const response = await fetch(`${baseUrl()}/`, { headers: { Accept: 'text/html' } });
    const html = await response.text();
    expect(html).toContain('<div id="root" data-first-screen>');
    expect(html).toContain('href="tel:112"');
    expect(html).toContain('href="tel:+31703738314"');
    expect(html).toContain('<h1 class="utrecht-heading-1">Veiligheidspakket</h1>');
    expect(html).toContain(LEAD);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle=/);
    // The app's code waits in a template until the screen is painted; the page's one script starts it.
    expect(html).toMatch(/<template id="weerbaar-app-code"><script type="module" crossorigin src="\/assets\/index-/);
    expect([...html.matchAll(/<script type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1])).toHaveLength(2);
  });

  it('paints its largest text before the app runs, and the app takes over without a shift', async () => {
    const opened = await openPage(browser, { viewport: PHONE });
    try {
      const { page } = opened;
      await recordPaints(page);
      await page.goto('/');
      await appTookOver(page);
      await page.getByRole('region', { name: 'Wat zit er in het pakket?' }).getByRole('listitem').first().waitFor();
      await expect.poll(async () => (await paintsOf(page)).tookOverAt).not.toBeNull();
      const paints = await paintsOf(page);
      const largest = paints.largest.at(-1);
      expect(largest).toBeDefined();
      expect(largest?.time).toBeLessThan(paints.tookOverAt ?? 0);
      expect(paints.shift).toBe(0);
      // The app's screen replaced the first one: nothing shows twice.
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      expect(await page.getByText(LEAD).count()).toBe(1);
      expect(await page.getByRole('complementary', { name: 'Hulp nodig' }).count()).toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await opened.close();
    }
  });

  it('does the same for the zelfscan, with the CSS of its page in the first screen', async () => {
    const html = await (await fetch(`${baseUrl()}/zelfscan`, { headers: { Accept: 'text/html' } })).text();
    expect(html).toContain('<div id="root" data-first-screen>');
    expect(html).toContain('Zelfscan persoonlijke veiligheid</h1>');
    expect(html).toMatch(/<link rel="stylesheet" crossorigin href="\/assets\/zelfscan-[^"]+\.css">/);
    const opened = await openPage(browser, { viewport: PHONE });
    try {
      const { page } = opened;
      await recordPaints(page);
      await page.goto('/zelfscan');
      await appTookOver(page);
      await page.getByRole('button', { name: 'Start de zelfscan' }).waitFor();
      await expect.poll(async () => (await paintsOf(page)).tookOverAt).not.toBeNull();
      const paints = await paintsOf(page);
      expect(paints.largest.at(-1)?.time).toBeLessThan(paints.tookOverAt ?? 0);
      expect(paints.shift).toBe(0);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
      await expectNoAxeViolations(page);
    } finally {
      await opened.close();
    }
  });

  it('switches to English for someone who chose it, without a shift', async () => {
    const opened = await openPage(browser, { viewport: PHONE });
    try {
      const { page } = opened;
      await page.addInitScript(() => window.localStorage.setItem('weerbaar.locale', 'en'));
      await recordPaints(page);
      await page.goto('/');
      await appTookOver(page);
      await page.getByRole('heading', { level: 1, name: 'Safety package' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByText(LEAD).count()).toBe(0);
      expect((await paintsOf(page)).shift).toBe(0);
    } finally {
      await opened.close();
    }
  });

  it('keeps the place of someone who tabbed into the screen before the app took over', async () => {
    const opened = await openPage(browser, { viewport: PHONE });
    try {
      const { page } = opened;
      // Hold the app's code back, so the first screen is certainly still there while we tab.
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(/\/assets\/index-[^/]+\.js$/, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto('/');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const before = await page.evaluate(() => document.activeElement?.textContent);
      expect(await page.locator('#root[data-first-screen]').count()).toBe(1);
      release();
      await appTookOver(page);
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(before);
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
    } finally {
      await opened.close();
    }
  });
});
