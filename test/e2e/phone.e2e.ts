import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { appTookOver, launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { focused, tabUntil } from './helpers/keyboard.ts';

const PHONE = { width: 320, height: 640 };
/** Where the page's own heading must start on a 320×640 screen: well within the first screen (issue 12). */
const FIRST_SCREEN_HEADING_TOP = 400;

/**
 * An office holder on a phone (issue 12): the page starts on the first screen, the menu is behind a
 * button that works by keyboard, and 112 and the support team's number stay in view, each on one line,
 * while a long case page scrolls, without covering what has keyboard focus.
 */
describe('on a phone, signed in', () => {
  let server: CaseServer;
  let browser: Browser;
  let wethouder: ApiPerson;
  let caseId = '';
  const contexts: BrowserContext[] = [];

  const open = async (viewport = PHONE) => {
    const context = await personContext(browser, wethouder, viewport);
    contexts.push(context);
    return context.newPage();
  };
  const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });
  const menuButton = (page: Page) => menu(page).getByRole('button', { name: 'Menu' });
  const helpBar = (page: Page) => page.getByRole('complementary', { name: 'Hulp nodig' });
  const supportNumber = (page: Page) => helpBar(page).getByRole('link', { name: /070 373 83 14/ });
  const emergencyNumber = (page: Page) => helpBar(page).getByRole('link', { name: /112/ });
  const headingTop = async (page: Page) => (await page.getByRole('heading', { level: 1 }).boundingBox())?.y ?? 9999;

  /** Both numbers are inside the window and are what is drawn there (nothing lies on top of them). */
  const expectNumbersInView = async (page: Page) => {
    for (const link of [emergencyNumber(page), supportNumber(page)]) {
      const box = await link.boundingBox();
      expect(box).not.toBeNull();
      if (!box) return;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
      const onTop = await link.evaluate(
        (element, point) => {
          const hit = document.elementFromPoint(point.x, point.y);
          return hit !== null && element.contains(hit);
        },
        { x: box.x + box.width / 2, y: box.y + box.height / 2 },
      );
      expect(onTop).toBe(true);
    }
  };

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    const confidant = await inviteAndActivate(admin, {
      displayName: 'Vera Vertrouwenspersoon',
      email: 'vera@example.org',
      roles: ['confidant'],
      association: 'wethoudersvereniging',
    });
    ({ caseId } = await wethouder.request<{ caseId: string }>('POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat'],
      since: 'this_week',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
      body: 'Ik word bedreigd.',
    }));
    // A long case page: a conversation of a dozen messages.
    await confidant.request('POST', `/api/cases/${caseId}/take`, {});
    for (let index = 1; index <= 12; index++) {
      await confidant.request('POST', `/api/cases/${caseId}/messages`, {
        body: `Bericht ${index}: ik bel u vanmiddag, dan bespreken we wat u nodig hebt om u veilig te voelen.`,
      });
    }
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('starts the page on the first screen, with the menu collapsed and the numbers each on one line', async () => {
    const page = await open();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Veiligheidspakket' }).waitFor();
    await page.getByText('Ingelogd als Wim Wethouder').waitFor();
    expect(await headingTop(page)).toBeLessThan(FIRST_SCREEN_HEADING_TOP);

    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await menuButton(page).getAttribute('aria-controls')).toBe(
      await menu(page).getByRole('list', { includeHidden: true }).getAttribute('id'),
    );
    expect(await menu(page).getByRole('link').count()).toBe(0);

    await expectNumbersInView(page);
    // One line: "070 373 83 14" is no taller than "112" next to it, and its text has a single line box.
    const support = await supportNumber(page).boundingBox();
    const emergency = await emergencyNumber(page).boundingBox();
    expect(support?.height).toBe(emergency?.height);
    expect(await supportNumber(page).evaluate((element) => element.getClientRects().length)).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(page);
  });

  it('opens the menu by keyboard, closes it with Escape and on following a link', async () => {
    const page = await open();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Veiligheidspakket' }).waitFor();
    await appTookOver(page);

    await tabUntil(page, (element) => element.tag === 'button' && element.name === 'Menu');
    await page.keyboard.press('Enter');
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('true');
    await menu(page).getByRole('link', { name: 'Mijn zaken' }).waitFor();
    await expectNoAxeViolations(page);

    // The first menu link follows the button; Escape closes and gives focus back to the button.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toBe('Veiligheidspakket');
    await page.keyboard.press('Escape');
    await expect.poll(() => menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Menu', focusVisible: true });
    expect(await menu(page).getByRole('link').count()).toBe(0);

    // Space opens it as well; following a link lands on the new page with the menu closed.
    await page.keyboard.press('Space');
    await tabUntil(page, (element) => element.name === 'Mijn zaken');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/mijn-zaken');
    await page.getByRole('heading', { level: 1, name: 'Mijn zaken' }).waitFor();
    expect(await menuButton(page).getAttribute('aria-expanded')).toBe('false');
    expect(await menu(page).getByRole('link').count()).toBe(0);
    expect(await headingTop(page)).toBeLessThan(FIRST_SCREEN_HEADING_TOP);
  });

  it('keeps both numbers in view while a long case page scrolls, and focus is never under them', async () => {
    const page = await open();
    await page.goto(`/mijn-zaken/${caseId}`);
    await page.getByText('Bericht 12:').waitFor();
    expect(await headingTop(page)).toBeLessThan(FIRST_SCREEN_HEADING_TOP);
    await expectNoAxeViolations(page);

    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeGreaterThan(PHONE.height * 4);
    for (const fraction of [0.25, 0.5, 1]) {
      await page.evaluate((y) => window.scrollTo(0, y), Math.round(height * fraction));
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(PHONE.height);
      await expectNumbersInView(page);
    }

    // WCAG 2.4.11: a control the keyboard moves to is scrolled out from under the bar. Put the reply's
    // send button just under the bar, then Tab onto it from the field before it.
    const send = page.getByRole('button', { name: 'Bericht versturen' });
    const field = page.getByRole('textbox', { name: 'Uw bericht' });
    await field.evaluate((element: HTMLElement) => element.focus({ preventScroll: true }));
    await send.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 4));
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'button', name: 'Bericht versturen' });
    const barBottom = await helpBar(page).evaluate((element) => element.getBoundingClientRect().bottom);
    expect(await send.evaluate((element) => element.getBoundingClientRect().top)).toBeGreaterThanOrEqual(barBottom);
  });

  it('keeps the menu as a row of links on a wide screen', async () => {
    const page = await open({ width: 1280, height: 800 });
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Veiligheidspakket' }).waitFor();
    expect(await menuButton(page).count()).toBe(0);
    await menu(page).getByRole('link', { name: 'Mijn zaken' }).waitFor();
    await helpBar(page).getByText('Ondersteuningsteam Weerbaar Bestuur, dag en nacht:').waitFor();
    expect(await helpBar(page).getByText('Hulplijn 24/7:').isVisible()).toBe(false);
  });
});
