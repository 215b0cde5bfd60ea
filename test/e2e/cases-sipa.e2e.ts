import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { expectNoSidewaysScroll } from './helpers/identity.ts';

/**
 * SIPA's own process, on a phone-sized screen (320 px), with axe on every step: a burgemeester asks for a
 * phone intake (who asks, the topic, a number, times to call — nothing confidential) → an advisor takes
 * it, calls and records the intake and what was agreed → only then does the burgemeester share the
 * signal and the person concerned → the advisor confirms there is no conflict of interest and gives
 * structured advice → the burgemeester reads it and downloads the PDF.
 */
const PHONE = { width: 320, height: 640 };

describe('SIPA advice request journey (320 px)', () => {
  let server: CaseServer;
  let browser: Browser;
  let burgemeester: ApiPerson;
  let advisor: ApiPerson;
  const contexts: BrowserContext[] = [];
  let requester: Page;
  let staff: Page;
  let reference = '';
  let caseId = '';
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
      const context = await personContext(browser, person, PHONE);
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

  it('asks only who asks, the topic, a phone number and when to call — nothing confidential', async () => {
    await requester.goto('/sipa/advies-vragen');
    await expect.poll(() => h1(requester).textContent()).toBe('Advies vragen aan SIPA');
    await requester.getByRole('button', { name: 'Vraag om een telefoongesprek' }).waitFor();
    const main = (await requester.locator('main').textContent()) ?? '';
    expect(main).toContain('SIPA doet zelf geen onderzoek.');
    expect(main).toContain('Schrijf nog niets vertrouwelijks op');
    // No place for the signal or the person concerned before the call.
    expect(await requester.getByLabel('Wat is er gesignaleerd?').count()).toBe(0);
    expect(await requester.getByLabel('Naam van de betrokkene').count()).toBe(0);
    // The office decides the role in advance.
    expect(await requester.getByRole('radio', { name: 'Als burgemeester' }).isChecked()).toBe(true);
    await expectNoSidewaysScroll(requester);
    await expectNoAxeViolations(requester, '/sipa/advies-vragen at 320 px');

    await requester.getByRole('button', { name: 'Vraag om een telefoongesprek' }).click();
    await requester.getByRole('region', { name: /om aan te vullen/ }).waitFor();
    await expectNoAxeViolations(requester, '/sipa/advies-vragen with errors');
  });

  it('refuses a phone number without its digits, then sends the request and says who calls where', async () => {
    await requester.getByLabel('Voor welke organisatie?').fill('Gemeente Utrecht');
    await requester.getByRole('radio', { name: 'Belangenverstrengeling' }).check();
    await requester.getByLabel('Op welk nummer kan SIPA u bellen?').fill('(-- --)');
    await requester.getByRole('checkbox', { name: /'s Ochtends/ }).check();
    await requester.getByRole('button', { name: 'Vraag om een telefoongesprek' }).click();
    await requester.getByText('Vul een telefoonnummer in waarop SIPA u kan bellen').first().waitFor();
    await requester.getByLabel('Op welk nummer kan SIPA u bellen?').fill('06 1234 5678');
    await requester.getByRole('button', { name: 'Vraag om een telefoongesprek' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe('Uw vraag om een gesprek is verstuurd');
    const text = (await requester.locator('main').textContent()) ?? '';
    expect(text).toContain('belt u op 06 1234 5678 voor een intakegesprek');
    expect(text).toContain('Stuur tot dat gesprek niets vertrouwelijks.');
    reference = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(text)?.[0] ?? '';
    expect(reference).not.toBe('');
    await expectNoAxeViolations(requester, 'SIPA confirmation');

    await requester.getByRole('link', { name: 'Bekijk uw adviesvraag' }).click();
    await requester.getByText('Een adviseur van SIPA belt u op +31612345678').waitFor();
    caseId = new URL(requester.url()).pathname.split('/').pop() ?? '';
    // No documents and no details before the call.
    expect(await requester.getByRole('button', { name: 'Bestand toevoegen' }).count()).toBe(0);
    expect(await requester.getByRole('heading', { name: 'Deel het signaal, zoals afgesproken' }).count()).toBe(0);
    await expectNoSidewaysScroll(requester);
    await expectNoAxeViolations(requester, 'SIPA case page before the intake');
  });

  it('gives the advisor the number and the times to call, and records the phone intake', async () => {
    await staff.goto('/werkbak');
    await expect.poll(() => h1(staff).textContent()).toBe('Werkbak');
    const row = staff.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Nog bellen voor intake');
    expect(await row.textContent()).toContain("Bellen: 's Ochtends");
    await expectNoAxeViolations(staff, '/werkbak (SIPA) at 320 px');
    await row.getByRole('button', { name: `Oppakken: ${reference}` }).click();

    const call = staff.getByRole('region', { name: 'Bel de aanvrager voor het intakegesprek' });
    await call.waitFor();
    expect(await call.getByRole('link', { name: '+31612345678' }).getAttribute('href')).toBe('tel:+31612345678');
    await expectNoSidewaysScroll(staff);
    await expectNoAxeViolations(staff, 'SIPA call panel');
    await call.getByRole('radio', { name: /deelt het signaal, de betrokkene en stukken/ }).check();
    await call.getByLabel(/Wat volgt er\?/).fill('Deel het signaal via Weerbaar; donderdag kom ik langs.');
    await call.getByRole('button', { name: 'Intakegesprek vastleggen' }).click();
    await staff.getByRole('status').filter({ hasText: 'Het intakegesprek is vastgelegd.' }).waitFor();
    await staff.getByRole('region', { name: 'Het intakegesprek', exact: true }).waitFor();
    expect(await staff.getByRole('region', { name: 'Bel de aanvrager voor het intakegesprek' }).count()).toBe(0);
  });

  it('only after the intake lets the burgemeester share the signal and who it is about', async () => {
    await requester.reload();
    const intake = requester.getByRole('region', { name: 'Het intakegesprek', exact: true });
    await intake.waitFor();
    expect(await intake.textContent()).toContain('donderdag kom ik langs');
    const form = requester.getByRole('region', { name: 'Deel het signaal, zoals afgesproken' });
    await form.waitFor();
    await expectNoSidewaysScroll(requester);
    await expectNoAxeViolations(requester, 'SIPA details form');
    await form
      .getByLabel('Wat is er gesignaleerd?')
      .fill('Een wethouder zou een opdracht aan een familielid hebben gegund.');
    await form.getByRole('radio', { name: 'Deze maand' }).check();
    await form.getByRole('radio', { name: 'Via de media' }).check();
    await form.getByLabel('Naam van de betrokkene').fill('J. Jansen');
    await form.getByLabel('Functie van de betrokkene').fill('Wethouder');
    await form.getByLabel('Wat is uw vraag aan SIPA?').fill('Moet ik een onafhankelijk onderzoek laten doen?');
    await form.getByRole('button', { name: 'Gegevens veilig delen' }).click();
    await requester.getByText('Uw adviseur heeft uw gegevens ontvangen').waitFor();
    expect(await requester.getByRole('heading', { name: 'Deel het signaal, zoals afgesproken' }).count()).toBe(0);
    await expectNoAxeViolations(requester, 'SIPA case page after sharing the details');
  });

  it('makes the advisor first confirm there is no conflict of interest', async () => {
    await staff.reload();
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
    await requester.goto(`/mijn-zaken/${caseId}`);
    const advice = requester.getByRole('region', { name: 'Advies van SIPA' });
    await advice.waitFor();
    expect(await advice.textContent()).toContain('U beslist zelf wat u ermee doet');
    expect(await advice.textContent()).toContain('Was de wethouder betrokken bij de gunning?');
    await expectNoSidewaysScroll(requester);
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
    const second = await burgemeester.request<{ caseId: string; reference: string }>('POST', '/api/sipa/requests', {
      capacity: 'burgemeester',
      organisation: 'Gemeente Utrecht',
      topic: 'undesirable_behaviour',
      phone: '+31 30 123 4567',
      callTimes: ['afternoon'],
      urgent: true,
    });
    await staff.goto('/werkbak');
    const row = staff.getByRole('row', { name: new RegExp(second.reference) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Met spoed');
    await advisor.request('POST', `/api/cases/${second.caseId}/take`, {});
    await advisor.request('POST', `/api/cases/${second.caseId}/sipa/intake`, {
      heldAt: new Date().toISOString(),
      agreement: 'share_details',
      message: '',
    });
    await burgemeester.request('PUT', `/api/cases/${second.caseId}/sipa/details`, {
      signal: { what: 'Klachten over het gedrag van een raadslid.', since: 'months', source: 'complaint' },
      personConcerned: { name: 'A. de Vries', position: 'Raadslid' },
      answers: { doneSoFar: '', question: 'Hoe pak ik dit zorgvuldig aan?' },
    });
    await staff.goto(`/werkbak/${second.caseId}`);
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
