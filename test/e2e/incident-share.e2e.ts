import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpsTaggedJpeg, png } from '../helpers/image-fixtures.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(tmpdir(), 'weerbaar-incidents-shots');
const PHONE = { width: 320, height: 640 };

/** What the wethouder wrote down, and which parts of it stay private (they are not ticked). */
const INCIDENT = {
  occurredOn: '2026-11-30',
  whatHappened: 'Een man riep op de markt dat hij weet waar mijn kinderen op school zitten.',
  channel: 'in_person',
  where: 'Privé-waar: bij de ingang van de Lindeschool',
  perpetratorHandle: '@prive_handle_e2e',
  severity: 'serious',
};

/**
 * Issue #15 point 4, in Chromium at 320 px: the office holder shares an incident with the support team
 * (the consent screen shows exactly what the confidant will see; a new support request goes with it),
 * the confidant sees exactly the consented parts and the one consented file, the consent is withdrawn
 * and the confidant gets 404 on the incident and its file. Every page is scanned with axe.
 */
describe('sharing an incident with the support team, by consent', () => {
  let server: CaseServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let wethouder: ApiPerson;
  let confidant: ApiPerson;
  let owner: Page;
  let staff: Page;
  let incidentId = '';
  let caseId = '';
  let photoId = '';
  let screenshotId = '';
  let reference = '';

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  /** Evidence goes in as the web app sends it: multipart, with the session and its CSRF token. */
  async function upload(name: string, type: string, bytes: Buffer, caption: string): Promise<string> {
    const form = new FormData();
    form.append('caption', caption);
    form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
    const response = await fetch(`${server.baseUrl}/api/me/incidents/${incidentId}/evidence`, {
      method: 'POST',
      headers: { Cookie: wethouder.cookie, Origin: server.baseUrl, 'X-CSRF-Token': wethouder.csrfToken },
      body: form,
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { evidence: { id: string } }).evidence.id;
  }

  /** The confidant's own request, outside the browser: the status code is what matters. */
  async function confidantGet(url: string): Promise<number> {
    const response = await fetch(`${server.baseUrl}${url}`, {
      headers: { Cookie: confidant.cookie, Accept: 'application/json' },
    });
    await response.arrayBuffer();
    return response.status;
  }

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
    confidant = await inviteAndActivate(admin, {
      displayName: 'Vera Vertrouwenspersoon',
      email: 'vera@example.org',
      roles: ['confidant'],
      association: 'wethoudersvereniging',
    });
    const created = await wethouder.request<{ incident: { id: string } }>('POST', '/api/me/incidents', INCIDENT);
    incidentId = created.incident.id;
    photoId = await upload('brief.jpg', 'image/jpeg', gpsTaggedJpeg(), 'De brief in de bus');
    screenshotId = await upload('prive-scherm.png', 'image/png', png({ metadata: true }), 'Privé-toelichting');
    const ownerContext = await personContext(browser, wethouder, PHONE);
    const staffContext = await personContext(browser, confidant, PHONE);
    contexts.push(ownerContext, staffContext);
    owner = await ownerContext.newPage();
    staff = await staffContext.newPage();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('offers sharing on the incident page; the consent screen shows exactly what the confidant will see', async () => {
    await owner.goto(`/incidenten/${incidentId}`);
    await h1(owner)
      .filter({ hasText: /^Incident van / })
      .waitFor();
    const section = owner.getByRole('region', { name: 'Delen met het Ondersteuningsteam' });
    await section.getByText('Niemand anders ziet dit incident.', { exact: false }).waitFor();
    await section.getByRole('link', { name: 'Delen met het Ondersteuningsteam' }).click();
    await expect.poll(() => h1(owner).textContent()).toBe('Incident delen met het Ondersteuningsteam');
    await expectNoAxeViolations(owner, 'consent screen, nothing chosen');

    // Nothing is ticked beforehand; the preview says so.
    const preview = owner.getByRole('region', { name: 'Dit ziet de vertrouwenspersoon' });
    await preview.getByText('U heeft nog niets gekozen.').waitFor();
    for (const box of await owner.getByRole('checkbox').all()) expect(await box.isChecked()).toBe(false);

    // Sending without a choice: an error summary that leads to the first part.
    await owner.getByRole('button', { name: 'Verder naar de hulpvraag' }).click();
    await owner.getByRole('link', { name: 'Kies ten minste één onderdeel of bestand.' }).waitFor();

    await owner.getByRole('checkbox', { name: 'Wat er gebeurde' }).check();
    await owner.getByRole('checkbox', { name: 'Hoe', exact: true }).check();
    await owner.getByRole('checkbox', { name: 'brief.jpg' }).check();
    // The preview now holds the chosen parts and file in the confidant's words, and nothing else.
    await preview.getByText(INCIDENT.whatHappened).waitFor();
    const shown = (await preview.textContent()) ?? '';
    expect(shown).toContain('In persoon');
    expect(shown).toContain('brief.jpg');
    expect(shown).toContain('De brief in de bus');
    for (const hidden of ['Privé-waar', '@prive_handle_e2e', 'prive-scherm.png', 'Privé-toelichting', 'Ernstig']) {
      expect(shown).not.toContain(hidden);
    }
    // No open request yet: a new one is chosen.
    expect(await owner.getByRole('radio', { name: 'Een nieuwe hulpvraag' }).isChecked()).toBe(true);
    expect(await owner.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(owner, 'consent screen with a choice');
    await owner.screenshot({ path: path.join(SHOTS, 'incident-share-consent-320.png'), fullPage: true });
  });

  it('opens a new support request with the incident attached', async () => {
    await owner.getByRole('button', { name: 'Verder naar de hulpvraag' }).click();
    await expect.poll(() => h1(owner).textContent()).toBe('Hulp vragen');
    await owner.getByText(/Met deze hulpvraag deelt u ook uw incident van 30 november 2026: 2 onderdeel/).waitFor();
    await expectNoAxeViolations(owner, 'support request with an incident');

    await owner.getByRole('radio', { name: 'Nee' }).check();
    await owner.getByRole('checkbox', { name: 'Bedreiging' }).check();
    await owner.getByRole('radio', { name: 'Deze week' }).check();
    await owner.getByRole('button', { name: 'Volgende stap' }).click();
    await owner.getByRole('heading', { name: /Stap 2 van 4/ }).waitFor();
    await owner.getByRole('checkbox', { name: 'Ikzelf' }).check();
    await owner.getByRole('button', { name: 'Volgende stap' }).click();
    await owner.getByRole('heading', { name: /Stap 3 van 4/ }).waitFor();
    await owner.getByRole('radio', { name: 'Bel mij' }).check();
    await owner.getByLabel('Uw telefoonnummer').fill('06 12345678');
    await owner.getByRole('radio', { name: 'Overdag op werkdagen' }).check();
    await owner.getByRole('button', { name: 'Volgende stap' }).click();
    await owner.getByRole('heading', { name: /Stap 4 van 4/ }).waitFor();
    await owner.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    await expect.poll(() => h1(owner).textContent()).toBe('Uw hulpvraag is verstuurd');
    const lead = (await owner.locator('main').textContent()) ?? '';
    reference = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(lead)?.[0] ?? '';
    expect(reference).not.toBe('');

    const mine = await wethouder.request<{ cases: { id: string; reference: string }[] }>('GET', '/api/me/cases');
    caseId = mine.cases.find((item) => item.reference === reference)?.id ?? '';
    expect(caseId).not.toBe('');
    // The incident page says where it is shared, and what is shared.
    await owner.goto(`/incidenten/${incidentId}`);
    const section = owner.getByRole('region', { name: 'Delen met het Ondersteuningsteam' });
    await section.getByText(new RegExp(`Gedeeld met hulpvraag ${reference} sinds`)).waitFor();
    expect(await section.textContent()).toContain('Datum, Wat er gebeurde, Hoe; en 1 bestand(en)');
    await expectNoAxeViolations(owner, 'incident page, shared');
  });

  it('shows the confidant exactly the consented parts and file on the case page', async () => {
    await confidant.request('POST', `/api/cases/${caseId}/take`, {});
    await staff.goto(`/werkbak/${caseId}`);
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${reference}`);
    const shared = staff.getByRole('region', { name: 'Gedeeld incident van 30 november 2026' });
    await shared.getByText(INCIDENT.whatHappened).waitFor();
    const text = (await shared.textContent()) ?? '';
    expect(text).toContain('In persoon');
    expect(text).toContain('brief.jpg');
    for (const hidden of ['Privé-waar', '@prive_handle_e2e', 'prive-scherm.png', 'Privé-toelichting', 'Ernstig']) {
      expect(text).not.toContain(hidden);
    }
    // The photo is shown without its location data.
    const image = shared.getByRole('img', { name: 'brief.jpg, zonder locatiegegevens' });
    await image.waitFor();
    const bytes = await staff.evaluate(
      async (src) => {
        const response = await fetch(src);
        return Array.from(new Uint8Array(await response.arrayBuffer()));
      },
      (await image.getAttribute('src')) ?? '',
    );
    expect(Buffer.from(bytes).includes(Buffer.from('GPS'))).toBe(false);
    // And the page's whole answer from the server holds nothing more than what was chosen.
    const api = await staff.evaluate(
      async (url) => (await fetch(url)).text(),
      `/api/cases/${caseId}/support/incidents/${incidentId}`,
    );
    expect(api).not.toContain('Privé');
    expect(api).not.toContain(screenshotId);
    expect(await confidantGet(`/api/cases/${caseId}/support/incidents/${incidentId}/evidence/${screenshotId}`)).toBe(
      404,
    );
    expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expectNoAxeViolations(staff, 'staff case page with a shared incident');
    await staff.screenshot({ path: path.join(SHOTS, 'incident-shared-staff-320.png'), fullPage: true });

    // Each read is in the wethouder's access log.
    const log = await wethouder.request<{ entries: { action: string }[] }>('GET', '/api/me/access-log');
    expect(log.entries.some((entry) => entry.action === 'support.incident_read')).toBe(true);
    expect(log.entries.some((entry) => entry.action === 'support.incident_evidence_read')).toBe(true);
  });

  it('withdraws the consent at once: the confidant gets 404 on the incident and its file', async () => {
    const incidentUrl = `/api/cases/${caseId}/support/incidents/${incidentId}`;
    expect(await confidantGet(incidentUrl)).toBe(200);
    const section = owner.getByRole('region', { name: 'Delen met het Ondersteuningsteam' });
    await section.getByRole('button', { name: `Stop met delen met ${reference}` }).click();
    const dialog = owner.getByRole('dialog', { name: 'Stoppen met delen?' });
    await dialog.waitFor();
    await expectNoAxeViolations(owner, 'stop sharing dialog');
    await dialog.getByRole('button', { name: 'Ja, stop met delen' }).click();
    await owner.getByText('Het incident wordt niet meer gedeeld.').waitFor();
    await section.getByText('Niemand anders ziet dit incident.', { exact: false }).waitFor();
    await expectNoAxeViolations(owner, 'incident page, no longer shared');

    expect(await confidantGet(incidentUrl)).toBe(404);
    expect(await confidantGet(`${incidentUrl}/evidence/${photoId}`)).toBe(404);
    await staff.reload();
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${reference}`);
    await staff.getByRole('heading', { name: 'Wat is er gebeurd' }).waitFor();
    expect(await staff.getByRole('region', { name: /^Gedeeld incident van / }).count()).toBe(0);
    expect(await staff.getByText(INCIDENT.whatHappened).count()).toBe(0);
  });
});
