import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../src/shared/cases.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import {
  type ApiPerson,
  activate,
  CaseServer,
  firstAdmin,
  inviteAndActivate,
  personContext,
} from './helpers/case-server.ts';

/**
 * Staff journeys as they were played in a browser (issue 12): the work queue's links, the confidant's
 * own advice after a reload, and a peer who sees exactly what the requester ticked. On a 320 px screen,
 * with axe on every page.
 */
describe('staff journeys (issue 12)', () => {
  let server: CaseServer;
  let browser: Browser;
  let wethouder: ApiPerson;
  let confidant: ApiPerson;
  let peer: ApiPerson;
  const contexts: BrowserContext[] = [];
  let staff: Page;
  let caseId = '';
  let reference = '';
  const PHONE = { width: 320, height: 640 };

  const open = async (person: ApiPerson) => {
    const context = await personContext(browser, person, PHONE);
    contexts.push(context);
    return context.newPage();
  };
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
    confidant = await inviteAndActivate(admin, {
      displayName: 'Vera Vertrouwenspersoon',
      email: 'vera@example.org',
      roles: ['confidant'],
      association: 'wethoudersvereniging',
    });
    peer = await inviteAndActivate(admin, {
      displayName: 'Piet Peer',
      email: 'piet@example.org',
      roles: ['peer'],
      region: 'Zwolle',
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
        body: 'Er staan steeds mensen bij mijn huis.',
      },
    ));
    staff = await open(confidant);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('does not link an unassigned case the confidant cannot open yet; a direct visit asks once and says what to do', async () => {
    const policyWarnings: string[] = [];
    staff.on('console', (message) => {
      if (/Permissions-Policy|Unrecognized feature/i.test(message.text())) policyWarnings.push(message.text());
    });
    await staff.goto('/werkbak');
    await expect.poll(() => h1(staff).textContent()).toBe('Werkbak');
    const row = staff.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.getByRole('link', { name: reference }).count()).toBe(0);
    expect(policyWarnings).toEqual([]);
    await row.getByRole('button', { name: `Oppakken: ${reference}` }).waitFor();
    await expectNoAxeViolations(staff, '/werkbak at 320 px');

    const asked: string[] = [];
    staff.on('request', (request) => {
      if (new URL(request.url()).pathname === `/api/cases/${caseId}`) asked.push(request.url());
    });
    await staff.goto(`/werkbak/${caseId}`);
    await staff.getByText('Pak de zaak eerst op in de werkbak', { exact: false }).waitFor();
    expect(await staff.getByText('Deze zaak bestaat niet').count()).toBe(0);
    await staff.waitForTimeout(4000);
    expect(asked.length).toBeLessThanOrEqual(1);
    await expectNoAxeViolations(staff, '/werkbak/:caseId before taking it, 320 px');
    await staff.getByRole('link', { name: 'Terug naar de werkbak' }).click();
    const again = staff.getByRole('row', { name: new RegExp(reference) });
    await again.getByRole('button', { name: `Oppakken: ${reference}` }).click();
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${reference}`);
  });

  it('shows the confidant the advice they recorded, also after a reload', async () => {
    await staff.getByRole('checkbox', { name: 'Aangifte of melding doen' }).check();
    await staff.locator('#advice-aangifte').fill('Doe aangifte bij de politie. U kunt uw werkadres opgeven.');
    await staff.getByRole('button', { name: 'Advies opslaan' }).click();
    await staff.getByRole('status').filter({ hasText: 'Het advies is opgeslagen.' }).waitFor();
    await staff.reload();
    const advice = staff.getByRole('region', { name: 'Het advies aan de aanvrager' });
    await advice.getByText('Doe aangifte bij de politie.', { exact: false }).waitFor();
    expect(await staff.getByText('Lees het advies hieronder', { exact: false }).count()).toBe(0);
    await expectNoAxeViolations(staff, '/werkbak/:caseId with advice, 320 px');
  });

  it('shows a peer exactly what the requester ticked, in the words of the consent screen', async () => {
    await staff.getByLabel('Kies een bestand').setInputFiles({
      name: 'afspraken.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Afspraken: de wijkagent rijdt vaker langs.\n'),
    });
    await staff.getByRole('button', { name: 'Bestand toevoegen' }).click();
    await staff.getByRole('button', { name: 'afspraken.txt downloaden' }).waitFor();
    await confidant.request('POST', `/api/cases/${caseId}/grants`, { personId: peer.personId, scopes: ['summary'] });
    const detail = await wethouder.request<CaseDetail>('GET', `/api/cases/${caseId}`);
    const grant = detail.grants?.find((candidate) => candidate.personId === peer.personId);
    await wethouder.request('POST', `/api/cases/${caseId}/grants/${grant?.id}/consent`, { scopes: ['summary'] });

    const peerPage = await open(peer);
    await peerPage.goto(`/werkbak/${caseId}`);
    await expect.poll(() => h1(peerPage).textContent()).toBe(`Hulpvraag ${reference}`);
    const sees = peerPage.getByRole('region', { name: 'Wat u mag zien' });
    await sees.getByText('Het kenmerk, de stand van zaken en het soort situatie').waitFor();
    await peerPage.getByRole('heading', { name: 'Wat is er gebeurd' }).waitFor();
    await peerPage.getByText('De vraag is ontvangen.').waitFor();
    const main = (await peerPage.getByRole('main').textContent()) ?? '';
    expect(main).not.toContain('Doe aangifte bij de politie');
    expect(main).not.toContain('bestand toegevoegd');
    expect(main).not.toContain('advies gegeven');
    expect(main).not.toContain('Wim Wethouder');
    await expectNoAxeViolations(peerPage, '/werkbak/:caseId as a peer, 320 px');
  });

  it('tells the confidant that a partner asks, and of which office holder (the relationship asked at the invitation)', async () => {
    const home = await open(wethouder);
    await home.goto('/familie');
    await expect.poll(() => h1(home).textContent()).toBe('Familie');
    await home.getByLabel('E-mailadres van uw familielid').fill('petra@example.org');
    await home.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await home.getByRole('link', { name: 'Kies wie het voor u is.' }).waitFor();
    await home.getByRole('radio', { name: 'Mijn partner' }).check();
    // The label sits beside its radio button, not on the line below (issue 12), also at 320 px.
    const control = await home.getByRole('radio', { name: 'Mijn partner' }).boundingBox();
    const label = await home.locator('label[for="relative-relationship-partner"]').boundingBox();
    expect(label && control ? label.x : 0).toBeGreaterThan((control?.x ?? 0) + (control?.width ?? 0) - 1);
    expect(Math.abs((label?.y ?? 999) - (control?.y ?? 0))).toBeLessThan(16);
    await expectNoAxeViolations(home, '/familie with the relationship, 320 px');
    await home.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await home.getByText('De uitnodiging is verstuurd naar petra@example.org.').waitFor();
    expect(await home.getByRole('main').textContent()).toContain('Mijn partner');

    const partner = await activate(server, await server.invitationToken('petra@example.org'), {
      displayName: 'Petra',
      email: 'petra@example.org',
    });
    const asked = await partner.request<{ caseId: string; reference: string }>('POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat'],
      since: 'this_week',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'in_app', when: 'any_time' },
    });
    await staff.goto('/werkbak');
    const row = staff.getByRole('row', { name: new RegExp(asked.reference) });
    await row.getByRole('button', { name: `Oppakken: ${asked.reference}` }).click();
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${asked.reference}`);
    await staff.getByText('Petra, partner van Wim Wethouder — Wethouder, Zwolle').waitFor();
    await expectNoAxeViolations(staff, "/werkbak/:caseId of a partner's request, 320 px");
  });

  it('reopens a closed case only after a confirmation with a reason, which staff read, named by its reference', async () => {
    await confidant.request('POST', `/api/cases/${caseId}/close`, { outcome: 'advice_given' });
    const mine = await open(wethouder);
    await mine.goto(`/mijn-zaken/${caseId}`);
    await expect.poll(() => h1(mine).textContent()).toBe(`Hulpvraag ${reference}`);
    const main = (await mine.getByRole('main').textContent()) ?? '';
    expect(main).not.toContain('U hoort van ons wat de volgende stap is');
    expect(main).toContain('Dan kunt u hem heropenen');
    await mine.getByRole('button', { name: 'Zaak heropenen' }).click();
    const dialog = mine.getByRole('dialog', { name: `Zaak ${reference} heropenen?` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ja, heropenen' }).click();
    await dialog.getByText('Schrijf in een paar woorden waarom u de zaak heropent.').first().waitFor();
    await expectNoAxeViolations(mine, 'reopen dialog with an error, 320 px');
    await dialog.getByLabel('Waarom heropent u de zaak?').fill('Er stond vannacht weer iemand bij ons huis.');
    await dialog.getByRole('button', { name: 'Ja, heropenen' }).click();
    await mine.getByRole('status').filter({ hasText: 'De zaak is heropend.' }).waitFor();
    await mine.getByText('Er stond vannacht weer iemand bij ons huis.').waitFor();

    await staff.goto('/meldingen');
    await staff.getByText(`Hulpvraag ${reference}: De zaak is heropend.`).waitFor();
    await staff.goto(`/werkbak/${caseId}`);
    await staff.getByText('Er stond vannacht weer iemand bij ons huis.').waitFor();
  });
});
