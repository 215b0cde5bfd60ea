import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_QUESTIONNAIRE } from '../../src/shared/zelfscan/shipped.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { focused, tabUntil } from './helpers/keyboard.ts';

/**
 * A wethouder asks the Ondersteuningsteam for support → the request reaches a confidant of the
 * Wethoudersvereniging → conversation with an attachment → advice with next steps → a peer is let in
 * with consent, then consent is withdrawn → the case is closed and the wethouder gives feedback.
 * Every page and state on the way is scanned with axe.
 */
describe('support request journey', () => {
  let server: CaseServer;
  let browser: Browser;
  let wethouder: ApiPerson;
  let confidant: ApiPerson;
  let peer: ApiPerson;
  let coordinator: ApiPerson;
  const contexts: BrowserContext[] = [];
  let requester: Page;
  let staff: Page;
  let reference = '';

  const open = async (person: ApiPerson, viewport?: { width: number; height: number }) => {
    const context = await personContext(browser, person, viewport);
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
      region: 'Utrecht',
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
      region: 'Utrecht',
    });
    // A saved zelfscan result, which the wethouder may choose to share.
    await wethouder.request('POST', '/api/me/zelfscan/results', {
      questionnaireVersion: SHIPPED_QUESTIONNAIRE.version,
      answers: Object.fromEntries(
        SHIPPED_QUESTIONNAIRE.questions.map((question) => [question.id, question.options[0]?.id ?? '']),
      ),
    });
    coordinator = await inviteAndActivate(admin, {
      displayName: 'Carla Coördinator',
      email: 'carla@example.org',
      roles: ['ot_coordinator'],
    });
    requester = await open(wethouder);
    staff = await open(confidant);
  }, 120_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the first step, and "Bel eerst 112" at once when someone is in danger', async () => {
    await requester.goto('/hulp-vragen');
    await expect.poll(() => h1(requester).textContent()).toBe('Hulp vragen');
    await requester.getByRole('heading', { level: 2, name: 'Stap 1 van 4: Wat is er aan de hand?' }).waitFor();
    await expectNoAxeViolations(requester, '/hulp-vragen step 1');

    await requester.getByRole('radio', { name: 'Ja' }).check();
    const callFirst = requester.getByRole('region', { name: 'Bel eerst 112' });
    await callFirst.waitFor();
    expect(await callFirst.getByRole('link', { name: 'Bel 112' }).getAttribute('href')).toBe('tel:112');
    expect(await callFirst.textContent()).toContain('070 373 83 14');
    await expectNoAxeViolations(requester, '/hulp-vragen with "Bel eerst 112"');
    await requester.getByRole('radio', { name: 'Nee' }).check();
    expect(await callFirst.count()).toBe(0);
  });

  it('lists what is missing in an error summary that links to each field', async () => {
    await requester.getByRole('button', { name: 'Volgende stap' }).click();
    const summary = requester.getByRole('region', { name: /dingen om aan te vullen/ });
    await summary.waitFor();
    expect(await summary.evaluate((element) => element === document.activeElement)).toBe(true);
    await expectNoAxeViolations(requester, '/hulp-vragen with errors');
    await summary.getByRole('link', { name: 'Kies wat er is gebeurd.' }).click();
    expect(await requester.evaluate(() => document.activeElement?.id)).toBe('situation-intimidation');
  });

  it('walks through the four steps and sends the request', async () => {
    await requester.getByRole('checkbox', { name: 'Bedreiging' }).check();
    await requester.getByRole('radio', { name: 'Deze week' }).check();
    await requester.getByRole('button', { name: 'Volgende stap' }).click();

    await requester.getByRole('heading', { name: /Stap 2 van 4/ }).waitFor();
    expect(await requester.evaluate(() => document.activeElement?.id)).toBe('step-heading');
    await requester.getByRole('checkbox', { name: 'Ikzelf' }).check();
    await requester.getByRole('checkbox', { name: 'Mijn partner' }).check();
    await expectNoAxeViolations(requester, '/hulp-vragen step 2');
    await requester.getByRole('button', { name: 'Volgende stap' }).click();

    await requester.getByRole('heading', { name: /Stap 3 van 4/ }).waitFor();
    await requester.getByRole('radio', { name: 'Bel mij' }).check();
    await requester.getByLabel('Uw telefoonnummer').fill('06 12345678');
    await requester.getByRole('radio', { name: 'Overdag op werkdagen' }).check();
    await expectNoAxeViolations(requester, '/hulp-vragen step 3');
    await requester.getByRole('button', { name: 'Volgende stap' }).click();

    await requester.getByRole('heading', { name: /Stap 4 van 4/ }).waitFor();
    await requester.getByLabel(/Wilt u nog iets vertellen/).fill('Er staan steeds mensen bij mijn huis.');
    const share = requester.getByRole('checkbox', { name: /Deel de uitslag van mijn zelfscan/ });
    expect(await share.isChecked()).toBe(false);
    await share.check();
    const review = requester.getByRole('region', { name: 'Dit stuurt u ons' });
    expect(await review.textContent()).toContain('Bedreiging');
    expect(await review.textContent()).toContain('06 12345678');
    await expectNoAxeViolations(requester, '/hulp-vragen step 4');
    await requester.getByRole('button', { name: 'Hulpvraag versturen' }).click();

    await expect.poll(() => h1(requester).textContent()).toBe('Uw hulpvraag is verstuurd');
    const lead = (await requester.locator('main').textContent()) ?? '';
    reference = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec(lead)?.[0] ?? '';
    expect(reference).not.toBe('');
    expect(lead).toContain('de Wethoudersvereniging');
    expect(lead).toContain('070 373 83 14');
    await expectNoAxeViolations(requester, 'support confirmation');
  });

  it('reaches the Wethoudersvereniging confidant’s queue, with the first-response target shown plainly', async () => {
    await staff.goto('/werkbak');
    await expect.poll(() => h1(staff).textContent()).toBe('Werkbak');
    const row = staff.getByRole('row', { name: new RegExp(reference) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Uiterlijk|Bijna te laat/);
    await expect.poll(() => staff.getByRole('link', { name: /Nog niet opgepakt \(1\)/ }).count()).toBe(1);
    await expect.poll(() => staff.getByRole('table', { name: 'Aantal zaken per overzicht' }).count()).toBe(1);
    await expectNoAxeViolations(staff, '/werkbak');

    await row.getByRole('button', { name: `Oppakken: ${reference}` }).click();
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${reference}`);
    await staff.getByText('Er staan steeds mensen bij mijn huis.').waitFor();
    // The wethouder shared their zelfscan result: the confidant sees it, with who shared it and when.
    const shared = staff.getByRole('region', { name: 'Uitslag van de zelfscan', exact: true });
    await shared.getByText(/^Gedeeld door de aanvrager op /).waitFor();
    expect(await shared.getByText('Groen: goed geregeld').count()).toBe(SHIPPED_QUESTIONNAIRE.categories.length);
    await expectNoAxeViolations(staff, '/werkbak/:caseId after taking it');
    await expect.poll(() => staff.getByText('Er staan steeds mensen bij mijn huis.').count()).toBe(1);
  });

  it('lets the confidant write, keep an internal note and add a file', async () => {
    await staff.getByLabel('Uw bericht').fill('Dag Wim, ik bel u vanmiddag. Wilt u een foto van de situatie sturen?');
    await staff.getByRole('button', { name: 'Bericht versturen' }).click();
    await staff.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();

    const notes = staff.getByRole('region', { name: 'Interne notities' });
    expect(await notes.getByText('Alleen zichtbaar voor medewerkers').count()).toBeGreaterThan(0);
    await notes.getByLabel('Nieuwe notitie').fill('Politie is al op de hoogte.');
    await notes.getByRole('button', { name: 'Notitie opslaan' }).click();
    await notes.getByText('Politie is al op de hoogte.').waitFor();

    await staff.getByLabel('Kies een bestand').setInputFiles({
      name: 'afspraken.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Afspraken: de wijkagent rijdt vaker langs.\n'),
    });
    await staff.getByRole('button', { name: 'Bestand toevoegen' }).click();
    await staff.getByRole('button', { name: 'afspraken.txt downloaden' }).waitFor();
    await expectNoAxeViolations(staff, '/werkbak/:caseId with conversation, note and file');
  });

  it('records advice with next steps and proposes a peer', async () => {
    await staff.getByRole('checkbox', { name: 'Aangifte of melding doen' }).check();
    await staff.getByRole('checkbox', { name: 'Praten met een ervaringsdeskundige' }).check();
    await staff.getByRole('button', { name: 'Advies opslaan' }).click();
    await staff.getByRole('region', { name: /om aan te vullen/ }).waitFor();
    await expectNoAxeViolations(staff, 'advice form with errors');
    await staff.locator('#advice-aangifte').fill('Doe aangifte bij de politie. U kunt uw werkadres opgeven.');
    await staff.locator('#advice-peer_talk').fill('Een collega die dit ook meemaakte, kan langskomen.');
    await staff.getByRole('button', { name: 'Advies opslaan' }).click();
    await staff.getByRole('status').filter({ hasText: 'Het advies is opgeslagen.' }).waitFor();

    await staff.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Piet Peer — Utrecht' });
    await staff.getByRole('checkbox', { name: 'De berichten in het gesprek' }).check();
    await staff.getByRole('button', { name: 'Voorstel naar de aanvrager sturen' }).click();
    await staff.getByRole('status').filter({ hasText: 'Het voorstel is verstuurd.' }).waitFor();
  });

  it('shows the wethouder the case in plain words, with the message, the file as a download and the advice', async () => {
    await requester.goto('/mijn-zaken');
    await expect.poll(() => h1(requester).textContent()).toBe('Mijn zaken');
    const card = requester.getByRole('article', { name: `Hulpvraag ${reference}` });
    await card.waitFor();
    expect(await card.textContent()).toContain('Vera Vertrouwenspersoon');
    expect(await card.textContent()).toMatch(/\d+ nieuw/);
    await expectNoAxeViolations(requester, '/mijn-zaken');

    await card.getByRole('link', { name: `Hulpvraag ${reference}` }).click();
    await expect.poll(() => h1(requester).textContent()).toBe(`Hulpvraag ${reference}`);
    await requester.getByText('Dag Wim, ik bel u vanmiddag.', { exact: false }).waitFor();
    expect(await requester.getByText('Politie is al op de hoogte.').count()).toBe(0);
    expect(await requester.getByText('Alleen zichtbaar voor medewerkers').count()).toBe(0);

    const advice = requester.getByRole('region', { name: 'Advies' });
    expect(await advice.getByRole('link', { name: 'Lees over aangifte, melden en schade' }).getAttribute('href')).toBe(
      '/pakket/aangifte-melden-schade',
    );

    const [download] = await Promise.all([
      requester.waitForEvent('download'),
      requester.getByRole('button', { name: 'afspraken.txt downloaden' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('afspraken.txt');
    await expectNoAxeViolations(requester, '/mijn-zaken/:caseId');

    await requester.getByLabel('Uw bericht').fill('Dank u. Ik stuur straks een foto.');
    await requester.getByRole('button', { name: 'Bericht versturen' }).click();
    await requester.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }).waitFor();
  });

  it('lets the wethouder let the peer in, naming what is shared, and withdraw it at once', async () => {
    const proposal = requester.getByRole('article', { name: 'Mag Piet Peer (ervaringsdeskundige) meekijken?' });
    await proposal.waitFor();
    await expectNoAxeViolations(requester, 'grant proposal');
    await proposal.getByRole('button', { name: 'Ja, dit mag' }).click();

    const active = requester.getByRole('article', { name: 'Piet Peer (ervaringsdeskundige)' });
    await active.waitFor();
    expect(await active.textContent()).toContain('De berichten in het gesprek');

    const shared = await personContext(browser, peer);
    contexts.push(shared);
    const peerPage = await shared.newPage();
    await peerPage.goto('/werkbak?overzicht=shared');
    await peerPage.getByRole('link', { name: reference }).waitFor();

    await active.getByRole('button', { name: 'Toestemming intrekken voor Piet Peer (ervaringsdeskundige)' }).click();
    const dialog = requester.getByRole('dialog', {
      name: 'Toestemming intrekken voor Piet Peer (ervaringsdeskundige)?',
    });
    await dialog.waitFor();
    expect(await requester.evaluate(() => document.activeElement?.textContent)).toBe('Annuleren');
    await expectNoAxeViolations(requester, 'withdraw consent dialog');
    await dialog.getByRole('button', { name: 'Ja, intrekken' }).click();
    await requester.getByRole('status').filter({ hasText: 'De toestemming voor Piet Peer' }).waitFor();
    expect(await active.count()).toBe(0);

    await peerPage.reload();
    await peerPage.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => peerPage.getByRole('link', { name: reference }).count()).toBe(0);
  });

  it('lets the wethouder stop sharing the zelfscan result at once', async () => {
    const zelfscan = requester.getByRole('region', { name: 'Uitslag van uw zelfscan' });
    await zelfscan.getByRole('button', { name: 'Niet meer delen' }).click();
    const dialog = requester.getByRole('dialog', { name: 'Uitslag van de zelfscan niet meer delen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ja, niet meer delen' }).click();
    await expect.poll(() => zelfscan.count()).toBe(0);
    // Gone for the confidant too.
    await staff.reload();
    await staff.getByText('Er staan steeds mensen bij mijn huis.').waitFor();
    expect(await staff.getByRole('region', { name: 'Uitslag van de zelfscan', exact: true }).count()).toBe(0);
  });

  it('is closed by the confidant, after a confirmation', async () => {
    await staff.reload();
    await staff.getByLabel('Uitkomst').selectOption({ label: 'Advies gegeven' });
    await staff.getByRole('button', { name: 'Afsluiten', exact: true }).click();
    const dialog = staff.getByRole('dialog', { name: `Zaak ${reference} afsluiten?` });
    await dialog.waitFor();
    await expectNoAxeViolations(staff, 'close case dialog');
    await dialog.getByRole('button', { name: 'Ja, afsluiten' }).click();
    await staff.getByRole('status').filter({ hasText: 'De zaak is afgesloten.' }).waitFor();
  });

  it('asks the wethouder for feedback on the closed case', async () => {
    await requester.reload();
    await requester.getByRole('heading', { name: 'Hoe ging het?' }).waitFor();
    await requester.getByRole('button', { name: 'Reactie versturen' }).click();
    await requester.getByText('Kies hoe tevreden u bent.').first().waitFor();
    await requester.getByRole('radio', { name: 'Tevreden', exact: true }).check();
    await requester.getByLabel(/Wilt u nog iets zeggen/).fill('Snel en rustig geholpen.');
    await requester.getByRole('button', { name: 'Reactie versturen' }).click();
    await requester.getByText('Bedankt voor uw reactie.').waitFor();
    await expect.poll(() => requester.getByRole('heading', { name: 'Toch nog hulp nodig?' }).count()).toBe(1);
    await expectNoAxeViolations(requester, 'closed case with feedback');
  });

  it('reads the same in English', async () => {
    await requester.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(requester).textContent()).toBe(`Support request ${reference}`);
    await requester.getByRole('heading', { name: 'How did it go?' }).count();
    await expect.poll(() => requester.getByRole('heading', { name: 'Conversation' }).count()).toBe(1);
    await expectNoAxeViolations(requester, 'case page in English');
    await requester.goto('/hulp-vragen');
    await requester.getByRole('heading', { name: 'Step 1 of 4: What is going on?' }).waitFor();
    await expectNoAxeViolations(requester, '/hulp-vragen in English');
    await requester.getByRole('button', { name: 'Nederlands' }).click();
  });

  it('works with the keyboard alone: choices, errors and the next step', async () => {
    const page = await open(wethouder);
    await page.goto('/hulp-vragen');
    await page.getByRole('heading', { name: /Stap 1 van 4/ }).waitFor();
    await tabUntil(page, (element) => element.id === 'acuteDanger-yes', 60);
    await page.keyboard.press('Space');
    await page.getByRole('region', { name: 'Bel eerst 112' }).waitFor();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('radio', { name: 'Nee' }).isChecked()).toBe(true);
    await tabUntil(page, (element) => element.id === 'situation-threat');
    await page.keyboard.press('Space');
    await tabUntil(page, (element) => element.name === 'Volgende stap');
    await page.keyboard.press('Enter');
    // "since" is still missing: the summary takes focus, and its link leads to the field.
    const summary = page.getByRole('region', { name: /om aan te vullen/ });
    await summary.waitFor();
    await page.keyboard.press('Tab');
    expect((await focused(page))?.name).toBe('Kies sinds wanneer dit speelt.');
    await page.keyboard.press('Enter');
    expect((await focused(page))?.id).toBe('since-today');
    await page.keyboard.press('Space');
    await tabUntil(page, (element) => element.name === 'Volgende stap');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /Stap 2 van 4/ }).waitFor();
    expect((await focused(page))?.id).toBe('step-heading');
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const narrow = await open(wethouder, { width: 320, height: 640 });
    for (const path of ['/hulp-vragen', '/mijn-zaken']) {
      await narrow.goto(path);
      await narrow.getByRole('heading', { level: 2 }).first().waitFor();
      expect(await narrow.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
    }
    await narrow.getByRole('link', { name: `Hulpvraag ${reference}` }).click();
    await narrow.getByRole('heading', { name: 'Gesprek' }).waitFor();
    expect(await narrow.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  it('lets a wethouder raise a concern about a colleague, which the coordinator assigns to a confidant', async () => {
    const page = await open(wethouder);
    await page.goto('/hulp-vragen');
    await page.getByRole('heading', { name: /Stap 1 van 4/ }).waitFor();
    await page.getByRole('radio', { name: 'Nee' }).check();
    await page.getByRole('radio', { name: 'Ik maak mij zorgen om een collega' }).check();
    await page.getByRole('checkbox', { name: /Online intimidatie/ }).check();
    await page.getByRole('radio', { name: 'Deze maand' }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 2 van 4/ }).waitFor();
    await page.getByRole('checkbox', { name: 'Iemand anders' }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    // The colleague's name is needed: the summary says so.
    await page
      .getByRole('region', { name: /om aan te vullen/ })
      .getByRole('link', { name: 'Vul de naam van uw collega in.' })
      .click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('personName');
    await page.keyboard.type('Karin Raadslid');
    await page.getByLabel('Functie (niet verplicht)').selectOption({ label: 'Raadslid' });
    await expectNoAxeViolations(page, 'colleague concern, step 2');
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 3 van 4/ }).waitFor();
    await page.getByRole('radio', { name: 'Stuur mij een bericht in Weerbaar' }).check();
    await page.getByRole('radio', { name: /Altijd/ }).check();
    await page.getByRole('button', { name: 'Volgende stap' }).click();
    await page.getByRole('heading', { name: /Stap 4 van 4/ }).waitFor();
    await page.getByRole('button', { name: 'Hulpvraag versturen' }).click();
    await expect.poll(() => h1(page).textContent()).toBe('Uw hulpvraag is verstuurd');
    expect(await page.locator('main').textContent()).toContain('De coördinator van het Ondersteuningsteam');
    const concern =
      /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.exec((await page.locator('main').textContent()) ?? '')?.[0] ?? '';

    const coordinating = await open(coordinator);
    await coordinating.goto('/werkbak');
    const row = coordinating.getByRole('row', { name: new RegExp(concern) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Zorg over een collega');
    await row.getByRole('link', { name: concern }).click();
    await coordinating.getByText('Karin Raadslid', { exact: false }).first().waitFor();
    await coordinating
      .getByLabel('Toewijzen aan')
      .selectOption({ label: 'Vera Vertrouwenspersoon — de Wethoudersvereniging' });
    await coordinating.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await coordinating.getByRole('status').filter({ hasText: 'De zaak is toegewezen.' }).waitFor();
    await expectNoAxeViolations(coordinating, 'coordinator case view');

    await staff.goto('/werkbak?overzicht=mine');
    await staff.getByRole('link', { name: concern }).waitFor();
  });

  it('deletes a closed case early, after the reference is typed back', async () => {
    await requester.goto('/mijn-zaken');
    await requester.getByRole('link', { name: `Hulpvraag ${reference}` }).click();
    await requester.getByRole('button', { name: 'Zaak nu verwijderen' }).click();
    const dialog = requester.getByRole('dialog', { name: 'Zaak nu verwijderen?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Ja, nu verwijderen' }).click();
    await dialog.getByText('Het kenmerk klopt niet.').waitFor();
    await expectNoAxeViolations(requester, 'erase dialog with an error');
    await dialog.getByLabel(/Typ ter controle het kenmerk over/).fill(reference.toLowerCase());
    await dialog.getByRole('button', { name: 'Ja, nu verwijderen' }).click();
    await requester.waitForURL((url) => url.pathname === '/mijn-zaken');
    await requester.getByText(`De inhoud van zaak ${reference} is verwijderd.`).waitFor();
  });

  it('sends a visitor who is not signed in to the sign-in page first', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/mijn-zaken');
    await page.waitForURL((url) => url.pathname === '/inloggen');
    expect(new URL(page.url()).search).toContain('mijn-zaken');
  });
});
