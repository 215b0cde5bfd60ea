import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '../../src/shared/session.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser, type OpenedPage, type OpenPageOptions, openPage, visit } from './helpers/browser.ts';
import { expectHeading, expectNoSidewaysScroll } from './helpers/identity.ts';
import { focused } from './helpers/keyboard.ts';

/**
 * The public side of identity, without accounts: the sign-in page (generic failure, throttling, the
 * recovery-code toggle, keyboard only), the page for an unusable activation link, the way signed-in pages
 * send visitors to the sign-in page, and the demo banner and idle warning (with the session answer
 * changed in the browser, since this server is neither in demo mode nor about to time out).
 */
describe('identity: signing in and unusable links', () => {
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

  async function open(path: string, options: OpenPageOptions & { english?: boolean } = {}): Promise<Page> {
    opened = await openPage(browser, options);
    const { page } = opened;
    await visit(page, path);
    if (options.english) {
      await page.getByRole('button', { name: 'English' }).click();
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    }
    return page;
  }

  async function fillPasswordForm(page: Page, values: { email: string; password: string; code: string }) {
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(values.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(values.password);
    await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).fill(values.code);
  }

  it('the sign-in page offers a passkey and password with code, in Dutch and English', async () => {
    const page = await open('/inloggen');
    await expectHeading(page, 'Inloggen');
    await page.getByRole('button', { name: 'Inloggen met passkey' }).waitFor();
    await page.getByRole('heading', { name: 'Inloggen met wachtwoord en code' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'E-mailadres' }).getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Wachtwoord', { exact: true }).getAttribute('autocomplete')).toBe('current-password');
    expect(
      await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).getAttribute('autocomplete'),
    ).toBe('one-time-code');
    await expectNoAxeViolations(page, '/inloggen');

    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Sign in');
    await page.getByRole('button', { name: 'Sign in with passkey' }).waitFor();
    await expect.poll(() => page.title()).toBe('Sign in | Weerbaar');
    await expectNoAxeViolations(page, '/inloggen (en)');
  });

  it('says what is missing in an error summary that takes focus and links to each field', async () => {
    const page = await open('/inloggen');
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    const summary = page.locator('.weerbaar-error-summary');
    await summary.waitFor();
    expect((await focused(page))?.name).toContain('Controleer wat u hebt ingevuld');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Vul uw e-mailadres in.',
      'Vul uw wachtwoord in.',
      'Vul de code van zes cijfers uit uw app in.',
    ]);
    const email = page.getByRole('textbox', { name: 'E-mailadres' });
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await email.getAttribute('aria-describedby')}`).textContent()).toBe(
      'Vul uw e-mailadres in.',
    );
    await expectNoAxeViolations(page, '/inloggen with errors');
    await summary.getByRole('link', { name: 'Vul uw wachtwoord in.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('sign-in-password');
  });

  it('a wrong sign-in gets one calm message that does not say what was wrong', async () => {
    const page = await open('/inloggen');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/auth/password'));
    await fillPasswordForm(page, {
      email: 'niemand@weerbaar.test',
      password: 'een wachtwoord dat niet klopt',
      code: '123456',
    });
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    const response = await answer;
    expect(response.status()).toBe(401);
    expect((await response.json()).code).toBe('sign_in_failed');
    const message = page.getByText('Inloggen is niet gelukt. Controleer wat u hebt ingevuld en probeer het opnieuw.');
    await message.waitFor();
    // The message takes focus, so a screen reader reads it; the code is cleared for the next try.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('weerbaar-focus-target'))).toBe(true);
    expect(await page.getByRole('alert').textContent()).toContain('Inloggen is niet gelukt.');
    expect(await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).inputValue()).toBe('');
    expect(await page.getByRole('textbox', { name: 'E-mailadres' }).inputValue()).toBe('niemand@weerbaar.test');
    await expectNoAxeViolations(page, '/inloggen after a failed sign-in');
  });

  it('explains calmly when there were too many attempts (429 with Retry-After)', async () => {
    opened = await openPage(browser);
    const { page } = opened;
    await page.route('**/api/auth/password', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '120', 'Content-Type': 'application/problem+json' },
        body: JSON.stringify({
          type: 'urn:weerbaar:problem:sign_in_throttled',
          title: 'Too Many Requests',
          status: 429,
          code: 'sign_in_throttled',
        }),
      }),
    );
    await visit(page, '/inloggen');
    await fillPasswordForm(page, {
      email: 'iemand@weerbaar.test',
      password: 'nog een keer geprobeerd',
      code: '654321',
    });
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page
      .getByText(
        'U hebt een paar keer achter elkaar iets niet goed ingevuld. Om uw account te beschermen kunt u het over 2 minuten opnieuw proberen.',
      )
      .waitFor();
    await expectNoAxeViolations(page, '/inloggen throttled');
  });

  it('switches between the app code and a recovery code', async () => {
    const page = await open('/inloggen');
    await page.getByRole('button', { name: 'Geen toegang tot uw app? Gebruik een herstelcode' }).click();
    const recovery = page.getByRole('textbox', { name: 'Herstelcode' });
    await recovery.waitFor();
    expect(await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).count()).toBe(0);
    expect(await recovery.getAttribute('autocomplete')).toBe('off');
    await expectNoAxeViolations(page, '/inloggen with a recovery code');
    await page.getByRole('button', { name: 'Toch de code uit de app gebruiken' }).click();
    await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).waitFor();
  });

  it('works with the keyboard alone: fill in, send with Enter, focus on the answer', async () => {
    const page = await open('/inloggen');
    await page.getByRole('textbox', { name: 'E-mailadres' }).focus();
    await page.keyboard.type('toetsenbord@weerbaar.test');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.id).toBe('sign-in-password');
    await page.keyboard.type('een wachtwoord met toetsen');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.id).toBe('sign-in-code');
    expect((await focused(page))?.focusVisible).toBe(true);
    await page.keyboard.type('000000');
    await page.keyboard.press('Enter');
    await page.getByText('Inloggen is niet gelukt.', { exact: false }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('weerbaar-focus-target')))
      .toBe(true);
  });

  it('fits 320 px without sideways scrolling', async () => {
    for (const path of ['/inloggen', '/activeren']) {
      const page = await open(path, { viewport: { width: 320, height: 640 } });
      await expectNoSidewaysScroll(page);
      await opened?.close();
      opened = undefined;
    }
  });

  it('an activation link without a token, or with an unknown one, gets a friendly page', async () => {
    let page = await open('/activeren');
    await expectHeading(page, 'Deze link werkt niet (meer)');
    await page.getByRole('heading', { name: 'Wie kan u een nieuwe link sturen?' }).waitFor();
    await expectNoAxeViolations(page, '/activeren without a token');
    await opened?.close();

    opened = await openPage(browser);
    page = opened.page;
    const inspected = page.waitForResponse((response) => response.url().endsWith('/api/activation/inspect'));
    await page.goto('/activeren#token=dit-is-geen-echte-uitnodiging');
    // The token travels in the POST body only, and leaves the address bar.
    const request = (await inspected).request();
    expect(request.method()).toBe('POST');
    expect(request.url()).not.toContain('dit-is-geen');
    expect(request.postDataJSON()).toEqual({ token: 'dit-is-geen-echte-uitnodiging' });
    await expectHeading(page, 'Deze link werkt niet (meer)');
    expect(page.url()).not.toContain('token');

    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'This link does not work (any more)');
    await expectNoAxeViolations(page, '/activeren with an unknown token (en)');
  });

  it('signed-in pages send visitors to the sign-in page, which comes back afterwards', async () => {
    for (const path of ['/account', '/account/inzage', '/familie', '/beheer/personen']) {
      const page = await open(path);
      await page.waitForURL((url) => url.pathname === '/inloggen');
      expect(new URL(page.url()).searchParams.get('volgende')).toBe(path);
      await page.getByText('Log in om deze pagina te bekijken.').waitFor();
      await opened?.close();
      opened = undefined;
    }
  });

  it('a demo installation says so on every page', async () => {
    opened = await openPage(browser);
    const { page } = opened;
    await page.route('**/api/auth/session', async (route) => {
      const response = await route.fetch();
      const info = (await response.json()) as SessionInfo;
      await route.fulfill({ response, json: { ...info, environment: { ...info.environment, demo: true } } });
    });
    for (const path of ['/', '/inloggen']) {
      await visit(page, path);
      const banner = page.getByRole('complementary', { name: 'Demonstratie' });
      await banner.waitFor();
      expect(await banner.textContent()).toContain('DEMO');
    }
    await expectNoAxeViolations(page, '/inloggen with the demo banner');
  });

  it('warns before the session lapses, with a way to stay signed in', async () => {
    opened = await openPage(browser);
    const { page } = opened;
    // A session that lapses in a minute (the server's own sessions last 15 or 30 idle minutes).
    await page.route('**/api/auth/session', (route) =>
      route.fulfill({
        json: {
          environment: { demo: false, localMail: true },
          person: {
            id: '00000000-0000-4000-8000-000000000001',
            displayName: 'Ida Tijdelijk',
            email: 'ida@weerbaar.test',
            roles: ['officeholder'],
            office: null,
            region: null,
          },
          csrfToken: 'test',
          idleExpiresAt: new Date(Date.now() + 60_000).toISOString(),
          expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        } satisfies SessionInfo,
      }),
    );
    await visit(page, '/');
    const warning = page.getByRole('dialog', { name: 'U wordt bijna uitgelogd' });
    await warning.waitFor({ timeout: 15_000 });
    expect(await warning.textContent()).toContain('Voor uw veiligheid wordt u over ongeveer 1 minuut uitgelogd.');
    // Focus moved into the dialog, onto its first button.
    expect((await focused(page))?.name).toBe('Ingelogd blijven');
    await expectNoAxeViolations(page, 'idle warning');
  });
});
