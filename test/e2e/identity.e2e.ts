import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser, type OpenedPage, openPage } from './helpers/browser.ts';
import {
  E2E_STEP_UP_MINUTES,
  expectHeading,
  expectNoSidewaysScroll,
  expectSignedInAs,
  signOut,
} from './helpers/identity.ts';
import { activationLinkFor, mailsIn, serverOutput, setupLink } from './helpers/outbox.ts';
import { TestAuthenticatorApp } from './helpers/totp.ts';
import { addVirtualAuthenticator, otherDevice, type VirtualAuthenticator } from './helpers/webauthn.ts';

/**
 * The journey from the issue, on one real server with a fresh database: the first admin sets up Weerbaar
 * with the link from the console, invites a confidant and an officeholder; the confidant activates with a
 * passkey, the officeholder with a password and an authenticator app; both sign in again; the
 * officeholder invites a relative; the step-up dialog guards removing a passkey; signing out everywhere
 * ends every session. The confidant's role reads other people's requests for help, so it takes four
 * eyes: a second admin, on a 320 px phone and by keyboard, confirms it is them and approves the request
 * before the confidant's invitation goes out; the first admin cannot approve it, nor change their own
 * roles. Every page and state on the way is scanned with axe (WCAG 2.1 A/AA).
 *
 * The steps depend on each other and run in order.
 */

const ADMIN = { name: 'Anna de Beheerder', email: 'beheer@weerbaar.test' };
const SECOND_ADMIN = { name: 'Bram Tweede', email: 'bram.tweede@weerbaar.test' };
const CONFIDANT = { name: 'Chris Vertrouwens', email: 'chris.vertrouwens@ngb.test' };
const OFFICEHOLDER = {
  name: 'Olga Wethouder',
  email: 'olga.wethouder@zwolle.test',
  password: 'paarse olifant fietst langs de IJssel',
};
const RELATIVE = { name: 'Rik Wethouder', email: 'rik@thuis.test' };

interface Person {
  opened: OpenedPage;
  page: Page;
  authenticator?: VirtualAuthenticator;
}

/** Every page opened in this file, with what went wrong in it, printed when a step fails. */
const diagnostics: { page: Page; problems: string[] }[] = [];

async function describePages(): Promise<string> {
  const lines: string[] = [];
  for (const { page, problems } of diagnostics) {
    if (page.isClosed()) continue;
    const main = await page
      .locator('main')
      // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the line breaks, easier to read in a report
      .innerText({ timeout: 1_000 })
      .catch(() => '(no main)');
    lines.push(`--- ${page.url()}\n${main.slice(0, 2_000)}\n${problems.join('\n')}`);
  }
  return lines.join('\n');
}

async function person(browser: Browser, options: { passkeys: boolean; width?: number }): Promise<Person> {
  const opened = await openPage(browser, options.width ? { viewport: { width: options.width, height: 800 } } : {});
  const problems: string[] = [];
  opened.page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  opened.page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  opened.page.on('response', (response) => {
    if (response.status() >= 400)
      problems.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  });
  diagnostics.push({ page: opened.page, problems });
  const authenticator = options.passkeys ? await addVirtualAuthenticator(opened.page) : undefined;
  return { opened, page: opened.page, ...(authenticator ? { authenticator } : {}) };
}

/**
 * After an action that needs a recent sign-in: outside the step-up window the dialog asks to confirm it
 * is them, and the passkey does; inside it the action is done at once. `done` shows the action happened.
 */
async function confirmIfAsked(page: Page, done: Locator, label: string) {
  const dialog = page.getByRole('dialog', { name: 'Bevestig dat u het bent' });
  await dialog.or(done).first().waitFor();
  if (await dialog.isVisible()) {
    await expectNoAxeViolations(page, `step-up dialog (${label})`);
    await dialog.getByRole('button', { name: 'Bevestigen met passkey' }).click();
    await done.waitFor();
  }
}

/** Activation ends with the recovery codes: check them, confirm they are saved, go to the account. */
async function saveRecoveryCodes(page: Page, label: string) {
  await expectHeading(page, 'Uw account is klaar');
  const codes = page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem');
  await expect.poll(() => codes.count()).toBe(10);
  for (const code of await codes.allTextContents()) expect(code.trim()).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){2}$/);
  await expectNoAxeViolations(page, `recovery codes (${label})`);
  // Going on without confirming says what to do, on the checkbox.
  await page.getByRole('button', { name: 'Verder naar mijn account' }).click();
  await page.getByText('Bewaar eerst de codes en vink dan dit vakje aan.').waitFor();
  await expectNoAxeViolations(page, `recovery codes, not confirmed (${label})`);
  await page.getByLabel('Ik heb de herstelcodes op een veilige plek bewaard').check();
  await page.getByRole('button', { name: 'Verder naar mijn account' }).click();
  await page.waitForURL((url) => url.pathname === '/account');
  await expectHeading(page, 'Mijn account');
}

