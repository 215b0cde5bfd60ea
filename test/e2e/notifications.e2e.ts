import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { openMainMenu } from './helpers/menu.ts';

/**
 * In-app notifications: a confidant sees "Meldingen 1 ongelezen" in the menu when a request arrives and
 * follows it to the work queue (which reads it); the wethouder, on a 320 px screen, sees news in their
 * own case and marks everything read, and later opening the case reads its news. No notification says
 * what happened. Last, the request form over the limit of new requests: a calm message with 112.
 */
describe('notifications', () => {
  let server: CaseServer;
  let browser: Browser;
  let wethouder: ApiPerson;
  let confidant: ApiPerson;
  const contexts: BrowserContext[] = [];
  let caseId = '';
  let reference = '';

  const open = async (person: ApiPerson, viewport?: { width: number; height: number }) => {
    const context = await personContext(browser, person, viewport);
    contexts.push(context);
    return context.newPage();
  };
  const menuLink = (page: Page, name: string) =>
    page.getByRole('navigation', { name: /hoofdmenu/i }).getByRole('link', { name, exact: true });

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    wethouder = await inviteAndActivate(admin, {
      displayName: 'Wil Wethouder',
      email: 'wil@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    confidant = await inviteAndActivate(admin, {
      displayName: 'Vince Vertrouwenspersoon',
      email: 'vince@example.org',
      roles: ['confidant'],
      association: 'wethoudersvereniging',
    });
    ({ caseId, reference } = await wethouder.request<{ caseId: string; reference: string }>(
      'POST',
      '/api/support/requests',
      {
        concernFor: 'self',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
        body: 'Ik word bedreigd.',
      },
    ));
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows staff the unread count in the menu, and the notification without content', async () => {
    const page = await open(confidant);
    await page.goto('/');
    await menuLink(page, 'Meldingen 1 ongelezen').click();
    await page.waitForURL('**/meldingen');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Meldingen');
    const item = page.getByRole('list', { name: 'Meldingen, nieuwste eerst' }).getByRole('listitem');
    await expect(item.count()).resolves.toBe(1);
    const text = (await item.first().textContent()) ?? '';
    expect(text).toContain('Nieuw');
    expect(text).toContain(`Hulpvraag ${reference}: Er is een nieuwe vraag in de werkbak.`);
    expect(text).not.toContain('bedreigd');
    await expectNoAxeViolations(page);

    // A new request leads to the work queue (a case opens only once taken); following the link reads it.
    await item.getByRole('link', { name: `Bekijk Hulpvraag ${reference} in de werkbak` }).click();
    await page.waitForURL('**/werkbak');
    await menuLink(page, 'Meldingen').waitFor();
    await page.goto('/meldingen');
    await page.getByText('U hebt alle meldingen gelezen.').waitFor();
    expect(await page.getByRole('button', { name: 'Alles als gelezen markeren' }).count()).toBe(0);
    await expectNoAxeViolations(page);
  });

  it('shows the requester news in their own case on a 320 px screen, and marks it all read', async () => {
    await confidant.request('POST', `/api/cases/${caseId}/take`, {});
    await confidant.request('POST', `/api/cases/${caseId}/messages`, { body: 'Ik bel u vanmiddag.' });
    const page = await open(wethouder, { width: 320, height: 640 });
    await page.goto('/meldingen');
    await page.getByText('U hebt 2 ongelezen meldingen.').waitFor();
    // On a phone the menu is behind its button; opened, it shows the count too.
    await openMainMenu(page, /hoofdmenu/i);
    await menuLink(page, 'Meldingen 2 ongelezen').waitFor();
    const items = page.getByRole('list', { name: 'Meldingen, nieuwste eerst' }).getByRole('listitem');
    // Which case (its reference) and what kind of news, never what it says (issue 12).
    await expect(items.first().textContent()).resolves.toContain(
      `Hulpvraag ${reference}: Er is een nieuw bericht in de zaak.`,
    );
    await expect(items.nth(1).textContent()).resolves.toContain(`Hulpvraag ${reference}: Er is iemand die u helpt.`);
    expect(await items.first().getByRole('link').getAttribute('href')).toBe(`/mijn-zaken/${caseId}`);
    expect(await page.getByText('Ik bel u vanmiddag.').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
    await page.getByRole('status').filter({ hasText: 'Alle meldingen zijn als gelezen gemarkeerd.' }).waitFor();
    await page.getByText('U hebt alle meldingen gelezen.').waitFor();
    await menuLink(page, 'Meldingen').waitFor();
    await expect.poll(() => page.getByText('Gelezen', { exact: true }).count()).toBe(2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await expectNoAxeViolations(page);
  });

  it('reads the news of a case when the requester opens the case', async () => {
    await confidant.request('POST', `/api/cases/${caseId}/messages`, { body: 'Ik ben er morgen weer.' });
    const page = await open(wethouder);
    await page.goto('/');
    await menuLink(page, 'Meldingen 1 ongelezen').click();
    await page
      .getByRole('link', { name: `Bekijk Hulpvraag ${reference}` })
      .first()
      .click();
    await page.waitForURL(`**/mijn-zaken/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `Hulpvraag ${reference}` }).waitFor();
    await menuLink(page, 'Meldingen').waitFor();
    const mine = await wethouder.request<{ unread: number }>('GET', '/api/me/notifications');
    expect(mine.unread).toBe(0);
  });

  it('explains the limit on new requests calmly in the form, with 112 and the 24/7 number', async () => {
    // Ten requests in 24 hours is the default limit; this is the eleventh.
    for (let i = 0; i < 9; i++) {
      await wethouder.request('POST', '/api/support/requests', {
        concernFor: 'self',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me'],
        contact: { channel: 'in_app', when: 'any_time' },
      });
    }
    const page = await open(wethouder);
    await page.goto('/hulp-vragen');
    await page.getByRole('heading', { level: 2, name: /Stap 1 van 4/ }).waitFor();
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('checkbox', { name: 'Bedreiging' }).check();
    await page.getByRole('radio', { name: 'Deze week' }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 2 van 4/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Ikzelf' }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 3 van 4/ }).waitFor();
    await page.getByRole('radio', { name: 'Bel mij' }).check();
    await page.getByLabel('Uw telefoonnummer').fill('06 12345678');
    await page.getByRole('radio', { name: 'Overdag op werkdagen' }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 4 van 4/ }).waitFor();
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();

    const alert = page.getByRole('alert').filter({ hasText: 'U hebt de laatste tijd veel aanvragen gedaan.' });
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toMatch(/Dat kan weer over ongeveer \d+ uur\./);
    expect(text).toContain('Acute dreiging? Bel 112.');
    expect(text).toContain('070 373 83 14');
    expect(await alert.getByRole('link', { name: '112' }).getAttribute('href')).toBe('tel:112');
    await expectNoAxeViolations(page, '/hulp-vragen over the request limit');
  });
});
