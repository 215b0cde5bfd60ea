import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PasskeyAuthenticationOptions } from '../../src/shared/auth.ts';
import type { HandoverResponse } from '../../src/shared/handover.ts';
import { adminHandoverPath, myCasePath } from '../../src/shared/web-paths.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { expectHeading } from './helpers/identity.ts';

/**
 * Confirming who you are (a step-up) gives the session a new token, and with it a new CSRF token. A tab
 * opened before that still holds the old one; its first change is refused (`csrf_rejected`, nothing
 * done), then the web app's one client fetches the current token and sends it once more. JSON changes
 * are covered by identity.e2e.ts; here the same holds for a file added to a case, a CSV import with its
 * streamed progress and a package PDF made by a POST — each from a tab opened before a step-up in
 * another tab of the same browser.
 *
 * The step-up in the other tab is the real ceremony of the step-up dialog (options, then the signed
 * answer of the person's passkey) sent from that tab, so the browser stores the renewed session cookie
 * exactly as after the dialog.
 */
describe('a step-up in another tab', () => {
  let server: CaseServer;
  let browser: Browser;
  let admin: ApiPerson;
  let wethouder: ApiPerson;
  const contexts: BrowserContext[] = [];
  let caseId = '';
  let handoverId = '';

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wout Wethouder',
      email: 'wout@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    ({ caseId } = await wethouder.request<{ caseId: string }>('POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat'],
      since: 'this_week',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
      body: 'Er hangen briefjes op mijn deur.',
    }));
    ({
      handover: { id: handoverId },
    } = await admin.request<HandoverResponse>('POST', '/api/admin/handovers', {
      name: 'Fenna Fractievoorzitter',
      office: 'raadslid',
      region: 'Utrecht',
      installationDate: '2025-03-12',
      email: 'fenna@utrecht.example',
    }));
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  async function browserOf(person: ApiPerson): Promise<BrowserContext> {
    const context = await personContext(browser, person);
    contexts.push(context);
    return context;
  }

  /** In `tab`: confirm it is `person` with their passkey, as the step-up dialog does. */
  async function stepUpIn(tab: Page, person: ApiPerson) {
    const csrfBefore = await csrfTokenIn(tab);
    const options = await tab.evaluate(async (csrfToken) => {
      const response = await fetch('/api/auth/step-up/passkey/options', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken },
        body: '{}',
      });
      return response.json();
    }, csrfBefore);
    const answer = person.authenticator.authenticate(options as PasskeyAuthenticationOptions);
    const status = await tab.evaluate(
      async ({ csrfToken, response }) =>
        (
          await fetch('/api/auth/step-up/passkey/verify', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrfToken },
            body: JSON.stringify({ response }),
          })
        ).status,
      { csrfToken: csrfBefore, response: answer },
    );
    expect(status).toBe(200);
    // The session now has another token: the tabs opened before hold a CSRF token that no longer fits.
    expect(await csrfTokenIn(tab)).not.toBe(csrfBefore);
  }

  async function csrfTokenIn(tab: Page): Promise<string> {
    return tab.evaluate(async () => {
      const session = (await (await fetch('/api/auth/session')).json()) as { csrfToken: string | null };
      return session.csrfToken ?? '';
    });
  }

  /** Waits for `success`; when the page shows an error instead, fails at once with its words. */
  async function expectSuccess(page: Page, success: Locator) {
    const failure = page.locator('.utrecht-alert--error, .utrecht-form-field-error-message');
    await success.or(failure).first().waitFor();
    expect(await failure.allTextContents()).toEqual([]);
  }

  it('adds a file to a case from a tab opened before the step-up', async () => {
    const context = await browserOf(wethouder);
    const caseTab = await context.newPage();
    await caseTab.goto(myCasePath(caseId));
    await caseTab.getByLabel('Kies een bestand').waitFor();

    const otherTab = await context.newPage();
    await otherTab.goto('/account');
    await expectHeading(otherTab, 'Mijn account');
    await stepUpIn(otherTab, wethouder);

    await caseTab.getByLabel('Kies een bestand').setInputFiles({
      name: 'briefje.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Het briefje van vanochtend, overgetypt.\n'),
    });
    await caseTab.getByRole('button', { name: 'Bestand toevoegen' }).click();
    await expectSuccess(caseTab, caseTab.getByRole('button', { name: 'briefje.txt downloaden' }));

    // The file comes back through the same client, as a download with its own name.
    const [download] = await Promise.all([
      caseTab.waitForEvent('download'),
      caseTab.getByRole('button', { name: 'briefje.txt downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('briefje.txt');
    expect((await readFile((await download.path()) ?? '')).toString('utf8')).toBe(
      'Het briefje van vanochtend, overgetypt.\n',
    );
  });

  /** The admin's one browser: a step-up renews the session cookie there (the admin's API cookie then ends). */
  let adminBrowser: BrowserContext | null = null;

  /** A tab of the admin's browser on `path`, opened now, and a second tab on the account page for the step-up. */
  async function adminTabs(path: string, heading: string): Promise<{ tab: Page; otherTab: Page }> {
    adminBrowser ??= await browserOf(admin);
    const context = adminBrowser;
    const tab = await context.newPage();
    await tab.goto(path);
    await expectHeading(tab, heading);
    const otherTab = await context.newPage();
    await otherTab.goto('/account');
    await expectHeading(otherTab, 'Mijn account');
    return { tab, otherTab };
  }

  it('imports a CSV file, with its progress, from a tab opened before the step-up', async () => {
    const { tab, otherTab } = await adminTabs('/beheer/overdracht/import', 'Ambtsdragers importeren');
    await stepUpIn(otherTab, admin);

    await tab.getByLabel('CSV-bestand').setInputFiles({
      name: 'benoemingen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'naam;functie;regio;installatiedatum;e-mail',
          'Gijs Gedeputeerde;raadslid;Utrecht;1-9-2025;gijs@utrecht.example',
        ].join('\n'),
      ),
    });
    await tab.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    await expectSuccess(tab, tab.getByText('Klaar: 1 ambtsdrager is geregistreerd.'));
  });

  it('makes a package PDF (a download by POST) from a tab opened before the step-up', async () => {
    const { tab, otherTab } = await adminTabs(adminHandoverPath(handoverId), 'Fenna Fractievoorzitter');
    await stepUpIn(otherTab, admin);

    const downloaded = tab.waitForEvent('download');
    await tab.getByRole('button', { name: 'Pakket downloaden (PDF)' }).click();
    await expectSuccess(tab, tab.getByText(/^Het pakket is gedownload/));
    const pdf = await downloaded;
    expect(pdf.suggestedFilename()).toBe('Veiligheidspakket Fenna Fractievoorzitter.pdf');
    const bytes = await readFile((await pdf.path()) ?? '');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
