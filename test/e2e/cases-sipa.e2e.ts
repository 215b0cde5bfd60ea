import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

/**
 * A burgemeester asks SIPA for advice → an advisor takes the request, confirms there is no conflict of
 * interest and gives structured advice → the burgemeester reads it and downloads the advice as a PDF.
 */
describe('SIPA advice request journey', () => {
  let server: CaseServer;
  let browser: Browser;
  let burgemeester: ApiPerson;
  let advisor: ApiPerson;
  const contexts: BrowserContext[] = [];
  let requester: Page;
  let staff: Page;
  let reference = '';
  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    burgemeester = await inviteAndActivate(admin, {
      displayName: 'Bea Burgemeester',
      email: 'bea@example.org',
      roles: ['officeholder'],
      office: 'burgemeester',
      region: 'Utrecht',
    });
    advisor = await inviteAndActivate(admin, {
      displayName: 'Sam SIPA',
      email: 'sam@example.org',
      roles: ['sipa_advisor'],
    });
    for (const person of [burgemeester, advisor]) {
      const context = await personContext(browser, person);
      contexts.push(context);
    }
    requester = await (contexts[0] as BrowserContext).newPage();
    staff = await (contexts[1] as BrowserContext).newPage();
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('explains what SIPA does and does not do, and keeps the person concerned minimal', async () => {
    await requester.goto('/');
    await requester.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Advies SIPA' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe('Advies vragen aan SIPA');
    await requester.getByRole('button', { name: 'Adviesvraag versturen' }).waitFor();
    const main = (await requester.locator('main').textContent()) ?? '';
    expect(main).toContain('SIPA doet zelf geen onderzoek.');
    expect(main).toContain('versleuteld');
    // The office decides the role in advance.
    expect(await requester.getByRole('radio', { name: 'Als burgemeester' }).isChecked()).toBe(true);
    await expectNoAxeViolations(requester, '/sipa/advies-vragen');

    await requester.getByRole('button', { name: 'Adviesvraag versturen' }).click();
    await requester.getByRole('region', { name: /om aan te vullen/ }).waitFor();
    await expectNoAxeViolations(requester, '/sipa/advies-vragen with errors');
  });

  it('sends the request and says what happens next', async () => {
    await requester.getByRole('radio', { name: 'Belangenverstrengeling' }).check();
    await requester
      .getByLabel('Wat is er gesignaleerd?')
      .fill('Een wethouder zou een opdracht aan een familielid hebben gegund.');
    await requester.getByRole('radio', { name: 'Deze maand' }).check();
    await requester.getByRole('radio', { name: 'Via de media' }).check();
    await requester.getByLabel('Naam van de betrokkene').fill('J. Jansen');
    await requester.getByLabel('Functie van de betrokkene').fill('Wethouder');
    await requester.getByLabel('Wat is uw vraag aan SIPA?').fill('Moet ik een onafhankelijk onderzoek laten doen?');
    await requester.getByRole('button', { name: 'Adviesvraag versturen' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe('Uw adviesvraag is verstuurd');
    reference =
      /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec((await requester.locator('main').textContent()) ?? '')?.[0] ?? '';
    expect(reference).not.toBe('');
    await expectNoAxeViolations(requester, 'SIPA confirmation');
  });

  it('lets an advisor take it, and first confirm there is no conflict of interest', async () => {
    await staff.goto('/werkbak');
    await expect.poll(() => h1(staff).textContent()).toBe('Werkbak');
    const row = staff.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    // The queue never shows who the request is about.
    expect(await staff.getByText('J. Jansen').count()).toBe(0);
    await expectNoAxeViolations(staff, '/werkbak (SIPA)');
    await row.getByRole('button', { name: `Oppakken: ${reference}` }).click();

    const check = staff.getByRole('region', { name: 'Eerst: hebt u een belangenconflict?' });
    await check.waitFor();
    expect(await check.textContent()).toContain('J. Jansen');
    expect(await staff.getByRole('heading', { name: 'Advies opstellen' }).count()).toBe(0);
    await expectNoAxeViolations(staff, 'SIPA conflict check');
    await check.getByRole('button', { name: 'Ik heb geen belangenconflict' }).click();
    await staff.getByRole('heading', { name: 'Advies opstellen' }).waitFor();
  });

  it('takes the structured advice', async () => {
    await staff.getByLabel('Vooronderzoek').fill('Laat eerst de feiten op een rij zetten door de griffie.');
    await staff
      .getByLabel('Onderzoeksvragen')
      .fill('Is er een opdracht gegund?\nWas de wethouder betrokken bij de gunning?');
    await staff.getByLabel('Zorgvuldigheid, zoals hoor en wederhoor').fill('Geef de betrokkene de kans te reageren.');
    await staff.getByRole('button', { name: 'Advies opslaan en delen' }).click();
    await staff.getByRole('status').filter({ hasText: 'Het advies is opgeslagen.' }).waitFor();
    await expectNoAxeViolations(staff, 'SIPA case with advice');
  });

  it('gives the burgemeester the advice, the plain statement that the decision is theirs, and the PDF', async () => {
    await requester.getByRole('link', { name: 'Bekijk uw adviesvraag' }).click();
    const advice = requester.getByRole('region', { name: 'Advies van SIPA' });
    await advice.waitFor();
    expect(await advice.textContent()).toContain('U beslist zelf wat u ermee doet');
    expect(await advice.textContent()).toContain('Was de wethouder betrokken bij de gunning?');
    await expectNoAxeViolations(requester, 'SIPA case page with advice');

    const [download, response] = await Promise.all([
      requester.waitForEvent('download'),
      requester.waitForResponse((answer) => answer.url().endsWith('/sipa/advice.pdf')),
      advice.getByRole('button', { name: 'Download advies (PDF)' }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^application\/pdf/);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('lets an advisor with a conflict of interest hand a request back, after a confirmation', async () => {
    const second = await burgemeester.request<{ reference: string }>('POST', '/api/sipa/requests', {
      capacity: 'burgemeester',
      topic: 'undesirable_behaviour',
      signal: { what: 'Klachten over het gedrag van een raadslid.', since: 'months', source: 'complaint' },
      personConcerned: { name: 'A. de Vries', position: 'Raadslid' },
      answers: { doneSoFar: '', question: 'Hoe pak ik dit zorgvuldig aan?' },
      urgent: true,
    });
    await staff.goto('/werkbak');
    const row = staff.getByRole('row', { name: new RegExp(second.reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Met spoed');
    await row.getByRole('button', { name: `Oppakken: ${second.reference}` }).click();
    const check = staff.getByRole('region', { name: 'Eerst: hebt u een belangenconflict?' });
    await check.getByRole('button', { name: 'Ik heb een belangenconflict: teruggeven' }).click();
    const dialog = staff.getByRole('dialog', { name: 'Vraag teruggeven?' });
    await dialog.waitFor();
    await expectNoAxeViolations(staff, 'hand back dialog');
    await dialog.getByRole('button', { name: 'Ja, teruggeven' }).click();
    await staff.waitForURL((url) => url.pathname === '/werkbak');
    await staff.getByText(`Zaak ${second.reference} is teruggegeven.`).waitFor();
    await expectNoAxeViolations(staff, '/werkbak after handing back');
  });
});
