import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPdfText, flattenText } from '../helpers/pdf-text.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { focused } from './helpers/keyboard.ts';

const PHONE = { width: 320, height: 640 };
const REFERENCE = 'PL0900-2026-E2E-4417';

/**
 * A wethouder on a phone (320 px) opens the aangifte aid from an incident's address, walks its steps
 * (internal report to the griffier, aangifte onder nummer, the VPT code), downloads the preparation sheet
 * (a PDF without their home town or e-mail), records the aangifte with a police reference (on the timeline
 * without it) and records that they were informed about protection, with a review date. The incident's
 * path then shows those three steps done. Every page is scanned with axe.
 */
describe('aangifte aid journey at 320 px', () => {
  let server: CaseServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let wethouder: ApiPerson;
  let incidentId = '';
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const inDays = (n: number) => new Date(Date.parse(`${today}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  const noSidewaysScroll = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim.prive@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Heerde',
    });
    const created = await wethouder.request<{ incident: { id: string } }>('POST', '/api/me/incidents', {
      occurredOn: inDays(-2),
      whatHappened: 'Dreigbrief in de brievenbus van het gemeentehuis.',
      channel: 'mail',
      forms: ['threat'],
    });
    incidentId = created.incident.id;
    context = await personContext(browser, wethouder, PHONE);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('opens the aid from the incident’s address: it says Weerbaar files nothing', async () => {
    await page.goto(`/incidenten/${incidentId}`);
    await page.getByRole('heading', { level: 2, name: 'Wat u nu kunt doen' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk hoe u het intern meldt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Melding of aangifte voorbereiden' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/incidenten/${incidentId}/aangifte`);
    await page.getByText('Weerbaar doet geen melding of aangifte voor u en stuurt niets naar de politie.').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Stap 1 van 6: Melding of aangifte' }).waitFor();
    await page.getByText(/Melden helpt/).waitFor();
    await expect
      .poll(() => page.getByRole('link', { name: 'Terug naar het incident' }).getAttribute('href'))
      .toBe(`/incidenten/${incidentId}`);
    await noSidewaysScroll();
    await expectNoAxeViolations(page, 'aid, step 1');
  });

  it('marks the internal report made, to the griffier', async () => {
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    const heading = page.getByRole('heading', { level: 2, name: 'Stap 2 van 6: Eerst intern melden' });
    await heading.waitFor();
    // The new step's heading has the focus, so the keyboard continues there.
    await expect.poll(async () => (await focused(page))?.name).toBe('Stap 2 van 6: Eerst intern melden');
    await page.getByLabel('de griffier').check();
    expect(await page.getByLabel('Op welke dag?').inputValue()).toBe(today);
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.getByText('Bewaard.').waitFor();
    await expectNoAxeViolations(page, 'aid, internal report');
  });

  it('chooses aangifte onder nummer, with its limits in view', async () => {
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stap 3 van 6: Uw gegevens beschermen' }).waitFor();
    for (const name of [
      'Aangifte op naam',
      'Domiciliekeuze',
      'Aangifte onder nummer',
      '(Deels) anonieme aangifte',
      'Aangifte door de werkgever',
    ]) {
      await page.getByLabel(name, { exact: true }).waitFor();
    }
    await page.getByText(/Het helpt niet als de dader u al kent|dit helpt niet als de dader u al kent/).waitFor();
    await page.getByLabel('Aangifte onder nummer', { exact: true }).check();
    await page.getByRole('button', { name: 'Bewaren' }).click();
    await page.getByText('Bewaard.').waitFor();
    await noSidewaysScroll();
    await expectNoAxeViolations(page, 'aid, privacy variants');
  });

  it('asks for the VPT code, by keyboard', async () => {
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stap 4 van 6: Vraag om de VPT-code' }).waitFor();
    await page.getByText(/200% zwaarder/).waitFor();
    await page.getByLabel('Ja, ik vraag om de VPT-code').focus();
    await page.keyboard.press('Space');
    // A radio group is one tab stop: the next Tab reaches the button.
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toBe('Bewaren');
    await page.keyboard.press('Enter');
    await page.getByText('Bewaard.').waitFor();
    await expectNoAxeViolations(page, 'aid, VPT');
  });

  it('names the channels, not online for threats', async () => {
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stap 5 van 6: Zo neemt u contact op' }).waitFor();
    await page.getByText(/Bel 0900 8844\..*tussen 08:00 en 22:00 uur/).waitFor();
    await page.getByText('Aangifte van bedreiging kan dus niet online.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'aid, channels');
  });

  it('downloads the preparation sheet: one PDF page, the choices in it, no home town or address', async () => {
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { level: 2, name: 'Stap 6 van 6: Uw voorbereidingsblad' }).waitFor();
    await expectNoAxeViolations(page, 'aid, sheet');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Voorbereidingsblad downloaden (pdf)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Voorbereiding politie \d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.getByText(/Het voorbereidingsblad is gedownload/).waitFor();
    const pdf = extractPdfText(bytes);
    expect(pdf.pages).toHaveLength(1);
    const text = flattenText(pdf.text);
    expect(text).toContain('Dreigbrief in de brievenbus van het gemeentehuis.');
    expect(text).toContain('Aangifte onder nummer');
    expect(text).toContain('Vraag om de VPT-code');
    expect(text).toContain('Gemeld bij de griffier');
    for (const home of ['Heerde', 'wim.prive@example.org', 'Wim Wethouder']) expect(text).not.toContain(home);
  });

  it('records the aangifte with a police reference; the timeline has it without the reference', async () => {
    await page.getByRole('link', { name: 'Leg vast wat er bij de politie gebeurde' }).click();
    await page.getByRole('heading', { level: 1, name: 'Wat gebeurde er bij de politie?' }).waitFor();
    await expectNoAxeViolations(page, 'police record, empty');
    await page.getByLabel('Aangifte', { exact: true }).check();
    await page.getByLabel(/Kenmerk of registratienummer/).fill(REFERENCE);
    // The choices of the aid are already filled in.
    expect(await page.getByLabel('Aangifte onder nummer', { exact: true }).isChecked()).toBe(true);
    expect(await page.getByLabel('Ik heb om de VPT-code gevraagd').isChecked()).toBe(true);
    await page.getByLabel('Ik wil op de hoogte blijven van de zaak').check();
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByText('Vastgelegd. Het staat nu op de tijdlijn van het incident.').waitFor();
    await page.getByText(`Kenmerk: ${REFERENCE}`, { exact: false }).waitFor();
    await noSidewaysScroll();
    await expectNoAxeViolations(page, 'police record, recorded');

    await page.getByRole('link', { name: 'Terug naar het incident' }).click();
    await page.getByRole('heading', { level: 1, name: /^Incident van / }).waitFor();
    await page.getByText(/Aangifte gedaan bij de politie\./).waitFor();
    expect(await page.getByText(REFERENCE).count()).toBe(0);
  });

  it('records being informed about protection, with a review date (a past one refused)', async () => {
    await page.goto(`/incidenten/${incidentId}/beveiliging`);
    await page.getByRole('heading', { level: 1, name: 'Beveiliging: praat erover met de politie' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Wie beslist?' }).waitFor();
    await expectNoAxeViolations(page, 'protection');
    await page.getByLabel('Ik heb dit gelezen en praat met de politie over beveiliging').check();
    await page.getByLabel(/Wanneer wilt u hier opnieuw naar kijken/).fill(inDays(-1));
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('link', { name: 'Deze dag ligt in het verleden. Kies vandaag of een latere dag.' }).waitFor();
    await expectNoAxeViolations(page, 'protection, refused date');
    await page.getByLabel(/Wanneer wilt u hier opnieuw naar kijken/).fill(inDays(30));
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByText('Vastgelegd.', { exact: true }).waitFor();
    await noSidewaysScroll();
    await expectNoAxeViolations(page, 'protection, recorded');
  });

  it('is complete in English: the aid, the police record and protection, axe-clean', async () => {
    const english = await context.newPage();
    await english.addInitScript(() => window.localStorage.setItem('weerbaar.locale', 'en'));
    await english.goto(`/incidenten/${incidentId}/aangifte?stap=3`);
    await english.getByRole('heading', { level: 1, name: 'Preparing a report to the police' }).waitFor();
    await english.getByRole('heading', { level: 2, name: 'Step 3 of 6: Protecting your details' }).waitFor();
    expect(await english.getByLabel('Report under a number', { exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(english, 'aid in English');
    await english.goto(`/incidenten/${incidentId}/politie`);
    await english.getByText(`Reference: ${REFERENCE}`, { exact: false }).waitFor();
    await expectNoAxeViolations(english, 'police record in English');
    await english.goto(`/incidenten/${incidentId}/beveiliging`);
    await english.getByRole('heading', { level: 1, name: 'Protection: talk to the police about it' }).waitFor();
    await expectNoAxeViolations(english, 'protection in English');
    await english.close();
    await page.evaluate(() => window.localStorage.setItem('weerbaar.locale', 'nl'));
  });

  it('shows the internal report, the police and protection done on the incident’s path', async () => {
    const path = await wethouder.request<{ steps: { step: string; state: string }[] }>(
      'GET',
      `/api/me/incidents/${incidentId}/path`,
    );
    const state = Object.fromEntries(path.steps.map((step) => [step.step, step.state]));
    expect(state).toMatchObject({ internal_report: 'done', police: 'done', protection: 'done' });
    await page.goto(`/incidenten/${incidentId}`);
    await page.getByRole('heading', { level: 2, name: 'Wat u nu kunt doen' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk uw interne melding' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk wat er bij de politie gebeurde' }).waitFor();
    await page.getByRole('link', { name: 'Bekijk uw gesprek over beveiliging' }).waitFor();
  });
});
