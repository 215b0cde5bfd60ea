import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminPersonResponse } from '../../src/shared/admin.ts';
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { CaseServer, firstAdmin } from './helpers/case-server.ts';
import { expectSignedInAs } from './helpers/identity.ts';

/**
 * "Inloggen met uw organisatie" in a real browser: a server of its own configured for a real OpenID
 * Connect provider (oidc-provider on this machine), an invited staff member who clicks the button, logs
 * in at the provider and comes back signed in; and one without MFA, who comes back to the sign-in page
 * with the reason. axe on both pages, at 320 px.
 */
describe('staff sign-in with their organisation', () => {
  let server: CaseServer;
  let idp: TestProvider;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const PHONE = { width: 320, height: 640 };

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'nl-NL', viewport: PHONE });
    contexts.push(context);
    return context.newPage();
  }

  async function invite(email: string, displayName: string) {
    const admin = server.admins[0] ?? (await firstAdmin(server));
    await admin.requestFresh<AdminPersonResponse>('POST', '/api/admin/people', {
      email,
      displayName,
      roles: ['training_coordinator'],
    });
  }

  async function clickOrganisationButton(page: Page) {
    await page.goto('/inloggen');
    const button = page.getByRole('link', { name: 'Inloggen met uw organisatie' });
    await button.waitFor();
    await button.click();
  }

  beforeAll(async () => {
    server = await CaseServer.start({
      env: async (baseUrl) => {
        idp = await startTestProvider({ redirectUri: `${baseUrl}/api/auth/oidc/callback` });
        return {
          OIDC_ISSUER: idp.issuer,
          OIDC_CLIENT_ID: idp.client.id,
          OIDC_CLIENT_SECRET: idp.client.secret,
          OIDC_ALLOWED_EMAIL_DOMAINS: 'gemeente.example',
        };
      },
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
    await idp?.close();
  });

  it('signs an invited staff member in through the provider', async () => {
    await invite('tessa@gemeente.example', 'Tessa Training');
    idp.signInAs({ sub: 'tessa-at-idp', email: 'tessa@gemeente.example', amr: ['pwd', 'mfa'] });
    const page = await newPage();
    await page.goto('/inloggen');
    await page.getByRole('heading', { level: 2, name: 'Inloggen met uw organisatie' }).waitFor();
    await expectNoAxeViolations(page, 'sign-in page with the organisation button');
    await clickOrganisationButton(page);
    await expectSignedInAs(page, 'Tessa Training');
    expect(new URL(page.url()).origin).toBe(server.baseUrl);
  });

  it('brings someone without MFA back to the sign-in page with the reason', async () => {
    await invite('noor@gemeente.example', 'Noor Zonder');
    idp.signInAs({ sub: 'noor-at-idp', email: 'noor@gemeente.example', amr: ['pwd'] });
    const page = await newPage();
    await clickOrganisationButton(page);
    await page.waitForURL((url) => url.pathname === '/inloggen' && url.searchParams.get('oidc') === 'oidc_mfa_missing');
    await page
      .getByText('Uw organisatie meldt niet dat u met twee stappen (MFA) bent ingelogd.', { exact: false })
      .waitFor();
    await expectNoAxeViolations(page, 'sign-in page after a refusal');
  });
});
