import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyAftercare } from '../../src/shared/aftercare.ts';
import type { AppNotification } from '../../src/shared/notifications.ts';
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

const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(tmpdir(), 'weerbaar-aftercare-shots');
const PHONE = { width: 320, height: 640 };
const DAY_MS = 24 * 60 * 60 * 1000;
/** The check-in sweep runs on a cron: give it time on a busy machine, never a fixed sleep. */
const SWEEP = { timeout: 90_000, interval: 2_000 };
const NOTE = 'Bel mij graag na vijf uur, dan zijn de kinderen thuis.';

/**
 * Issue #19's journey, with the test controlling time, in Chromium at 320 px: a confidant opens a plan
 * for a requester (with their consent) from the support case page; the requester includes their partner
 * (a relative account); the clock moves a week and both get a check-in; the partner answers "liever
 * niet" to everything, the requester asks for contact; the confidant sees the prompt and the referral
 * options and offers them; the requester never sees the partner's answers. Every page is scanned with axe.
 */
describe('nazorg: a plan, a week later, check-ins and the referral prompt', () => {
  let server: CaseServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let wethouder: ApiPerson;
  let partner: ApiPerson;
  let confidant: ApiPerson;
  let person: Page;
  let relative: Page;
  let staff: Page;
  let caseId = '';
  let reference = '';

  const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
  const narrow = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const dueCheckIn = async (who: ApiPerson) => {
    const mine = await who.request<MyAftercare>('GET', '/api/aftercare/me');
    return mine.plans[0]?.checkIns.find((checkIn) => ['due', 'reminded', 'missed'].includes(checkIn.state)) ?? null;
  };
  const status = async (who: ApiPerson, url: string) => {
    const response = await fetch(`${server.baseUrl}${url}`, {
      headers: { Cookie: who.cookie, Accept: 'application/json' },
    });
    await response.arrayBuffer();
    return response.status;
  };

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
    // The partner: a relative account the wethouder invites (a step-up first, as on the family page).
    await wethouder.requestFresh('POST', '/api/me/relatives', { email: 'petra@example.org', relationship: 'partner' });
    partner = await activate(server, await server.invitationToken('petra@example.org'), {
      displayName: 'Petra Partner',
      email: 'petra@example.org',
    });
    ({ caseId, reference } = await wethouder.request<{ caseId: string; reference: string }>(
      'POST',
      '/api/support/requests',
      {
        concernFor: 'self',
        situation: ['threat'],
        since: 'this_week',
        acuteDanger: false,
        affected: ['me', 'partner'],
        contact: { channel: 'phone', phone: '+31 6 1234 5678', when: 'any_time' },
        body: 'Er stond een man bij ons huis die dreigde.',
      },
    ));
    await confidant.request('POST', `/api/cases/${caseId}/take`, {});
    for (const who of [wethouder, partner, confidant]) contexts.push(await personContext(browser, who, PHONE));
    [person, relative, staff] = (await Promise.all(contexts.map((context) => context.newPage()))) as [Page, Page, Page];
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('lets the confidant open a plan with the person’s consent, with a practical step', async () => {
    await staff.goto(`/werkbak/${caseId}`);
    await expect.poll(() => h1(staff).textContent()).toBe(`Hulpvraag ${reference}`);
    const panel = staff.getByRole('region', { name: 'Nazorg', exact: true });
    await panel.getByText('Geen psychologische debriefing', { exact: false }).waitFor();
    // Without consent nothing opens: the error summary leads to the question.
    await panel.getByRole('button', { name: 'Nazorg openen' }).click();
    await panel.getByRole('link', { name: /Kies hoe de aanvrager toestemming gaf/ }).waitFor();
    await expectNoAxeViolations(staff, 'staff case page, aftercare not opened yet');

    await panel.getByRole('radio', { name: 'In een gesprek' }).check();
    await panel.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await panel.getByLabel('Onderwerp').selectOption('safety_at_home');
    await panel.getByLabel('Wat precies (niet verplicht)').fill('Camera bij de voordeur laten plaatsen.');
    await panel.getByLabel('Wie doet het?').selectOption('person');
    await expectNoAxeViolations(staff, 'staff case page, aftercare form filled in');
    await shot(staff, 'aftercare-staff-open-form-320');
    await panel.getByRole('button', { name: 'Nazorg openen' }).click();
    await panel.getByText('Status: Loopt').waitFor();
    await panel.getByText('Toestemming: In een gesprek', { exact: false }).waitFor();
    await panel.getByRole('heading', { name: 'Wim Wethouder (aanvrager)' }).waitFor();
    // Each look at answers is audited; the page says so.
    await panel.getByText('Elke keer dat u antwoorden bekijkt, wordt dat vastgelegd', { exact: false }).waitFor();
    await narrow(staff);
    await expectNoAxeViolations(staff, 'staff case page, aftercare running');
    await shot(staff, 'aftercare-staff-opened-320');
  });

  it('shows the requester their plan; they include their partner', async () => {
    await person.goto('/nazorg');
    await expect.poll(() => h1(person).textContent()).toBe('Nazorg');
    const plan = person.getByRole('region', { name: `Nazorg bij hulpvraag ${reference}` });
    await plan.getByText('Camera bij de voordeur laten plaatsen.').waitFor();
    await plan.getByText('Er staan nu geen vragen voor u klaar.').waitFor();
    await plan.getByText(/Volgende keer vragen we het op /).waitFor();
    await plan.getByRole('checkbox', { name: 'Petra Partner' }).check();
    await plan.getByRole('button', { name: 'Keuze opslaan' }).click();
    await person.getByRole('status').filter({ hasText: 'Uw keuze is opgeslagen.' }).waitFor();
    await plan.getByText('Petra Partner deelt geen antwoorden met u.').waitFor();
    await narrow(person);
    await expectNoAxeViolations(person, '/nazorg, the requester, before the first check-in');
    await shot(person, 'aftercare-person-plan-320');

    await relative.goto('/nazorg');
    await expect.poll(() => h1(relative).textContent()).toBe('Nazorg');
    const theirs = relative.getByRole('region', { name: 'Nazorg als familielid' });
    await theirs.getByText('U doet mee als familielid. Uw antwoorden zijn van u.').waitFor();
    expect(await theirs.getByRole('checkbox', { name: 'Ik deel mijn antwoorden met de aanvrager' }).isChecked()).toBe(
      false,
    );
    await expectNoAxeViolations(relative, '/nazorg, the partner, before the first check-in');
  });

  it('a week later, both get a check-in (in the app, with a notification)', async () => {
    await server.moveClock(8 * DAY_MS);
    await expect.poll(async () => (await dueCheckIn(wethouder)) !== null, SWEEP).toBe(true);
    await expect.poll(async () => (await dueCheckIn(partner)) !== null, SWEEP).toBe(true);
    for (const who of [wethouder, partner]) {
      const news = await who.request<{ notifications: AppNotification[] }>('GET', '/api/me/notifications');
      expect(news.notifications.some((item) => item.kind === 'aftercare_check_in_due')).toBe(true);
    }
  });

  it('the partner answers "liever niet" to every question', async () => {
    // The notification says only that questions wait, and leads to the page.
    await relative.goto('/meldingen');
    await relative.getByText('Er staan een paar korte vragen voor u klaar bij Nazorg.').waitFor();
    await expectNoAxeViolations(relative, '/meldingen with an aftercare notification');
    await relative.getByRole('link', { name: 'Bekijk uw nazorg' }).first().click();
    await expect.poll(() => h1(relative).textContent()).toBe('Nazorg');
    const form = relative.getByRole('form', { name: /^Vragen van / });
    await form.waitFor();
    // Nothing is chosen beforehand; sending without choices names each question.
    await form.getByRole('button', { name: 'Antwoorden versturen' }).click();
    expect(await relative.getByRole('link', { name: /^Kies een antwoord bij: / }).count()).toBe(5);
    await expectNoAxeViolations(relative, '/nazorg, the partner, check-in with problems');
    for (const group of await form.getByRole('group').all()) {
      await group.getByRole('radio', { name: 'Ik beantwoord dit liever niet' }).check();
    }
    await form.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await relative.getByRole('status').filter({ hasText: 'Dank u wel. Uw antwoorden zijn verstuurd.' }).waitFor();
    await relative.getByText('Er staan nu geen vragen voor u klaar.').waitFor();
    await narrow(relative);
    await expectNoAxeViolations(relative, '/nazorg, the partner, answered');
    await shot(relative, 'aftercare-partner-answered-320');
  });

  it('the requester asks for contact', async () => {
    await person.goto('/nazorg');
    const form = person.getByRole('form', { name: /^Vragen van / });
    await form.waitFor();
    await expectNoAxeViolations(person, '/nazorg, the requester, check-in due');
    await shot(person, 'aftercare-person-check-in-320');
    const answer = async (question: string, choice: string) =>
      form.getByRole('group', { name: question }).getByRole('radio', { name: choice, exact: true }).check();
    await answer('Hoe gaat het met slapen?', 'Wisselend');
    await answer('Hoe gaat het met uw werk?', 'Goed');
    await answer('Hoe gaat het thuis, met uw gezin?', 'Ik beantwoord dit liever niet');
    await answer(
      'Is er iets nieuws gebeurd? Bijvoorbeeld een nieuw incident, een bedreiging of ongewenste aandacht.',
      'Nee',
    );
    await answer('Wilt u dat iemand van het Ondersteuningsteam contact met u opneemt?', 'Ja');
    await form.getByLabel('Wilt u nog iets kwijt? (niet verplicht)').fill(NOTE);
    await form.getByRole('button', { name: 'Antwoorden versturen' }).click();
    await person.getByRole('status').filter({ hasText: 'Dank u wel. Uw antwoorden zijn verstuurd.' }).waitFor();
    await expectNoAxeViolations(person, '/nazorg, the requester, answered');
  });

  it('prompts the confidant with the referral options; they see both answers and offer help', async () => {
    await staff.reload();
    const panel = staff.getByRole('region', { name: 'Nazorg', exact: true });
    const wim = panel.getByRole('region', { name: 'Wim Wethouder (aanvrager)' });
    await wim.getByText('Bied Wim Wethouder hulp aan die verder gaat').waitFor();
    await wim.getByText('Wim Wethouder wil contact').waitFor();
    for (const option of ['Uw huisarts', 'Slachtofferhulp Nederland', 'De deskundigen van het Ondersteuningsteam']) {
      await wim.getByRole('checkbox', { name: option }).waitFor();
    }
    // No prompt for the partner: "liever niet" is never a signal.
    const petra = panel.getByRole('region', { name: 'Petra Partner (familielid)' });
    await petra.getByText(/beantwoord op/).waitFor();
    expect(await petra.getByText(/hulp aan die verder gaat/).count()).toBe(0);

    await wim.getByRole('button', { name: /^Antwoorden van Wim Wethouder van / }).click();
    await wim.getByText(NOTE).waitFor();
    await petra.getByRole('button', { name: /^Antwoorden van Petra Partner van / }).click();
    await expect.poll(() => petra.getByText('Ik beantwoord dit liever niet').count()).toBe(5);
    await expectNoAxeViolations(staff, 'staff case page, prompt and answers');
    await shot(staff, 'aftercare-staff-prompt-320');

    await wim.getByRole('checkbox', { name: 'Uw huisarts' }).check();
    await wim.getByRole('checkbox', { name: 'Slachtofferhulp Nederland' }).check();
    await wim.getByRole('button', { name: 'Hulp aanbieden aan Wim Wethouder' }).click();
    await wim.getByText(/^Aangeboden op .*: Uw huisarts, Slachtofferhulp Nederland$/).waitFor();

    // Each look is in the access log of the one who answered.
    const log = await wethouder.request<{ entries: { action: string }[] }>('GET', '/api/me/access-log');
    expect(log.entries.some((entry) => entry.action === 'aftercare.answers_viewed')).toBe(true);
  });

  it('shows the requester the referral options, and never the partner’s answers', async () => {
    await person.goto('/nazorg');
    const plan = person.getByRole('region', { name: `Nazorg bij hulpvraag ${reference}` });
    const help = plan.getByRole('region', { name: 'Hulp die verder gaat' });
    await help.getByText(/Uw vertrouwenspersoon wijst u op .* op deze hulp:/).waitFor();
    await help.getByText('Uw huisarts', { exact: true }).waitFor();
    await help.getByText('Slachtofferhulp Nederland', { exact: true }).waitFor();
    await help.getByRole('link', { name: '070 373 83 14' }).waitFor();
    await plan.getByText('Petra Partner deelt geen antwoorden met u.').waitFor();
    expect(await plan.getByRole('button', { name: /Petra Partner/ }).count()).toBe(0);
    await narrow(person);
    await expectNoAxeViolations(person, '/nazorg, the requester, with referral options');
    await shot(person, 'aftercare-person-referral-320');

    // Nor through the API: the partner's check-in answers are not the requester's to read.
    const mine = await partner.request<MyAftercare>('GET', '/api/aftercare/me');
    const answered = mine.plans[0]?.checkIns.find((checkIn) => checkIn.state === 'answered');
    expect(answered).toBeDefined();
    expect(await status(wethouder, `/api/aftercare/check-ins/${answered?.id}/answers`)).toBe(404);
    expect(await status(partner, `/api/aftercare/check-ins/${answered?.id}/answers`)).toBe(200);
  });

  it('lets the partner ask for aftercare for themselves', async () => {
    await relative.goto('/nazorg');
    const ask = relative.getByRole('region', { name: 'Zelf om nazorg vragen' });
    await ask.getByRole('radio', { name: 'Een bericht hier in Weerbaar' }).check();
    await ask.getByRole('button', { name: 'Om nazorg vragen' }).click();
    const sent = relative.getByRole('status').filter({ hasText: 'Uw vraag om nazorg is verstuurd' });
    await sent.waitFor();
    const own = /hulpvraag ([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4})/.exec((await sent.textContent()) ?? '')?.[1] ?? '';
    expect(own).not.toBe('');
    expect(own).not.toBe(reference);
    const plan = relative.getByRole('region', { name: `Nazorg bij hulpvraag ${own}` });
    await plan.getByText('U heeft om nazorg gevraagd.', { exact: false }).waitFor();
    // A relative has no relatives of their own to include.
    expect(await plan.getByRole('region', { name: 'Uw gezin' }).count()).toBe(0);
    // Asked for once: the form is gone while the request is open.
    expect(await relative.getByRole('region', { name: 'Zelf om nazorg vragen' }).count()).toBe(0);
    await narrow(relative);
    await expectNoAxeViolations(relative, '/nazorg, the partner asked for aftercare');
    await shot(relative, 'aftercare-partner-asked-320');

    // The same page in English: every text there, still scanned clean.
    await relative.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => h1(relative).textContent()).toBe('Aftercare');
    await relative.getByRole('region', { name: 'Aftercare as a family member' }).waitFor();
    await relative.getByText('You asked for aftercare.', { exact: false }).waitFor();
    await expectNoAxeViolations(relative, '/nazorg in English');
    await shot(relative, 'aftercare-partner-english-320');
  });
});
