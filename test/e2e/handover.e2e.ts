import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, personContext } from './helpers/case-server.ts';
import { expectHeading, expectNoSidewaysScroll, expectSignedInAs } from './helpers/identity.ts';
import { addVirtualAuthenticator } from './helpers/webauthn.ts';

/**
 * "A copy for every new office holder", on a server of its own (fresh database): the admin registers
 * two new office holders, downloads one's printable package (a real PDF with the name, office and a
 * short activation code on the cover) and records the handover; that office holder activates with the
 * printed code; the other activates from the mailed link and downloads their own package; a CSV import
 * is rejected row by row, then imported. Every page and state on the way is scanned with axe.
 */

const OLGA = { name: 'Olga Wethouder', email: 'olga@zwolle.example' };
const BRAM = { name: 'Bram Burgemeester', email: 'bram@deventer.example' };

describe('the package for every new office holder', () => {
  let server: CaseServer;
  let browser: Browser;
  let admin: ApiPerson;
  let adminPage: Page;
  const contexts: BrowserContext[] = [];
  let olgaCode = '';

  async function anonymousPage(): Promise<Page> {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'nl-NL', acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  /** Activates on the activation page with a (virtual) passkey and saves the recovery codes. */
  async function activateWithPasskey(page: Page, name: string, label: string) {
    await expectHeading(page, 'Uw account activeren');
    await expect.poll(() => page.url()).not.toContain('token');
    await expectNoAxeViolations(page, `activation (${label})`);
    expect(await page.getByRole('textbox', { name: 'Uw naam' }).inputValue()).toBe(name);
    await page.getByRole('button', { name: 'Passkey maken en account activeren' }).click();
    await expectHeading(page, 'Uw account is klaar');
    await page.getByLabel('Ik heb de herstelcodes op een veilige plek bewaard').check();
    await page.getByRole('button', { name: 'Verder naar mijn account' }).click();
    await page.waitForURL((url) => url.pathname === '/account');
    await expectSignedInAs(page, name);
  }

  async function register(
    page: Page,
    person: { name: string; email: string },
    details: { office: string; region: string; mail: boolean },
  ) {
    await page
      .getByRole('navigation', { name: 'Pakketoverdracht' })
      .getByRole('link', { name: 'Nieuwe ambtsdrager' })
      .click();
    await expectHeading(page, 'Nieuwe ambtsdrager registreren');
    await page.getByRole('textbox', { name: 'Naam' }).fill(person.name);
    await page.getByRole('combobox', { name: 'Functie' }).selectOption(details.office);
    await page.getByRole('combobox', { name: 'Gemeente' }).fill(details.region);
    await page.getByLabel('Datum van installatie').fill('2025-03-12');
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(person.email);
    if (details.mail) await page.getByRole('checkbox', { name: 'Stuur de activeringslink nu ook per e-mail' }).check();
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expectHeading(page, person.name);
  }

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    admin = await firstAdmin(server);
    const context = await personContext(browser, admin);
    contexts.push(context);
    adminPage = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('the admin registers a new office holder: an empty list first, then the form with its checks', async () => {
    const page = adminPage;
    await page.goto('/account');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Pakketoverdracht' }).click();
    await expectHeading(page, 'Pakketoverdracht');
    await page.getByText('0 ambtsdragers gevonden.').waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht (empty)');

    await page.getByRole('link', { name: 'Nieuwe ambtsdrager registreren' }).click();
    await expectHeading(page, 'Nieuwe ambtsdrager registreren');
    await expectNoAxeViolations(page, '/beheer/overdracht/nieuw');
    await page.getByRole('button', { name: 'Registreren' }).click();
    const summary = page.locator('.weerbaar-error-summary');
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Vul de naam in.',
      'Kies een functie.',
      'Vul de gemeente, provincie of het waterschap in.',
      'Vul de datum van installatie in.',
      'Vul een e-mailadres in, bijvoorbeeld naam@gemeente.nl.',
    ]);
    await expectNoAxeViolations(page, '/beheer/overdracht/nieuw with errors');

    // A place that is not a municipality: the server says so, next to the field.
    await page.getByRole('textbox', { name: 'Naam' }).fill(OLGA.name);
    await page.getByRole('combobox', { name: 'Functie' }).selectOption('wethouder');
    await page.getByRole('combobox', { name: 'Gemeente' }).fill('Atlantis');
    await page.getByLabel('Datum van installatie').fill('2025-03-12');
    await page.getByRole('textbox', { name: 'E-mailadres' }).fill(OLGA.email);
    await page.getByRole('button', { name: 'Registreren' }).click();
    await summary
      .getByRole('link', { name: 'Deze naam staat niet in de lijst. Kies een naam uit de lijst.' })
      .waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/nieuw with a region the server refused');
    await page.getByRole('combobox', { name: 'Gemeente' }).fill('Zwolle');
    await page.getByRole('button', { name: 'Registreren' }).click();
    await expectHeading(page, OLGA.name);
    await page.getByText(`${OLGA.name} is geregistreerd. Maak nu het pakket om te printen.`).waitFor();
    await page.getByText('nog niet').first().waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/:id (registered)');
  });

  it('downloads the printable package: a PDF with the name, office, date and an activation code', async () => {
    const page = adminPage;
    await page
      .getByText('Daarom staat er een nieuwe QR-code en een nieuwe code in het pakket.', { exact: false })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Pakket downloaden (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`Veiligheidspakket ${OLGA.name}.pdf`);
    const bytes = await readFile((await download.path()) ?? '');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(30_000);
    const pdf = extractPdfText(bytes);
    const cover = flattenText(pdf.pages[0] ?? '');
    expect(cover).toContain(`Persoonlijk exemplaar voor ${OLGA.name}`);
    expect(cover).toContain('Wethouder, gemeente Zwolle');
    expect(cover).toContain('Installatie: 12 maart 2025');
    expect(cover).toContain('Acuut gevaar? Bel 112.');
    olgaCode = /\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b/.exec(cover)?.[1] ?? '';
    expect(olgaCode).not.toBe('');
    expect(pdf.links[0]).toMatch(new RegExp(`^${server.baseUrl}/activeren#token=`));

    await page.getByText('Het pakket is gedownload', { exact: false }).waitFor();
    await page.getByText('Pakket gemaakt op', { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/:id (package made)');
  });

  it('records the handover, with a check on the method', async () => {
    const page = adminPage;
    await page.getByRole('textbox', { name: 'Overhandigd door' }).fill('Kabinet van de Commissaris van de Koning');
    await page.getByRole('button', { name: 'Overhandiging opslaan' }).click();
    await page
      .locator('.weerbaar-error-summary')
      .getByRole('link', { name: 'Kies hoe het pakket is overhandigd.' })
      .waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/:id (handover form with an error)');
    await page.getByRole('radio', { name: 'persoonlijk' }).check();
    await page.getByRole('button', { name: 'Overhandiging opslaan' }).click();
    await page.getByText('De overhandiging is vastgelegd.').waitFor();
    await page.getByText('Pakket persoonlijk overhandigd op', { exact: false }).waitFor();
    const history = page.getByRole('list', { name: 'Geschiedenis' }).getByRole('listitem');
    await expect.poll(() => history.count()).toBe(3);
    await expectNoAxeViolations(page, '/beheer/overdracht/:id (handed over)');
  });

  it('the office holder activates with the code from the printed package', async () => {
    const page = await anonymousPage();
    await addVirtualAuthenticator(page);
    await page.goto('/activeren/code');
    await expectHeading(page, 'Account activeren met een code');
    await expectNoAxeViolations(page, '/activeren/code');
    const field = page.getByRole('textbox', { name: 'Code uit uw pakket' });
    await field.fill('ABCDE-FGHJK');
    await page.getByRole('button', { name: 'Verder' }).click();
    await page
      .locator('.weerbaar-error-summary')
      .getByRole('link', { name: 'Deze code werkt niet (meer).', exact: false })
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, '/activeren/code (wrong code)');
    await expectNoSidewaysScroll(page, 1280);

    await field.fill(olgaCode.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL((url) => url.pathname === '/activeren');
    await activateWithPasskey(page, OLGA.name, 'with the printed code');

    await adminPage.reload();
    await adminPage.getByText('Account geactiveerd op', { exact: false }).waitFor();
    await adminPage
      .getByText('De code uit het pakket is gebruikt om het account te activeren', { exact: false })
      .waitFor();
    await expectNoAxeViolations(adminPage, '/beheer/overdracht/:id (activated)');
  });

  it('another office holder activates from the mailed link and downloads their own package', async () => {
    await adminPage.goto('/beheer/overdracht');
    await expectHeading(adminPage, 'Pakketoverdracht');
    await register(adminPage, BRAM, { office: 'burgemeester', region: 'Deventer', mail: true });
    await adminPage.getByText('De activeringslink is ook per e-mail verstuurd.', { exact: false }).waitFor();

    const page = await anonymousPage();
    await addVirtualAuthenticator(page);
    const token = await server.invitationToken(BRAM.email);
    await page.goto(`/activeren#token=${token}`);
    await activateWithPasskey(page, BRAM.name, 'from the mailed link');

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn pakket' }).click();
    await expectHeading(page, 'Mijn Veiligheidspakket');
    await page.getByText('Deventer').waitFor();
    await expectNoAxeViolations(page, '/mijn-pakket');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Mijn pakket downloaden (PDF)' }).click(),
    ]);
    const bytes = await readFile((await download.path()) ?? '');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(30_000);
    const cover = flattenText(extractPdfText(bytes).pages[0] ?? '');
    expect(cover).toContain(`Persoonlijk exemplaar voor ${BRAM.name}`);
    expect(cover).toContain('Burgemeester, gemeente Deventer');
    expect(cover).not.toContain('activeren');
    await page.getByText('Uw pakket is gedownload', { exact: false }).waitFor();
    await expectNoAxeViolations(page, '/mijn-pakket (downloaded)');
    await expectNoSidewaysScroll(page, 1280);
  });

  it('imports from a CSV file: a rejected file is reported row by row, a good one is imported', async () => {
    const page = adminPage;
    await page.goto('/beheer/overdracht');
    await page.getByRole('link', { name: 'Importeren uit een CSV-bestand' }).click();
    await expectHeading(page, 'Ambtsdragers importeren');
    await expectNoAxeViolations(page, '/beheer/overdracht/import');

    await page.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    await page.locator('.weerbaar-error-summary').getByRole('link', { name: 'Kies eerst een CSV-bestand.' }).waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/import (no file)');

    const rejected = [
      'naam;functie;regio;installatiedatum;e-mail',
      'Carla Raad;raadslid;Utrecht;1-9-2025;carla@utrecht.example',
      '=HYPERLINK("https://evil.example");raadslid;Utrecht;1-9-2025;formule@utrecht.example',
      'Dirk Dubbel;raadslid;Utrecht;31-02-2025;carla@utrecht.example',
    ].join('\n');
    await page.getByLabel('CSV-bestand').setInputFiles({
      name: 'benoemingen.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(rejected),
    });
    await page.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    await page.getByText('Er is niets geïmporteerd. Er zijn 3 problemen gevonden.', { exact: false }).waitFor();
    const rows = page.getByRole('region', { name: 'Problemen per regel' }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(4);
    expect((await rows.nth(1).textContent()) ?? '').toContain('Dit lijkt op een formule.');
    expect((await rows.nth(2).textContent()) ?? '').toContain('Dit is geen geldige datum.');
    expect((await rows.nth(3).textContent()) ?? '').toContain('Dit e-mailadres staat ook op regel 2.');
    await expectNoAxeViolations(page, '/beheer/overdracht/import (rejected)');
    await expectNoSidewaysScroll(page, 1280);

    // The report as CSV: the formula from the file cannot run in a spreadsheet.
    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Lijst met problemen downloaden (CSV)' }).click(),
    ]);
    const csv = (await readFile((await report.path()) ?? '')).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(csv.split('\r\n').some((line) => line.split(';').some((cell) => /^[=+\-@]/.test(cell)))).toBe(false);

    const good = [
      'naam;functie;regio;installatiedatum;e-mail',
      'Carla Raad;raadslid;Utrecht;1-9-2025;carla@utrecht.example',
      'Dirk Dijkgraaf;waterschapsbestuurder;Rivierenland;1-9-2025;dirk@rivierenland.example',
    ].join('\n');
    await page
      .getByLabel('CSV-bestand')
      .setInputFiles({ name: 'benoemingen.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Bestand controleren en importeren' }).click();
    await page.getByText('Klaar: 2 ambtsdragers zijn geregistreerd.').waitFor();
    await expectNoAxeViolations(page, '/beheer/overdracht/import (imported)');

    await page.getByRole('link', { name: 'Naar het overzicht' }).click();
    await expectHeading(page, 'Pakketoverdracht');
    // Oldest installation first; Olga is handed over and activated, so not in the open list.
    const cards = page.getByRole('list', { name: 'Gevonden ambtsdragers' }).getByRole('listitem');
    await expect.poll(() => cards.count()).toBe(3);
    expect(await cards.getByRole('link').allTextContents()).toEqual([BRAM.name, 'Carla Raad', 'Dirk Dijkgraaf']);
    await expectNoAxeViolations(page, '/beheer/overdracht (open)');
  });

  it('works at 320 px wide without sideways scrolling', async () => {
    const context = await personContext(browser, admin, { width: 320, height: 800 });
    contexts.push(context);
    const page = await context.newPage();
    for (const path of ['/beheer/overdracht', '/beheer/overdracht/nieuw', '/beheer/overdracht/import']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      await expectNoSidewaysScroll(page, 320);
      await expectNoAxeViolations(page, `${path} at 320 px`);
    }
  });
});