describe('identity: from the first admin to a relative', { timeout: 120_000 }, () => {
  let browser: Browser;
  let admin: Person;
  let secondAdmin: Person;
  let secondAdminSignedInAt = 0;
  let confidant: Person;
  let officeholder: Person;
  let officeholderApp: TestAuthenticatorApp;
  let confidantSignedInAt = 0;
  let officeholderSignedInAt = 0;
  /** More devices and people, closed at the end (not earlier, so a failure can still show their page). */
  const others: Person[] = [];
  const links: { confidant?: string; officeholder?: string } = {};

  beforeAll(async () => {
    browser = await launchBrowser();
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      console.log(`Pages when "${context.task.name}" failed:\n${await describePages()}`);
  });

  afterAll(async () => {
    for (const someone of [admin, secondAdmin, confidant, officeholder, ...others]) await someone?.opened.close();
    await browser?.close();
  });

  it('the first admin sets up Weerbaar with the link from the console and a passkey', async () => {
    admin = await person(browser, { passkeys: true });
    const { page } = admin;
    const link = await setupLink();
    expect(new URL(link).pathname).toBe('/activeren');

    await page.goto(link);
    await expectHeading(page, 'Uw account activeren');
    // The token leaves the address bar (and so the history) at once.
    await expect.poll(() => page.url()).not.toContain('token');
    expect(new URL(page.url()).pathname).toBe('/activeren');
    await page.getByText('U richt Weerbaar in als eerste beheerder.', { exact: false }).waitFor();
    // Admins sign in with a passkey only: no choice is offered.
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectNoAxeViolations(page, 'activation (setup)');

    // Sending without name and e-mail: an error summary that takes focus and links to the fields.
    await page.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    const summary = page.locator('.weerbaar-error-summary');
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.classList.contains('weerbaar-error-summary'))).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Vul uw naam in.',
      'Vul een e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
    ]);
    const name = page.getByRole('textbox', { name: 'Uw naam' });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toContain('activation-name-error');
    await expectNoAxeViolations(page, 'activation (setup) with errors');
    await summary.getByRole('link', { name: 'Vul uw naam in.' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('activation-name');

    await name.fill(ADMIN.name);
    await page.getByRole('textbox', { name: 'Uw e-mailadres' }).fill(ADMIN.email);
    await page.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    await saveRecoveryCodes(page, 'admin');
    expect(await admin.authenticator?.credentials()).toHaveLength(1);
    await expectSignedInAs(page, ADMIN.name);
    await expectNoAxeViolations(page, '/account (admin)');
  });

  it('the admin invites a confidant of the NGB and an officeholder (wethouder)', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Beheer' }).click();
    await page.waitForURL((url) => url.pathname === '/beheer/personen');
    await expectHeading(page, 'Personen');
    await page.getByText('1 persoon gevonden.').waitFor();
    await expectNoAxeViolations(page, '/beheer/personen');

    await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
    await expectHeading(page, 'Iemand uitnodigen');
    await expectNoAxeViolations(page, '/beheer/personen/nieuw');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.locator('.weerbaar-error-summary').waitFor();
    expect(await page.locator('.weerbaar-error-summary').getByRole('link').allTextContents()).toEqual([
      'Vul een e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
      'Kies minstens één rol.',
    ]);
    await expectNoAxeViolations(page, '/beheer/personen/nieuw with errors');

    // A confidant needs an association: the field appears with the role.
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(CONFIDANT.email);
    await page.getByRole('checkbox', { name: 'vertrouwenspersoon' }).check();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByRole('link', { name: 'Kies voor welke vereniging de vertrouwenspersoon werkt.' }).waitFor();
    await page.getByRole('combobox', { name: 'Vereniging' }).selectOption('ngb');
    // The form says what the role takes: a fresh sign-in and a second admin.
    await page
      .getByText('Met deze rol leest iemand hulpvragen: u logt opnieuw in en een tweede beheerder moet het goedkeuren.')
      .first()
      .waitFor();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    const pending = page.getByText('De rol waarmee hulpvragen gelezen worden wacht op goedkeuring', { exact: false });
    await confirmIfAsked(page, pending, 'inviting a confidant');
    await page.waitForURL((url) => url.pathname.startsWith('/beheer/personen/') && !url.pathname.endsWith('nieuw'));
    await expectHeading(page, CONFIDANT.email);
    // Nothing granted yet, and no mail: the request waits for a second admin, who is not this one.
    const request = page.getByRole('region', { name: 'Wacht op een tweede beheerder' });
    await request.getByText('vertrouwenspersoon').first().waitFor();
    await request.getByText('U hebt dit verzoek gedaan. Een andere beheerder moet het goedkeuren.').waitFor();
    expect(await request.getByRole('button', { name: /^Goedkeuren/ }).count()).toBe(0);
    await page.getByRole('definition').filter({ hasText: 'NGB (burgemeesters)' }).waitFor();
    await expectNoAxeViolations(page, '/beheer/personen/:id (confidant waiting for approval)');

    await page.goto('/beheer/personen/nieuw');
    await expectHeading(page, 'Iemand uitnodigen');
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(OFFICEHOLDER.email);
    await page.getByRole('textbox', { name: 'Naam (niet verplicht)' }).fill(OFFICEHOLDER.name);
    await page.getByRole('checkbox', { name: 'ambtsdrager' }).check();
    await page.getByRole('combobox', { name: 'Functie' }).selectOption('wethouder');
    await page.getByRole('textbox', { name: 'Gemeente, provincie of waterschap' }).fill('Zwolle');
    await expectNoAxeViolations(page, '/beheer/personen/nieuw (officeholder filled in)');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expectHeading(page, OFFICEHOLDER.name);
    await page
      .getByRole('definition')
      .filter({ hasText: /^wethouder$/ })
      .waitFor();

    // Only the officeholder's invitation is out; the confidant's waits for the approval.
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Uitnodigingen' }).click();
    await expectHeading(page, 'Uitnodigingen');
    const invitations = page.getByRole('list', { name: 'Uitnodigingen' }).getByRole('listitem');
    await expect.poll(() => invitations.count()).toBe(1);
    await expectNoAxeViolations(page, '/beheer/uitnodigingen');

    // Nobody changes their own roles, not even an admin.
    await page.goto('/beheer/personen?zoek=beheer');
    await page.getByRole('link', { name: ADMIN.name }).click();
    await page.getByText('U kunt uw eigen rollen niet veranderen. Vraag een andere beheerder.').waitFor();
    expect(await page.getByRole('button', { name: 'Rollen opslaan' }).count()).toBe(0);
  });

  it('a second admin, on a 320 px phone and by keyboard, confirms it is them and approves the confidant', async () => {
    const { page } = admin;
    await page.goto('/beheer/personen/nieuw');
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(SECOND_ADMIN.email);
    await page.getByRole('checkbox', { name: 'beheerder' }).check();
    // An admin never also reads cases: the form says so before the server does.
    await page.getByRole('checkbox', { name: 'vertrouwenspersoon' }).check();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page
      .locator('.weerbaar-error-summary')
      .getByRole('link', { name: 'Een beheerder kan geen rol hebben waarmee hij hulpvragen leest.', exact: false })
      .waitFor();
    await page.getByRole('checkbox', { name: 'vertrouwenspersoon' }).uncheck();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expectHeading(page, SECOND_ADMIN.email);

    // The admin who asked sees the request among the waiting ones, without a way to approve it.
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Rolverzoeken' }).click();
    await expectHeading(page, 'Rolverzoeken');
    const mine = page.getByRole('list', { name: 'Rolverzoeken' }).getByRole('listitem');
    await expect.poll(() => mine.count()).toBe(1);
    await mine.getByText('U hebt dit verzoek gedaan.', { exact: false }).waitFor();
    expect(await mine.getByRole('button', { name: /^Goedkeuren/ }).count()).toBe(0);
    await expectNoAxeViolations(page, '/beheer/rolverzoeken (the admin who asked)');

    secondAdmin = await person(browser, { passkeys: true, width: 320 });
    const second = secondAdmin.page;
    await second.goto(await activationLinkFor(SECOND_ADMIN.email));
    await expectHeading(second, 'Uw account activeren');
    await second.getByRole('textbox', { name: 'Uw naam' }).fill(SECOND_ADMIN.name);
    await second.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    await saveRecoveryCodes(second, 'second admin');
    secondAdminSignedInAt = Date.now();

    // Past the step-up window, so approving asks the second admin to confirm it is them.
    const windowEnds = secondAdminSignedInAt + E2E_STEP_UP_MINUTES * 60_000 + 3_000;
    await second.goto('/beheer/rolverzoeken');
    await expectHeading(second, 'Rolverzoeken');
    const waiting = second.getByRole('list', { name: 'Rolverzoeken' }).getByRole('listitem');
    await waiting.getByText(ADMIN.name, { exact: false }).waitFor();
    await expectNoSidewaysScroll(second);
    await expectNoAxeViolations(second, '/beheer/rolverzoeken at 320 px (the second admin)');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnds - Date.now())));

    const approve = waiting.getByRole('button', { name: `Goedkeuren voor ${CONFIDANT.email}` });
    await approve.focus();
    await second.keyboard.press('Enter');
    const dialog = second.getByRole('dialog', { name: 'Bevestig dat u het bent' });
    await dialog.waitFor();
    await expectNoAxeViolations(second, 'step-up dialog at 320 px (approving a role)');
    await dialog.getByRole('button', { name: 'Bevestigen met passkey' }).focus();
    await second.keyboard.press('Enter');
    await second.getByText(`${CONFIDANT.email} heeft de rol gekregen.`).waitFor();
    await expect.poll(() => waiting.count()).toBe(0);
    await second.getByRole('link', { name: 'Toon de besloten verzoeken' }).click();
    await waiting.getByText('goedgekeurd', { exact: false }).waitFor();
    await waiting.getByText(SECOND_ADMIN.name, { exact: false }).waitFor();
    await expectNoSidewaysScroll(second);
    await expectNoAxeViolations(second, '/beheer/rolverzoeken?status=besloten at 320 px');

    // The admin who asked is told, without more than a link; the confidant's invitation is now out.
    await page.goto('/meldingen');
    await page.getByText('Een rolverzoek is goedgekeurd door een tweede beheerder.').waitFor();
    await page.getByRole('link', { name: 'Bekijk de rolverzoeken' }).first().waitFor();
    await expectNoAxeViolations(page, '/meldingen (the admin who asked)');
    await page.goto('/beheer/uitnodigingen');
    await expect.poll(() => page.getByRole('list', { name: 'Uitnodigingen' }).getByRole('listitem').count()).toBe(2);
  });

  it('the admin reads the invitation mails in the local outbox', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Outbox' }).click();
    await expectHeading(page, 'Outbox');
    const mails = page.getByRole('list', { name: 'E-mails in de outbox' }).getByRole('listitem');
    await expect.poll(() => mails.count()).toBeGreaterThanOrEqual(2);
    // Below it, in every mail mode: the mail that could not be delivered (none here).
    await page.getByRole('heading', { name: 'E-mails die niet bezorgd konden worden' }).waitFor();
    await page.getByText('Alle e-mails zijn bezorgd of wachten nog op een nieuwe poging.').waitFor();
    await expectNoAxeViolations(page, '/beheer/outbox');

    for (const [who, email] of [
      ['confidant', CONFIDANT.email],
      ['officeholder', OFFICEHOLDER.email],
    ] as const) {
      await page.goto('/beheer/outbox');
      await mails.first().waitFor();
      await mails.filter({ hasText: email }).first().getByRole('link').click();
      const body = page.locator('#outbox-body');
      await body.waitFor();
      const link = ((await body.textContent()) ?? '').match(/https?:\/\/\S+\/activeren#token=[A-Za-z0-9_-]+/)?.[0];
      expect(link, `activation link in the mail to ${email}`).toBeTruthy();
      links[who] = link;
      // The same link was printed on the console.
      expect(await activationLinkFor(email)).toBe(link);
    }
    await expectNoAxeViolations(page, '/beheer/outbox/:id');
  });

  it('the confidant activates with a passkey on their own device and adds a second passkey', async () => {
    confidant = await person(browser, { passkeys: true });
    const { page } = confidant;
    await page.goto(links.confidant ?? '');
    await expectHeading(page, 'Uw account activeren');
    await page.getByText('U bent uitgenodigd als: vertrouwenspersoon.').waitFor();
    await page.getByText(`Uw e-mailadres: ${CONFIDANT.email}`).waitFor();
    await page.getByText('Omdat u met gegevens van anderen werkt, logt u in met een passkey.').waitFor();
    expect(await page.getByRole('radio').count()).toBe(0);
    await expectNoAxeViolations(page, 'activation (confidant, passkey only)');

    await page.getByRole('textbox', { name: 'Uw naam' }).fill(CONFIDANT.name);
    await page.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    await saveRecoveryCodes(page, 'confidant');
    confidantSignedInAt = Date.now();
    await expectSignedInAs(page, CONFIDANT.name);
    await page.getByText('Omdat u met gegevens van anderen werkt, logt u alleen in met een passkey.').waitFor();

    // Adding a passkey right after activation needs no extra confirmation (the step-up window is open).
    await page.getByRole('textbox', { name: 'Naam van de passkey' }).fill('Reservesleutel');
    // On the same device the browser refuses: it already holds a passkey for this account.
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText('Op dit apparaat staat al een passkey voor uw account.', { exact: false }).waitFor();
    // On another device (a security key, say) it works.
    const device = await otherDevice(page, confidant.authenticator as VirtualAuthenticator);
    await page.getByRole('button', { name: 'Passkey toevoegen' }).click();
    await page.getByText('De passkey ‘Reservesleutel’ is toegevoegd.').waitFor();
    expect(await device.authenticator.credentials()).toHaveLength(1);
    confidant.authenticator = await device.backToOld();
    const passkeys = page.getByRole('list', { name: 'Mijn passkeys' }).getByRole('listitem');
    await expect.poll(() => passkeys.count()).toBe(2);
    await expectNoAxeViolations(page, '/account (confidant, two passkeys)');
  });

  it('the officeholder activates with a password and an authenticator app', async () => {
    officeholder = await person(browser, { passkeys: false });
    const { page } = officeholder;
    await page.goto(links.officeholder ?? '');
    await expectHeading(page, 'Uw account activeren');
    await page.getByText('U bent uitgenodigd als: ambtsdrager.').waitFor();
    // The name the admin entered is filled in already.
    expect(await page.getByRole('textbox', { name: 'Uw naam' }).inputValue()).toBe(OFFICEHOLDER.name);
    await page.getByRole('radio', { name: 'Met een wachtwoord en een authenticator-app' }).check();
    const password = page.getByLabel('Kies een wachtwoord');
    await password.waitFor();
    await expectNoAxeViolations(page, 'activation (officeholder, password chosen)');

    // Too short: said in the form, before anything is sent.
    await password.fill('kort');
    await page.getByRole('button', { name: 'Verder' }).click();
    await page
      .getByRole('link', { name: 'Het wachtwoord moet minstens 12 tekens hebben. Nu zijn het er 4.' })
      .waitFor();
    // Long enough but easy to guess: the server's advice, next to the field.
    await password.fill('wachtwoord123');
    await page.getByRole('button', { name: 'Verder' }).click();
    const error = page.locator('#activation-password-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Dit wachtwoord is te makkelijk te raden.');
    expect(await password.getAttribute('aria-describedby')).toContain('activation-password-error');
    await expectNoAxeViolations(page, 'activation (officeholder, weak password)');

    await password.fill(OFFICEHOLDER.password);
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByRole('heading', { name: 'Stap 3: koppel uw authenticator-app' }).waitFor();
    const qr = page.getByRole('img', { name: 'QR-code om te scannen met uw authenticator-app' });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await qr.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    const secret = ((await page.locator('#totp-secret').textContent()) ?? '').replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    officeholderApp = new TestAuthenticatorApp(secret);
    await expectNoAxeViolations(page, 'activation (officeholder, authenticator app)');

    const code = page.getByRole('textbox', { name: 'Code uit de app' });
    await code.fill(await officeholderApp.wrongCode());
    await page.getByRole('button', { name: 'Account activeren' }).click();
    await page.locator('#totp-code-error').waitFor();
    await expectNoAxeViolations(page, 'activation (officeholder, wrong code)');
    await code.fill(await officeholderApp.code());
    await page.getByRole('button', { name: 'Account activeren' }).click();
    await saveRecoveryCodes(page, 'officeholder');
    await expectSignedInAs(page, OFFICEHOLDER.name);
    await page.getByText('U kunt inloggen met uw wachtwoord en een code uit uw authenticator-app.').waitFor();
  });

  it('both sign in again: the confidant with a passkey, the officeholder with password and code', async () => {
    await signOut(confidant.page);
    await expectNoAxeViolations(confidant.page, '/inloggen after signing out');
    await confidant.page.getByRole('button', { name: 'Inloggen met passkey' }).click();
    // Staff land on their work queue, not on the package's home page or their account (issue 12).
    await confidant.page.waitForURL((url) => url.pathname === '/werkbak');
    await confidant.page.getByRole('heading', { level: 1, name: 'Werkbak' }).waitFor();
    confidantSignedInAt = Date.now();
    await expectSignedInAs(confidant.page, CONFIDANT.name);

    const { page } = officeholder;
    await signOut(page);
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(OFFICEHOLDER.email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(OFFICEHOLDER.password);
    await page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).fill(await officeholderApp.code());
    await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    officeholderSignedInAt = Date.now();
    await expectSignedInAs(page, OFFICEHOLDER.name);
    // Officeholders see the family page in the menu; staff do not.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Familie' }).waitFor();
    expect(
      await confidant.page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Familie' })
        .count(),
    ).toBe(0);
  });

  it('the officeholder invites a relative, who activates with their own passkey', async () => {
    const { page } = officeholder;
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Familie' }).click();
    await expectHeading(page, 'Familie');
    await page.getByText('U hebt nog niemand uitgenodigd.').waitFor();
    await expectNoAxeViolations(page, '/familie (empty)');
    await page.getByRole('radio', { name: 'Mijn partner' }).check();
    await page.getByRole('textbox', { name: 'E-mailadres van uw familielid' }).fill(RELATIVE.email);
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await page.getByText(`De uitnodiging is verstuurd naar ${RELATIVE.email}.`).waitFor();
    const listed = page.getByRole('list', { name: 'Mijn uitgenodigde familieleden' }).getByRole('listitem');
    await expect.poll(() => listed.count()).toBe(1);
    expect(await listed.first().textContent()).toContain('Uitgenodigd. De link werkt tot');
    await expectNoAxeViolations(page, '/familie (one invitation)');

    const relative = await person(browser, { passkeys: true });
    others.push(relative);
    await relative.page.goto(await activationLinkFor(RELATIVE.email));
    await expectHeading(relative.page, 'Uw account activeren');
    await relative.page.getByText('U bent uitgenodigd als: familielid.').waitFor();
    // Who invited them shows here, once the link is verified; the mail only says someone who uses
    // Weerbaar did (people/relatives.int.test.ts holds the mail to that).
    await relative.page.getByText(`U bent uitgenodigd door ${OFFICEHOLDER.name} (wethouder).`).waitFor();
    const invitation = mailsIn(await serverOutput()).filter((mail) => mail.to === RELATIVE.email);
    expect(invitation.at(-1)?.text).toContain('Iemand die Weerbaar gebruikt, heeft u uitgenodigd');
    await expectNoAxeViolations(relative.page, '/activeren (a relative)');
    await relative.page.getByRole('textbox', { name: 'Uw naam' }).fill(RELATIVE.name);
    // Passkey is the suggested choice.
    expect(await relative.page.getByRole('radio', { name: 'Met een passkey (aangeraden)' }).isChecked()).toBe(true);
    await relative.page.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    await saveRecoveryCodes(relative.page, 'relative');
    await expectSignedInAs(relative.page, RELATIVE.name);
    // A relative has no family page of their own.
    await relative.page.goto('/familie');
    await expectHeading(relative.page, 'Deze pagina is niet voor u');
    await expectNoAxeViolations(relative.page, '/familie as a relative');

    await page.reload();
    await expectHeading(page, 'Familie');
    await expect.poll(() => listed.first().textContent()).toContain('Heeft een account.');
    expect(await listed.first().textContent()).toContain(RELATIVE.name);
  });

  it('the officeholder sees who looked at their data: the admin, by name and role, in plain words', async () => {
    const { page } = officeholder;
    await page.goto('/account/inzage');
    await expectHeading(page, 'Wie heeft mijn gegevens ingezien?');
    const main = page.locator('main');
    await main.getByRole('heading', { level: 3, name: 'Uw account en andere gegevens' }).first().waitFor();
    // What the admin did today is one line (invited, made a link, looked, read the mail), not a row per act.
    const lines = main.getByRole('listitem').filter({ hasText: ADMIN.name });
    await expect.poll(() => lines.count()).toBe(1);
    const line = (await lines.first().textContent()) ?? '';
    expect(line).toContain(`${ADMIN.name}, beheerder, `);
    expect(line).toContain('nodigde u uit voor Weerbaar');
    expect(line).toContain('las een e-mail aan u in de outbox');
    expect(await main.textContent()).not.toContain('Een andere handeling');
    await expectNoAxeViolations(page, '/account/inzage');

    // The same, as a file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Overzicht downloaden (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('wie-heeft-mijn-gegevens-ingezien.csv');
    const csv = await readFile((await download.path()) ?? '', 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\uFEFF"Datum en tijd","Wie","Rol","Wat","Zaak"');
    expect(csv).toContain(
      `"${ADMIN.name}","beheerder","las een e-mail aan u in de outbox","Uw account en andere gegevens"`,
    );
  });

  it('removing a passkey after the step-up window asks the confidant to confirm it is them', async () => {
    const { page } = confidant;
    await page.goto('/account');
    await expectHeading(page, 'Mijn account');
    // Wait until the last sign-in is older than the step-up window of the e2e server.
    const windowEnds = confidantSignedInAt + E2E_STEP_UP_MINUTES * 60_000 + 3_000;
    if (Date.now() < windowEnds) await page.waitForTimeout(windowEnds - Date.now());

    const reserve = page
      .getByRole('list', { name: 'Mijn passkeys' })
      .getByRole('listitem')
      .filter({ hasText: 'Reservesleutel' });
    await reserve.getByRole('button', { name: /^Verwijderen\s*:\s*Reservesleutel$/ }).click();
    const confirm = page.getByRole('dialog', { name: 'Passkey verwijderen?' });
    await confirm.waitFor();
    await expectNoAxeViolations(page, 'confirm removing a passkey');
    await confirm.getByRole('button', { name: 'Ja, verwijderen' }).click();

    const stepUp = page.getByRole('dialog', { name: 'Bevestig dat u het bent' });
    await stepUp.waitFor();
    await stepUp.getByRole('button', { name: 'Bevestigen met passkey' }).waitFor();
    // A confidant has no password: only the passkey is offered.
    expect(await stepUp.getByRole('textbox').count()).toBe(0);
    await expectNoAxeViolations(page, 'step-up dialog');
    await stepUp.getByRole('button', { name: 'Bevestigen met passkey' }).click();
    await page.getByText('De passkey ‘Reservesleutel’ is verwijderd.').waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Mijn passkeys' }).getByRole('listitem').count()).toBe(1);
    expect(await stepUp.isVisible()).toBe(false);
  });

  it('the officeholder makes new recovery codes after confirming with password and code', async () => {
    const { page } = officeholder;
    const familyTab = await officeholder.opened.context.newPage();
    await familyTab.goto('/familie');
    await expectHeading(familyTab, 'Familie');
    await page.goto('/account');
    await page.getByText('U hebt nog 10 herstelcodes over.').waitFor();
    // The sign-in is older than the step-up window by now (the confidant waited for it too).
    const windowEnds = officeholderSignedInAt + E2E_STEP_UP_MINUTES * 60_000 + 3_000;
    if (Date.now() < windowEnds) await page.waitForTimeout(windowEnds - Date.now());
    await page.getByRole('button', { name: 'Nieuwe herstelcodes maken' }).click();
    await page
      .getByRole('dialog', { name: 'Nieuwe herstelcodes maken?' })
      .getByRole('button', { name: 'Ja, nieuwe codes maken' })
      .click();
    const stepUp = page.getByRole('dialog', { name: 'Bevestig dat u het bent' });
    await stepUp.waitFor();
    // No passkey on this account: password and code only.
    expect(await stepUp.getByRole('button', { name: 'Bevestigen met passkey' }).count()).toBe(0);
    await stepUp.getByLabel('Wachtwoord', { exact: true }).fill('niet mijn wachtwoord');
    await stepUp
      .getByRole('textbox', { name: 'Code uit uw authenticator-app' })
      .fill(await officeholderApp.wrongCode());
    await stepUp.getByRole('button', { name: 'Bevestigen', exact: true }).click();
    await stepUp.getByText('Dat klopt niet. Controleer uw wachtwoord en code en probeer het opnieuw.').waitFor();
    await expectNoAxeViolations(page, 'step-up dialog with password, after a mistake');
    await stepUp.getByLabel('Wachtwoord', { exact: true }).fill(OFFICEHOLDER.password);
    await stepUp.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).fill(await officeholderApp.code());
    await stepUp.getByRole('button', { name: 'Bevestigen', exact: true }).click();

    const codes = page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem');
    await expect.poll(() => codes.count()).toBe(10);
    await expectNoAxeViolations(page, '/account with new recovery codes');
    await page.getByLabel('Ik heb de herstelcodes op een veilige plek bewaard').check();
    await page.getByRole('button', { name: 'Klaar' }).click();
    await page.getByText('Uw nieuwe herstelcodes zijn actief. De oude codes werken niet meer.').waitFor();

    // The step-up gave the session a new token; a tab opened before it still works (it fetches the new CSRF token).
    await familyTab.getByRole('radio', { name: 'Mijn kind' }).check();
    await familyTab
      .getByRole('textbox', { name: 'E-mailadres van uw familielid' })
      .fill('tweede.familielid@thuis.test');
    await familyTab.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await familyTab.getByText('De uitnodiging is verstuurd naar tweede.familielid@thuis.test.').waitFor();
    await familyTab.close();
  });

  it('the officeholder sees their sessions and signs out everywhere', async () => {
    const { page } = officeholder;
    // A second device, signed in with a recovery code.
    const other = await person(browser, { passkeys: false });
    others.push(other);
    await other.page.goto('/inloggen');
    await expectHeading(other.page, 'Inloggen');
    await other.page.getByRole('textbox', { name: 'E-mailadres' }).fill(OFFICEHOLDER.email);
    await other.page.getByLabel('Wachtwoord', { exact: true }).fill(OFFICEHOLDER.password);
    await other.page.getByRole('textbox', { name: 'Code uit uw authenticator-app' }).fill(await officeholderApp.code());
    await other.page.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await other.page.waitForURL((url) => url.pathname === '/account');

    await page.goto('/account/sessies');
    await expectHeading(page, 'Waar bent u ingelogd?');
    const sessions = page.getByRole('list', { name: 'Mijn sessies' }).getByRole('listitem');
    await expect.poll(() => sessions.count()).toBe(2);
    await expect.poll(() => sessions.filter({ hasText: 'dit apparaat' }).count()).toBe(1);
    expect(await sessions.first().textContent()).toMatch(/Chrome op Linux|Onbekend apparaat|Chrome/);
    await expectNoAxeViolations(page, '/account/sessies');

    await page.getByRole('button', { name: 'Overal uitloggen' }).click();
    const confirm = page.getByRole('dialog', { name: 'Overal uitloggen?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Overal uitloggen' }).click();
    await page.waitForURL((url) => url.pathname === '/inloggen');
    await page.getByText('U bent uitgelogd op al uw apparaten.').waitFor();
    await page.getByRole('banner').getByRole('link', { name: 'Inloggen' }).waitFor();

    // The other device finds out at its next request and is sent to the sign-in page.
    await other.page
      .getByRole('navigation', { name: 'Mijn account' })
      .getByRole('link', { name: 'Waar ben ik ingelogd?' })
      .click();
    await other.page.waitForURL((url) => url.pathname === '/inloggen');
    await other.page.getByText('Voor uw veiligheid bent u uitgelogd.', { exact: false }).waitFor();
    expect(new URL(other.page.url()).searchParams.get('volgende')).toBe('/account/sessies');
  });

  it('pages behind sign-in send a visitor to /inloggen and come back after signing in', async () => {
    const { page } = confidant;
    await signOut(page);
    await page.goto('/account/sessies');
    await page.waitForURL((url) => url.pathname === '/inloggen');
    expect(new URL(page.url()).searchParams.get('volgende')).toBe('/account/sessies');
    await page.getByText('Log in om deze pagina te bekijken.').waitFor();
    await page.getByRole('button', { name: 'Inloggen met passkey' }).click();
    await page.waitForURL((url) => url.pathname === '/account/sessies');
    await expectHeading(page, 'Waar bent u ingelogd?');
  });

  it('the admin changes roles, deactivates and reactivates an account, and revokes an invitation', async () => {
    const { page } = admin;
    await page.goto('/beheer/personen');
    await expectHeading(page, 'Personen');
    // Search and filter.
    await page.getByRole('searchbox', { name: 'Zoek op naam of e-mailadres' }).fill('olga');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('1 persoon gevonden.').waitFor();
    expect(new URL(page.url()).searchParams.get('zoek')).toBe('olga');
    await page.getByRole('combobox', { name: 'Rol' }).selectOption('confidant');
    await page.getByRole('searchbox', { name: 'Zoek op naam of e-mailadres' }).fill('');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByText('1 persoon gevonden.').waitFor();
    await page.getByRole('link', { name: CONFIDANT.name }).click();
    await expectHeading(page, CONFIDANT.name);

    // The confidant also becomes an expert: that needs a field, and (a role that reads cases) a second admin.
    await page.getByRole('checkbox', { name: 'deskundige', exact: true }).check();
    await page.getByRole('button', { name: 'Rollen opslaan' }).click();
    await page.getByRole('link', { name: 'Kies het vakgebied van de deskundige.' }).waitFor();
    await expectNoAxeViolations(page, '/beheer/personen/:id roles with an error');
    await page.getByRole('combobox', { name: 'Vakgebied' }).selectOption('legal');
    await page.getByRole('button', { name: 'Rollen opslaan' }).click();
    await confirmIfAsked(
      page,
      page.getByText('De rollen zijn opgeslagen. De rol waarmee hulpvragen gelezen worden', { exact: false }),
      'asking for the expert role',
    );
    await page
      .getByRole('definition')
      .filter({ hasText: /^vertrouwenspersoon$/ })
      .waitFor();
    const confidantPage = page.url();
    await secondAdmin.page.goto(confidantPage);
    await expectHeading(secondAdmin.page, CONFIDANT.name);
    await secondAdmin.page.getByRole('button', { name: `Goedkeuren voor ${CONFIDANT.name}` }).click();
    await confirmIfAsked(
      secondAdmin.page,
      secondAdmin.page.getByText(`${CONFIDANT.name} heeft de rol gekregen.`),
      'approving the expert role',
    );
    await page.reload();
    await page.getByRole('definition').filter({ hasText: 'vertrouwenspersoon, deskundige' }).waitFor();

    // Deactivate (after a confirmation), then reactivate.
    await page.getByRole('button', { name: 'Account uitzetten' }).click();
    const confirm = page.getByRole('dialog', { name: 'Account uitzetten?' });
    await confirm.waitFor();
    await expectNoAxeViolations(page, 'confirm deactivating an account');
    await confirm.getByRole('button', { name: 'Account uitzetten' }).click();
    await page.getByText('Het account is uitgezet. Alle sessies zijn beëindigd.').waitFor();
    await page
      .getByRole('definition')
      .filter({ hasText: /^uitgezet$/ })
      .waitFor();
    // The confidant is signed out at once: their next request finds no session.
    await confidant.page.reload();
    await confidant.page.waitForURL((url) => url.pathname === '/inloggen');
    await page.getByRole('button', { name: 'Account weer aanzetten' }).click();
    await page
      .getByRole('dialog', { name: 'Account weer aanzetten?' })
      .getByRole('button', { name: 'Account weer aanzetten' })
      .click();
    await page.getByText('Het account staat weer aan.').waitFor();

    // An own account cannot be deactivated here.
    await page.goto('/beheer/personen?zoek=beheer');
    await page.getByRole('link', { name: ADMIN.name }).click();
    await page.getByText('U kunt uw eigen account niet uitzetten.').waitFor();

    // Invite someone, then revoke the invitation; sending a new one reopens it.
    await page.goto('/beheer/personen/nieuw');
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill('vergissing@weerbaar.test');
    await page.getByRole('checkbox', { name: 'coördinator trainingen' }).check();
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await expectHeading(page, 'vergissing@weerbaar.test');
    await page.goto('/beheer/uitnodigingen');
    const item = page
      .getByRole('list', { name: 'Uitnodigingen' })
      .getByRole('listitem')
      .filter({ hasText: 'vergissing@weerbaar.test' });
    await item.getByRole('button', { name: /^Uitnodiging intrekken/ }).click();
    const revoke = page.getByRole('dialog', { name: 'Uitnodiging intrekken?' });
    await revoke.waitFor();
    await revoke.getByRole('button', { name: 'Uitnodiging intrekken' }).click();
    await page.getByText('De uitnodiging voor vergissing@weerbaar.test is ingetrokken.').waitFor();
    await expect.poll(() => item.count()).toBe(0);
    await page.getByRole('combobox', { name: 'Toon uitnodigingen die' }).selectOption('revoked');
    await item.waitFor();
    await expectNoAxeViolations(page, '/beheer/uitnodigingen (revoked)');
    await page.goto('/beheer/personen?zoek=vergissing');
    await page.getByRole('link', { name: 'vergissing@weerbaar.test' }).click();
    await page.getByRole('button', { name: 'Nieuwe uitnodiging sturen' }).click();
    await page
      .getByText('Er is een nieuwe uitnodiging verstuurd naar vergissing@weerbaar.test.', { exact: false })
      .waitFor();
  });

  it('in English, and at 320 px without sideways scrolling', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'English' }).click();
    for (const [path, title] of [
      ['/account', 'My account'],
      ['/beheer/personen', 'People'],
      ['/beheer/personen/nieuw', 'Invite someone'],
      ['/beheer/rolverzoeken', 'Role requests'],
      ['/account/sessies', 'Where are you signed in?'],
    ] as const) {
      await page.goto(path);
      await expectHeading(page, title);
      await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
      await expectNoAxeViolations(page, `${path} (en)`);
    }
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expectHeading(page, 'Waar bent u ingelogd?');

    await page.setViewportSize({ width: 320, height: 640 });
    for (const [path, title] of [
      ['/account', 'Mijn account'],
      ['/account/sessies', 'Waar bent u ingelogd?'],
      ['/account/inzage', 'Wie heeft mijn gegevens ingezien?'],
      ['/beheer/personen', 'Personen'],
      ['/beheer/personen/nieuw', 'Iemand uitnodigen'],
      ['/beheer/uitnodigingen', 'Uitnodigingen'],
      ['/beheer/rolverzoeken', 'Rolverzoeken'],
      ['/beheer/outbox', 'Outbox'],
    ] as const) {
      await page.goto(path);
      await expectHeading(page, title);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await expectNoAxeViolations(page, '/beheer/outbox at 320 px');

    await officeholder.page.setViewportSize({ width: 320, height: 640 });
    await officeholder.page.goto('/inloggen');
    await expectHeading(officeholder.page, 'Inloggen');
    await expectNoSidewaysScroll(officeholder.page);
  });
});
