import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Chromium from the system (apt), not Playwright's download; CHROME_PATH overrides. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface OpenPageOptions {
  /** The browser's language (navigator.language); the app itself starts in Dutch unless told otherwise. */
  locale?: string;
  viewport?: { width: number; height: number };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

/** A fresh context (own storage, so no language choice carries over) with one page. */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<OpenedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    locale: options.locale ?? 'nl-NL',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  return { context, page, close: () => context.close() };
}

/** The server started by test/e2e/global-setup.ts. */
export function baseUrl(): string {
  return inject('baseUrl');
}

/** A page that arrived prerendered (`/`) shows its screen before the app runs: wait for the app. */
export async function appTookOver(page: Page) {
  await page.locator('#root:not([data-first-screen])').waitFor({ state: 'attached' });
}

/**
 * Goes to a path and waits until the app has rendered its heading (the SPA renders after i18n is set up;
 * a page that arrives prerendered has its heading at once, so: once the app has taken over, src/web/shell/prerendered.ts).
 */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await appTookOver(page);
  await page.locator('h1').first().waitFor();
  return response;
}
