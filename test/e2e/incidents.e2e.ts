import { execFileSync } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredZip } from '../../src/server/lib/zip.ts';
import { gpsTaggedJpeg, png } from '../helpers/image-fixtures.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { focused, tabUntil } from './helpers/keyboard.ts';
import { openMainMenu } from './helpers/menu.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(tmpdir(), 'weerbaar-incidents-shots');
const PHONE = { width: 320, height: 640 };

/**
 * A wethouder on a phone (320 px): records an incident in the quick entry (the draft survives a reload),
 * adds a photo with GPS data and a screenshot, adds a follow-up, exports the dossier and the test checks
 * the ZIP against the uploaded bytes and the signature; after the third incident in 14 days the calm
 * escalation prompt appears. Every page is scanned with axe.
 */
describe('incidents journey at 320 px', () => {
  let server: CaseServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let wethouder: ApiPerson;
  const photo = gpsTaggedJpeg();
  const screenshot = png({ metadata: true, width: 4, height: 3 });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const daysAgo = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Heerde',
    });
    context = await personContext(browser, wethouder, PHONE);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('reaches the incidents from the menu, private by default', async () => {
    await page.goto('/');
    await (await openMainMenu(page)).getByRole('link', { name: 'Incidenten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn incidenten' }).waitFor();
    await page.getByText('Alleen u ziet uw incidenten.').waitFor();
    await page.getByText('U heeft nog geen incidenten vastgelegd.').waitFor();
    await expectNoAxeViolations(page, 'incidents, empty');
  });

  it('keeps the quick entry in one screen, and its draft across a reload', async () => {
    await page.getByRole('link', { name: 'Incident vastleggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Incident vastleggen' }).waitFor();
    await expectNoAxeViolations(page, 'quick entry');
    // Date, what happened, how and the button fit in one screen of a small phone, without sideways scrolling.
    const button = page.getByRole('button', { name: 'Vastleggen' });
    await page.getByLabel('Wanneer gebeurde het?').scrollIntoViewIfNeeded();
    const dateBox = await page.getByLabel('Wanneer gebeurde het?').boundingBox();
    const buttonBox = await button.boundingBox();
    expect(dateBox && buttonBox && buttonBox.y + buttonBox.height - dateBox.y).toBeLessThanOrEqual(PHONE.height);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: path.join(SHOTS, 'quick-entry-320.png'), fullPage: true });

    await page.getByLabel('Wat is er gebeurd?').fill('Een man riep op de markt dat hij weet waar ik woon.');
    await page.getByText('Concept bewaard.').waitFor({ timeout: 10_000 });
    await page.reload();
    await page.getByText(/Uw concept van .* staat weer klaar\./).waitFor();
    expect(await page.getByLabel('Wat is er gebeurd?').inputValue()).toBe(
      'Een man riep op de markt dat hij weet waar ik woon.',
    );
    expect(await page.getByLabel('Wanneer gebeurde het?').inputValue()).toBe(today);
  });

  it('records it with the keyboard', async () => {
    await page.getByLabel('Hoe?').selectOption('in_person');
    await page.getByLabel('Hoe?').focus();
    const { target } = await tabUntil(page, (element) => element.name === 'Vastleggen');
    expect(target.tag).toBe('button');
    expect((await focused(page))?.focusVisible).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('Het incident is vastgelegd. Vul het aan wanneer u wilt.').waitFor();
    await page.getByRole('heading', { level: 1, name: /^Incident van / }).waitFor();
    await expectNoAxeViolations(page, 'incident, just recorded');
  });

  it('adds a photo with GPS data and a screenshot; shows the photo without location data', async () => {
    await page
      .getByLabel('Kies een bestand')
      .setInputFiles({ name: 'brief.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByLabel('Toelichting (optioneel)').fill('Brief in de bus van het gemeentehuis');
    await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
    await page.getByText('brief.jpg is toegevoegd.').waitFor();
    await page
      .getByLabel('Kies een bestand')
      .setInputFiles({ name: 'scherm.png', mimeType: 'image/png', buffer: screenshot });
    await page.getByLabel('Account of afzender (optioneel)').fill('@boze_burger');
    await page.getByRole('button', { name: 'Bewijs toevoegen' }).click();
    await page.getByText('scherm.png is toegevoegd.').waitFor();
    await page.getByText(`Vingerafdruk (SHA-256): ${sha256(photo)}`).waitFor();
    await page.getByText(`Vingerafdruk (SHA-256): ${sha256(screenshot)}`).waitFor();
    await expect.poll(() => page.getByText(/Het origineel bevat locatie- of cameragegevens/).count()).toBe(2);
    // What the page shows is the photo without its metadata: fetched with this session, no GPS in it.
    const image = page.getByRole('img', { name: 'brief.jpg, zonder locatiegegevens' });
    await image.waitFor();
    const shown = await page.evaluate(
      async (src) => {
        const bytes = new Uint8Array(await (await fetch(src)).arrayBuffer());
        return Array.from(bytes);
      },
      (await image.getAttribute('src')) ?? '',
    );
    const shownBytes = Buffer.from(shown);
    expect(shownBytes.includes(Buffer.from('GPS'))).toBe(false);
    expect(shownBytes.includes(Buffer.from('PhoneMaker'))).toBe(false);
    expect(shownBytes.length).toBeLessThan(photo.length);
    await expectNoAxeViolations(page, 'incident with evidence');
  });

  it('adds a follow-up to the timeline', async () => {
    await page.getByLabel('Soort').selectOption('internal_report');
    await page.getByRole('textbox', { name: 'Wat er gebeurde', exact: true }).fill('Gemeld bij de griffier.');
    await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await page.getByText('Het vervolg is toegevoegd.').waitFor();
    // The notice comes with the answer; the timeline shows the follow-up once it has been read again.
    await page.getByText('Gemeld bij de griffier.').waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'incident-320.png'), fullPage: true });
  });

  it('exports a dossier whose manifest matches the uploaded bytes and whose signature verifies', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Dossier maken (ZIP met PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Dossier incidenten \d{4}-\d{2}-\d{2}\.zip$/);
    const zip = readFileSync((await download.path()) as string);
    await page.getByText('Het dossier is gedownload.').waitFor();
    const files = readStoredZip(zip);
    expect(files.get('bewijs/incident-1/01 brief.jpg')?.equals(photo)).toBe(true);
    expect(files.get('bewijs/incident-1/02 scherm.png')?.equals(screenshot)).toBe(true);
    const sums = (files.get('SHA256SUMS') as Buffer).toString();
    expect(sums).toContain(`${sha256(photo)}  bewijs/incident-1/01 brief.jpg`);
    expect(sums).toContain(`${sha256(screenshot)}  bewijs/incident-1/02 scherm.png`);
    for (const line of sums.trim().split('\n')) {
      const [hash, name] = line.split('  ') as [string, string];
      expect(sha256(files.get(name) as Buffer), name).toBe(hash);
    }
    const manifest = JSON.parse((files.get('manifest.json') as Buffer).toString());
    expect(manifest.files.map((file: { sha256: string }) => file.sha256)).toEqual([sha256(photo), sha256(screenshot)]);
    const key = createPublicKey((files.get('weerbaar-dossier-public-key.pem') as Buffer).toString());
    expect(verify(null, files.get('SHA256SUMS') as Buffer, key, files.get('SHA256SUMS.sig') as Buffer)).toBe(true);
    const published = (await (await fetch(`${server.baseUrl}/api/incidents/signing-key`)).json()) as {
      publicKeyPem: string;
    };
    expect(published.publicKeyPem).toBe((files.get('weerbaar-dossier-public-key.pem') as Buffer).toString());
    if (existsSync('/usr/bin/sha256sum') && existsSync('/usr/bin/openssl')) {
      const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-e2e-dossier-'));
      try {
        for (const [name, bytes] of files) {
          mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
          writeFileSync(path.join(dir, name), bytes);
        }
        expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dir }).toString()).not.toMatch(/FAILED/);
        const args = ['pkeyutl', '-verify', '-pubin', '-inkey', 'weerbaar-dossier-public-key.pem', '-rawin'];
        expect(
          execFileSync('openssl', [...args, '-in', 'SHA256SUMS', '-sigfile', 'SHA256SUMS.sig'], {
            cwd: dir,
          }).toString(),
        ).toMatch(/Signature Verified Successfully/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    // The export is listed for the person.
    await page.getByText(/ZIP met 1 incident\(en\) en 2 bewijsstuk\(ken\)/).waitFor();
  });

  it('shows the calm escalation prompt after the third incident in 14 days', async () => {
    const quick = { whatHappened: 'Weer een dreigend bericht.', channel: 'social_media' };
    await wethouder.request('POST', '/api/me/incidents', { ...quick, occurredOn: daysAgo(6) });
    await page.goto('/incidenten');
    await page.getByRole('heading', { level: 1, name: 'Mijn incidenten' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Vastgelegde incidenten' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Misschien is het goed om contact op te nemen' }).count()).toBe(0);
    await wethouder.request('POST', '/api/me/incidents', { ...quick, occurredOn: daysAgo(12) });
    await page.reload();
    await page.getByRole('heading', { name: 'Misschien is het goed om contact op te nemen' }).waitFor();
    await page.getByText('U heeft 3 incidenten in 14 dagen vastgelegd.').waitFor();
    expect(await page.getByRole('link', { name: '070 373 83 14' }).first().getAttribute('href')).toBe(
      'tel:+31703738314',
    );
    await expectNoAxeViolations(page, 'incidents with escalation');
    await page.screenshot({ path: path.join(SHOTS, 'incidents-escalation-320.png'), fullPage: true });
  });
});
