import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbOrTx, openDatabase, rowsOf } from '../../src/server/db/index.ts';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { parseIcs } from '../helpers/woningscan.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

/**
 * A wethouder checks what they can get, requests a veiligheidsgesprek; a CCV adviser proposes times;
 * the wethouder picks one (by keyboard) and downloads the invitation (parsed with ical.js); the adviser
 * moves it (SEQUENCE up, same UID), records the visit and writes the advice; the wethouder downloads the
 * advice PDF and marks a measure installed; the adviser closes the request. A raadslid sees the
 * alternatives instead of a form. Last, with the server stopped, a dump of every table holds nothing of
 * the address (nor the household). axe on every page; the office holders' pages at 320 px.
 */

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const SCREENSHOTS = process.env.WONINGSCAN_SCREENSHOTS;

async function fitsIn320(page: Page, label: string) {
  await page.setViewportSize({ width: 320, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${label}.png`, fullPage: true });
  expect(overflow, `${label} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Every row of every table as text, as a database dump would hold it. */
async function dumpAllRows(db: DbOrTx): Promise<string> {
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(
      sql`SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
          WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    ),
  );
  const parts: string[] = [];
  for (const { schema, name } of tables) {
    const rows = rowsOf<{ row: string }>(
      await db.execute(sql.raw(`SELECT t::text AS row FROM "${schema}"."${name}" t`)),
    );
    for (const { row } of rows) parts.push(`${schema}.${name}: ${row}`);
  }
  return parts.join('\n');
}

async function downloadText(page: Page, click: () => Promise<void>): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return readFile(file, 'utf8');
}

describe('woningscan journey', () => {
  let server: CaseServer;
  let browser: Browser;
  let wethouder: ApiPerson;
  let raadslid: ApiPerson;
  let adviser: ApiPerson;
  const contexts: BrowserContext[] = [];
  let requester: Page;
  let staff: Page;
  let councillor: Page;
  let reference = '';
  let uid = '';
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Zwolle',
    });
    raadslid = await inviteAndActivate(admin, {
      displayName: 'Rita Raadslid',
      email: 'rita@example.org',
      roles: ['officeholder'],
      office: 'raadslid',
      region: 'Zwolle',
    });
    adviser = await inviteAndActivate(admin, {
      displayName: 'Cas CCV',
      email: 'cas@example.org',
      roles: ['ccv_advisor'],
    });
    for (const person of [wethouder, adviser, raadslid]) contexts.push(await personContext(browser, person));
    requester = await (contexts[0] as BrowserContext).newPage();
    staff = await (contexts[1] as BrowserContext).newPage();
    councillor = await (contexts[2] as BrowserContext).newPage();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('explains eligibility first, then takes the request', async () => {
    await requester.goto('/');
    await requester.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Woningscan' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe('Woningscan en veiligheidsgesprek');
    await requester.getByRole('heading', { name: 'Regeling beveiligingsmaatregelen decentrale bestuurders' }).waitFor();
    const main = (await requester.locator('main').textContent()) ?? '';
    expect(main).toContain('U bent bestuurder.');
    expect(main).toContain('Geldt voor uw functie');
    await expectNoAxeViolations(requester, '/woningscan (wethouder)');

    await requester.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await requester.getByRole('region', { name: /om aan te vullen/ }).waitFor();
    await expectNoAxeViolations(requester, '/woningscan with errors');

    await requester.getByLabel('Vanaf').fill(day(7));
    await requester.getByLabel('Tot en met').fill(day(21));
    await requester.getByRole('radio', { name: 'Ik ben ermee bezig' }).check();
    await requester.getByLabel(/Wie wonen er nog meer/).fill('Partner en twee kinderen');
    await requester.getByLabel('Straat').fill('Dorpsstraat');
    await requester.getByLabel('Huisnummer').fill('12');
    await requester.getByLabel('Postcode').fill('8011 AB');
    await requester.getByLabel('Plaats').fill('Zwolle');
    await fitsIn320(requester, 'woningscan-request');
    await requester.getByRole('button', { name: 'Aanvraag versturen' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe('Uw aanvraag is verstuurd');
    reference =
      /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec((await requester.locator('main').textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');
  });

  it('lets the CCV adviser take it, see the address (audited) and propose times', async () => {
    await staff.goto('/werkbak');
    await expect.poll(() => h1(staff).textContent()).toBe('Werkbak');
    const row = staff.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await staff.getByText('Dorpsstraat').count()).toBe(0);
    await expectNoAxeViolations(staff, '/werkbak (woningscan)');
    await row.getByRole('button', { name: `Oppakken: ${reference}` }).click();
    await staff.getByRole('heading', { name: 'Tijden voorstellen' }).waitFor();
    await staff.getByRole('button', { name: 'Adres tonen' }).click();
    await staff.getByText('8011 AB Zwolle').waitFor();
    await expectNoAxeViolations(staff, 'woningscan staff case');

    await staff.getByRole('button', { name: 'Nog een tijd' }).click();
    await staff
      .getByLabel('Begin')
      .nth(0)
      .fill(`${day(8)}T10:00`);
    await staff
      .getByLabel('Einde')
      .nth(0)
      .fill(`${day(8)}T11:30`);
    await staff
      .getByLabel('Begin')
      .nth(1)
      .fill(`${day(9)}T14:00`);
    await staff
      .getByLabel('Einde')
      .nth(1)
      .fill(`${day(9)}T15:30`);
    await staff.getByRole('button', { name: 'Tijden voorstellen' }).click();
    await staff.getByRole('heading', { name: 'Tijden voorstellen' }).waitFor();
    await expect.poll(() => staff.getByText('Kies een tijd').count()).toBeGreaterThan(0);
  });

  it('lets the wethouder pick a time by keyboard and download the invitation', async () => {
    await requester.getByRole('link', { name: 'Naar uw aanvraag' }).click();
    const section = requester.getByRole('region', { name: 'Voorgestelde tijden' });
    await section.waitFor();
    await expectNoAxeViolations(requester, 'woningscan case: pick a time');
    await fitsIn320(requester, 'woningscan-pick');
    const first = section.getByRole('button', { name: /^Kies / }).first();
    await first.focus();
    await requester.keyboard.press('Enter');
    const appointment = requester.getByRole('region', { name: 'Uw afspraak' });
    await appointment.waitFor();
    const ics = await downloadText(requester, () =>
      appointment.getByRole('button', { name: 'Agenda-uitnodiging downloaden (.ics)' }).click(),
    );
    const event = parseIcs(ics);
    expect(event).toMatchObject({ method: 'REQUEST', sequence: 0, startZone: 'UTC' });
    for (const secret of ['Dorpsstraat', '8011', 'Zwolle', 'kinderen']) expect(ics).not.toContain(secret);
    uid = event.uid;
    await expectNoAxeViolations(requester, 'woningscan case: appointment');
  });

  it('lets the adviser move the appointment: the same invitation, SEQUENCE 1', async () => {
    await staff.reload();
    await staff.getByRole('heading', { name: 'Afspraak verzetten' }).waitFor();
    // Beside it the adviser may propose new times instead; the move has its own fields.
    const move = staff.getByRole('group', { name: 'Nieuwe tijd' });
    await move.getByLabel('Begin').fill(`${day(10)}T09:00`);
    await move.getByLabel('Einde').fill(`${day(10)}T10:00`);
    await staff.getByRole('button', { name: 'Afspraak verzetten' }).click();
    await staff.getByRole('status').filter({ hasText: 'Gelukt.' }).waitFor();
    await requester.reload();
    const appointment = requester.getByRole('region', { name: 'Uw afspraak' });
    await appointment.waitFor();
    const event = parseIcs(
      await downloadText(requester, () =>
        appointment.getByRole('button', { name: 'Agenda-uitnodiging downloaden (.ics)' }).click(),
      ),
    );
    expect(event).toMatchObject({ uid, sequence: 1, method: 'REQUEST' });
    expect(event.start.toISOString()).toBe(new Date(`${day(10)}T09:00`).toISOString());
  });

  it('lets the adviser record the visit (the address goes) and write the advice', async () => {
    await staff.getByRole('button', { name: 'Bezoek vastleggen en adres verwijderen' }).click();
    await staff.getByRole('heading', { name: 'Advies schrijven' }).waitFor();
    expect(await staff.getByRole('button', { name: 'Adres tonen' }).count()).toBe(0);
    await staff.getByLabel('Wonen').fill('Verplaats de brievenbus naar buiten.');
    await staff.getByLabel('Informatie en digitaal').fill('Haal uw geboortedatum van sociale media.');
    await staff.getByRole('button', { name: 'Nog een maatregel' }).click();
    await staff.getByLabel('Maatregel 1', { exact: true }).fill('Buitenbrievenbus');
    await staff.getByRole('button', { name: 'Advies opslaan' }).click();
    await staff.getByRole('status').filter({ hasText: 'Gelukt.' }).waitFor();
    await expectNoAxeViolations(staff, 'woningscan staff case with advice');
  });

  it('gives the wethouder the advice as a PDF, and lets them mark the measure installed', async () => {
    await requester.reload();
    const advice = requester.getByRole('region', { name: 'Het veiligheidsadvies' });
    await advice.waitFor();
    expect(await advice.textContent()).toContain('Verplaats de brievenbus naar buiten.');
    const [download, response] = await Promise.all([
      requester.waitForEvent('download'),
      requester.waitForResponse((answer) => answer.url().includes('/woningscan/advice.pdf')),
      advice.getByRole('button', { name: 'Advies downloaden (PDF)' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = flattenText(extractPdfText(await readFile(await download.path())).text);
    expect(pdf).toContain('Verplaats de brievenbus naar buiten.');
    expect(pdf).toContain('Buitenbrievenbus');
    // The scheme that applied on the advice's day, printed from the schemes' data.
    expect(pdf).toContain('Regeling beveiligingsmaatregelen decentrale bestuurders');
    for (const secret of ['Dorpsstraat', '8011 AB', 'kinderen']) expect(pdf).not.toContain(secret);
    const measures = requester.getByRole('region', { name: 'Maatregelen', exact: true });
    await measures.getByRole('button', { name: 'Aangebracht: Buitenbrievenbus' }).click();
    await expect.poll(async () => (await measures.textContent()) ?? '').toContain('Aangebracht op');
    expect((await requester.locator('main').textContent()) ?? '').toContain('Uw adres is verwijderd');
    await expectNoAxeViolations(requester, 'woningscan case: advice and measures');
    await fitsIn320(requester, 'woningscan-advice');
  });

  it('lets the adviser close the request once the measures are in place', async () => {
    await staff.reload();
    await staff.getByRole('heading', { name: 'Zaak afsluiten' }).waitFor();
    await staff.getByLabel('Uitkomst').selectOption({ label: 'Maatregelen genomen' });
    await staff.getByRole('button', { name: 'Afsluiten', exact: true }).click();
    await staff.getByRole('dialog').getByRole('button', { name: 'Ja, afsluiten' }).click();
    await staff.getByRole('status').filter({ hasText: 'De zaak is afgesloten.' }).waitFor();
    await requester.reload();
    await requester.getByRole('region', { name: 'Het veiligheidsadvies' }).waitFor();
    expect((await requester.locator('main').textContent()) ?? '').toContain('Maatregelen genomen');
    await expectNoAxeViolations(requester, 'woningscan case: closed');
  });

  it('shows a raadslid why not, and what they can do instead', async () => {
    await councillor.goto('/woningscan');
    await expect.poll(() => h1(councillor).textContent()).toBe('Woningscan en veiligheidsgesprek');
    const alternatives = councillor.getByRole('region', { name: 'Wat u wel kunt doen' });
    await alternatives.waitFor();
    await expect.poll(() => alternatives.getByRole('link', { name: 'Naar de zelfscan' }).count()).toBe(1);
    expect(await alternatives.getByRole('link', { name: 'Hulp vragen' }).getAttribute('href')).toBe('/hulp-vragen');
    expect(await councillor.getByRole('button', { name: 'Aanvraag versturen' }).count()).toBe(0);
    expect((await councillor.locator('main').textContent()) ?? '').toContain('Geldt niet voor uw functie');
    await expectNoAxeViolations(councillor, '/woningscan (raadslid)');
    await fitsIn320(councillor, 'woningscan-raadslid');
  });

  it('leaves nothing of the address in a dump of the database after closing', async () => {
    await server.restart(async (dataDir) => {
      const database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        const dump = await dumpAllRows(database.db);
        expect(dump).toContain(reference); // the dump is real: the case is in it
        for (const secret of ['Dorpsstraat', '8011 AB', 'Partner en twee kinderen']) {
          expect(dump, secret).not.toContain(secret);
          expect(dump.toLowerCase(), secret).not.toContain(Buffer.from(secret).toString('hex'));
        }
        const [scan] = rowsOf<{ address: string | null; removed: string | null }>(
          await database.db.execute(
            sql`SELECT address_envelope AS address, address_removed_at::text AS removed FROM woningscan_cases`,
          ),
        );
        expect(scan).toMatchObject({ address: null, removed: expect.any(String) });
      } finally {
        await database.close();
      }
    });
  });
});
