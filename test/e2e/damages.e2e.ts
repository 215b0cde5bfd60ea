import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchDay } from '../../src/shared/woningscan-schemes.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

/**
 * Schadeverhaal: an office holder opens the damages page from the incident's path, sees the Schadefonds rules (the
 * term marked to check with the fund), records a Schadefonds claim and a voeging claim with amounts and
 * a deadline; the test moves the server's clock to the reminder day across a restart, and the reminder
 * shows under Meldingen, leading back to the claims. The admin sees the rules page.
 * axe on every page, the claim page also at 320 px.
 */
const DAY = 86_400_000;

describe('damages', () => {
  let server: CaseServer;
  let browser: Browser;
  let admin: ApiPerson;
  let officeholder: ApiPerson;
  let incidentId = '';
  const contexts: BrowserContext[] = [];
  const due = dutchDay(new Date(Date.now() + 10 * DAY));

  const open = async (person: ApiPerson, viewport?: { width: number; height: number }): Promise<Page> => {
    const context = await personContext(browser, person, viewport);
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    admin = await firstAdmin(server);
    officeholder = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Zwolle',
    });
    const created = await officeholder.request<{ incident: { id: string } }>('POST', '/api/me/incidents', {
      occurredOn: dutchDay(new Date(Date.now() - 2 * DAY)),
      whatHappened: 'Na de raadsvergadering geslagen op de parkeerplaats.',
      channel: 'in_person',
    });
    incidentId = created.incident.id;
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  async function addClaim(page: Page, route: string, heads: [string, string][], deadline?: [string, string]) {
    await page.locator('#damage-route').selectOption(route);
    for (const [index, [description, amount]] of heads.entries()) {
      if (index > 0) await page.getByRole('button', { name: 'Schadepost toevoegen' }).click();
      await page.locator(`#damage-heads-${index}-description`).fill(description);
      await page.locator(`#damage-heads-${index}-amountCents`).fill(amount);
    }
    if (deadline) {
      await page.getByRole('button', { name: 'Termijn toevoegen' }).click();
      await page.locator('#damage-deadlines-0-dueOn').fill(deadline[0]);
      await page.locator('#damage-deadlines-0-label').fill(deadline[1]);
    }
    await page.getByRole('button', { name: 'Claim opslaan' }).click();
    await expect.poll(() => page.getByText('De schadeclaim is opgeslagen.').count()).toBe(1);
  }

  it('records a Schadefonds claim and a voeging claim with amounts, under the rules that apply', async () => {
    const page = await open(officeholder);
    // From the incident's path: the damages step, not started yet.
    await page.goto(`/incidenten/${incidentId}`);
    await page.getByRole('link', { name: 'Schade vastleggen' }).click();
    await page.waitForURL(`**/incidenten/${incidentId}/schade`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Schade verhalen');
    await expect.poll(() => page.getByText('Categorie 6: € 35.000,00').count()).toBe(1);
    expect(await page.getByText('Naasten en nabestaanden: een vast bedrag van € 5.000,00.').count()).toBe(1);
    expect(await page.getByText('Controleer dit bij het Schadefonds.').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Terug naar het incident' }).getAttribute('href')).toBe(
      `/incidenten/${incidentId}`,
    );
    await expectNoAxeViolations(page);

    // A refused try first: a deadline in the past is named next to its field.
    await page.locator('#damage-route').selectOption('schadefonds');
    await page.locator('#damage-heads-0-description').fill('Letsel');
    await page.locator('#damage-heads-0-amountCents').fill('2500');
    await page.getByRole('button', { name: 'Termijn toevoegen' }).click();
    await page.locator('#damage-deadlines-0-dueOn').fill('2020-01-01');
    await page.locator('#damage-deadlines-0-label').fill('Te laat');
    await page.getByRole('button', { name: 'Claim opslaan' }).click();
    await expect
      .poll(() => page.getByText('Deze datum is al voorbij. Kies vandaag of later.').count())
      .toBeGreaterThan(0);
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Termijn 1 weghalen' }).click();
    await page.getByRole('button', { name: 'Schadepost 1 weghalen' }).click();
    await page.getByRole('button', { name: 'Schadepost toevoegen' }).click();

    await addClaim(page, 'schadefonds', [['Gebroken neus, categorie 2', '2500']], [due, 'Aanvraag Schadefonds']);
    await addClaim(page, 'voeging', [
      ['Kapotte bril', '349,50'],
      ['Smartengeld', '1.000'],
    ]);
    const claims = page.getByRole('list', { name: 'Mijn schadeclaims' });
    await expect.poll(() => claims.getByRole('listitem').filter({ hasText: 'Totaal' }).count()).toBe(2);
    expect(await claims.getByText('Totaal: € 2.500,00').count()).toBe(1);
    expect(await claims.getByText('Totaal: € 1.349,50').count()).toBe(1);
    await expectNoAxeViolations(page);
  }, 120_000);

  it('reminds of the deadline when the clock reaches the reminder day', async () => {
    // The deadline is 10 days out; the reminder comes 7 days before. Five days pass while the server is
    // down (a deploy): the sweep at start sends the reminder, so the test waits on no cron minute.
    await server.moveClock(5 * DAY);
    await server.restart();
    const page = await open(officeholder);
    await page.goto('/meldingen');
    await expect.poll(() => page.getByText('Een termijn van een schadeclaim komt dichterbij.').count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Bekijk de schadeclaims van het incident' }).click();
    await page.waitForURL(`**/incidenten/${incidentId}/schade`);
    await expect.poll(() => page.getByText(/Herinnering gestuurd op/).count()).toBe(1);
    // Back on the incident, its path shows the step begun.
    await page.getByRole('link', { name: 'Terug naar het incident' }).click();
    await page.waitForURL(`**/incidenten/${incidentId}`);
    await expect.poll(() => page.getByRole('link', { name: 'Bekijk uw schadeclaims' }).count()).toBe(1);
  }, 120_000);

  it('works at 320 px wide', async () => {
    const page = await open(officeholder, { width: 320, height: 800 });
    await page.goto(`/incidenten/${incidentId}/schade`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Schade verhalen');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page);
  }, 60_000);

  it('lets the admin read the rules, and never a claim', async () => {
    const page = await open(admin);
    await page.goto('/beheer/schadefonds');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Schadefonds: regels');
    await expect.poll(() => page.getByText(/Geldt nu \(vanaf/).count()).toBe(1);
    await expectNoAxeViolations(page);
    const response = await page.request.get(`/api/me/incidents/${incidentId}/damages`);
    expect(response.status()).toBe(404);
  }, 60_000);
});
