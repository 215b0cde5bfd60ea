import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

/**
 * A wethouder records an incident on a train: the server stores it, but the connection drops before its
 * answer arrives. The app sends the request once more under the same Idempotency-Key, the server answers
 * with what it already did, and the person sees their incident, recorded once.
 */
describe('an answer lost on the way back (320 px)', () => {
  let server: CaseServer;
  let browser: Browser;
  let person: ApiPerson;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    person = await inviteAndActivate(admin, {
      displayName: 'Tessa Trein',
      email: 'tessa@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    context = await personContext(browser, person, { width: 320, height: 640 });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('records the incident once although the first answer never arrived', async () => {
    const sent: { key: string | null; replayed: string | null; status: number | 'lost' }[] = [];
    await page.route('**/api/me/incidents', async (route) => {
      const request = route.request();
      if (request.method() !== 'POST') return route.continue();
      const key = await request.headerValue('idempotency-key');
      // The first try reaches the server and is carried out; its answer is then lost.
      const answer = await route.fetch();
      if (sent.length === 0) {
        sent.push({ key, replayed: null, status: 'lost' });
        return route.abort('connectionreset');
      }
      sent.push({ key, replayed: answer.headers()['idempotent-replayed'] ?? null, status: answer.status() });
      return route.fulfill({ response: answer });
    });

    await page.goto('/incidenten/nieuw');
    await page.getByRole('heading', { level: 1, name: 'Incident vastleggen' }).waitFor();
    await page.getByLabel('Wat is er gebeurd?').fill('Iemand filmde mij in de trein en zei dat hij mij zou volgen.');
    await page.getByLabel('Hoe?').selectOption('in_person');
    await page.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByText('Het incident is vastgelegd. Vul het aan wanneer u wilt.').waitFor();

    expect(sent).toHaveLength(2);
    expect(sent[0]?.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]).toEqual({ key: sent[0]?.key, replayed: 'true', status: 201 });
    const mine = await person.request<{ incidents: unknown[] }>('GET', '/api/me/incidents');
    expect(mine.incidents).toHaveLength(1);
  });
});
