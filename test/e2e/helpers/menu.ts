import type { Locator, Page } from 'playwright-core';
import { appTookOver } from './browser.ts';

/**
 * The main menu, opened first when it is behind its "Menu" button (a narrow screen): what a person on a
 * phone does before following a menu link. On a wide screen the menu is always open.
 */
export async function openMainMenu(page: Page, name: string | RegExp = 'Hoofdmenu'): Promise<Locator> {
  await appTookOver(page);
  const menu = page.getByRole('navigation', { name });
  // The menu shows once the page's texts are in; only then does the button tell whether it is needed.
  await menu.waitFor();
  const button = menu.getByRole('button', { name: 'Menu' });
  if ((await button.isVisible()) && (await button.getAttribute('aria-expanded')) === 'false') await button.click();
  return menu;
}
