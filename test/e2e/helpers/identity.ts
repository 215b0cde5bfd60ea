import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Sensitive changes need a sign-in at most this many minutes ago (STEP_UP_MINUTES of the e2e server,
 * see global-setup.ts): short, so a test can deterministically pass the window and meet the step-up dialog.
 */
export const E2E_STEP_UP_MINUTES = 1;

/** The text of the page's h1, once the app rendered it. */
export async function heading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

export async function expectHeading(page: Page, text: string) {
  await expect.poll(() => heading(page), { timeout: 15_000 }).toBe(text);
}

/** No sideways scrolling: the page is at most as wide as the window (WCAG 1.4.10 reflow). */
export async function expectNoSidewaysScroll(page: Page, width = 320) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
}

/** The header says who is signed in. */
export async function expectSignedInAs(page: Page, name: string) {
  await page.getByRole('banner').getByText(`Ingelogd als ${name}`).waitFor();
}

/** Signs out with the button in the header and lands on the sign-in page. */
export async function signOut(page: Page) {
  await page.getByRole('banner').getByRole('button', { name: 'Uitloggen' }).click();
  await page.waitForURL((url) => url.pathname === '/inloggen');
  await page.getByText('U bent uitgelogd.').waitFor();
}
