import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ICAL from 'ical.js';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/server/db/index.ts';
import { dutchLocal, fromDutchLocal } from '../../src/shared/training-time.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';
import { tabUntil } from './helpers/keyboard.ts';

/**
 * The training journey: a coordinator adds the training and plans a session with 2 seats; three office
 * holders enrol (the third waits, by keyboard); the first cancels, and the third is promoted by the job
 * queue and sees it under Meldingen. The calendar file parses with a real parser (ical.js) and follows a
 * time change (same UID, higher SEQUENCE). Then time passes (the server stops, the session's dates move
 * into the past, the server starts again): the coordinator records attendance, and the attendee
 * downloads the certificate. axe on every page; the office holder's pages at 320 px.
 */
const DAY = 86_400_000;
const SHOTS = process.env.E2E_SCREENSHOTS ?? '';

describe('training', () => {
  let server: CaseServer;
  let browser: Browser;
  let coordinator: ApiPerson;
  let first: ApiPerson;
  let second: ApiPerson;
  let third: ApiPerson;
  const contexts: BrowserContext[] = [];
  let sessionPath = '';
  const day1 = dutchLocal(new Date(Date.now() + 30 * DAY)).date;
  const day2 = dutchLocal(new Date(Date.now() + 31 * DAY)).date;
  const deadline = dutchLocal(new Date(Date.now() + 20 * DAY)).date;

  const open = async (person: ApiPerson | null, viewport?: { width: number; height: number }) => {
    const context = person
      ? await personContext(browser, person, viewport)
      : await browser.newContext({
          baseURL: server.baseUrl,
          locale: 'nl-NL',
          viewport: viewport ?? { width: 1280, height: 900 },
        });
    contexts.push(context);
    return context.newPage();
  };
  const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  };
  const download = async (page: Page, name: string | RegExp) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const where = await file.path();
    return readFile(where);
  };
  const parse = (text: string) => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    return {
      method: calendar.getFirstPropertyValue('method'),
      events: calendar.getAllSubcomponents('vevent').map((component) => {
        const event = new ICAL.Event(component);
        return { uid: event.uid, sequence: event.sequence, start: event.startDate.toJSDate().toISOString() };
      }),
    };
  };

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    coordinator = await inviteAndActivate(admin, {
      displayName: 'Tineke Trainingscoördinator',
      email: 'tineke@example.org',
      roles: ['training_coordinator'],
    });
    first = await inviteAndActivate(admin, {
      displayName: 'Bert Burgemeester',
      email: 'bert@example.org',
      roles: ['officeholder'],
      office: 'burgemeester',
      region: 'Heerde',
    });
    second = await inviteAndActivate(admin, {
      displayName: 'Wim Wethouder',
      email: 'wim@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Zwolle',
    });
    third = await inviteAndActivate(admin, {
      displayName: 'Wendy Wethouder',
      email: 'wendy@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Kampen',
    });
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.stop();
  });

  it('leads from the package to the training page, which shows dates only after signing in', async () => {
    const page = await open(null, { width: 320, height: 800 });
    await page.goto('/pakket/training');
    await page.getByRole('link', { name: 'geplande trainingen en schrijf u in' }).click();
    await page.waitForURL('**/training');
    expect(await heading(page)).toBe('Training Omgaan met intimidatie en bedreiging');
    await expect.poll(() => page.getByText('Hoe de aanmelding verder gaat, is nog niet bevestigd').count()).toBe(1);
    await expect.poll(() => page.getByText('geen vechtsport- of zelfverdedigingstraining').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: 'Inloggen', exact: true }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });

  it('lets the coordinator add the training and plan a session with 2 seats', async () => {
    const page = await open(coordinator);
    await page.goto('/');
    await page
      .getByRole('navigation', { name: /hoofdmenu/i })
      .getByRole('link', { name: 'Trainingen beheren' })
      .click();
    await page.waitForURL('**/training/beheer');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: 'Training toevoegen' }).click();
    await page.waitForURL('**/training/beheer/aanbod/nieuw');
    expect(await page.getByLabel('Aanbieder').inputValue()).toBe('Opleidingsinstituut DJI');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL('**/training/beheer');

    await page.getByRole('link', { name: 'Nieuwe sessie plannen' }).click();
    await page.waitForURL('**/training/beheer/sessies/nieuw');
    // A first try without dates: the error summary names the fields.
    await page.getByRole('button', { name: 'Sessie plannen' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Er is iets niet goed ingevuld' }).count()).toBe(1);
    await expectNoAxeViolations(page);
    await page.locator('#session-part-0-date').fill(day1);
    await page.locator('#session-part-1-date').fill(day2);
    await page.getByLabel('Plaats', { exact: true }).fill('Utrecht');
    await page.getByLabel('Locatie').fill('Opleidingscentrum, zaal 2');
    await page.getByLabel('Aantal plaatsen').fill('2');
    await page.locator('#session-deadline-date').fill(deadline);
    await page.getByRole('button', { name: 'Sessie plannen' }).click();
    await page.waitForURL((url) => /\/training\/beheer\/sessies\/[0-9a-f-]{36}$/.test(url.pathname));
    sessionPath = new URL(page.url()).pathname;
    await expect.poll(() => page.getByText('De sessie is gepland.').count()).toBe(1);
    await expect.poll(() => page.getByText('0 van 2').count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page);
  });

  it('gives two office holders a seat and puts the third, enrolling by keyboard, on the waiting list', async () => {
    const page = await open(first, { width: 320, height: 800 });
    await page.goto('/training');
    await page.getByRole('button', { name: 'Inschrijven' }).click();
    await expect.poll(() => page.getByText('U bent ingeschreven. Uw plaats is zeker.').count()).toBe(1);
    await shot(page, 'training-320-enrolled');
    await expectNoAxeViolations(page);

    const sessionId = sessionPath.split('/').at(-1) ?? '';
    await second.request('POST', `/api/training/sessions/${sessionId}/enrolments`, {});

    const waiting = await open(third, { width: 320, height: 800 });
    await waiting.goto('/training');
    await expect.poll(() => waiting.getByRole('button', { name: 'Op de wachtlijst' }).count()).toBe(1);
    await tabUntil(waiting, (element) => element.tag === 'button' && element.name === 'Op de wachtlijst', 60);
    await waiting.keyboard.press('Enter');
    await expect
      .poll(() => waiting.getByText('U staat op de wachtlijst, op plaats 1.', { exact: false }).count())
      .toBeGreaterThan(0);
    await shot(waiting, 'training-320-waiting');
    await expectNoAxeViolations(waiting);
  });

  it('promotes the one waiting when a seat holder cancels; they see it under Meldingen and get the calendar file', async () => {
    const page = await open(first, { width: 320, height: 800 });
    await page.goto('/training');
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ja, afmelden' }).click();
    await expect.poll(() => page.getByText('U bent afgemeld.', { exact: false }).count()).toBe(1);

    const promoted = await open(third, { width: 320, height: 800 });
    await expect
      .poll(
        async () => {
          await promoted.goto('/meldingen');
          // Count once the list has loaded: right after the navigation it is always 0.
          await promoted
            .getByText(/U hebt (nog geen meldingen|alle meldingen gelezen|\d+ ongelezen melding)/)
            .waitFor();
          return promoted.getByText('Er is een plaats vrijgekomen in de training: u bent nu ingeschreven.').count();
        },
        { timeout: 30_000, interval: 1_000 },
      )
      .toBe(1);
    await expectNoAxeViolations(promoted);
    await shot(promoted, 'training-320-meldingen');
    await promoted.getByRole('link', { name: 'Bekijk uw inschrijving' }).click();
    await promoted.waitForURL('**/training');
    await expect.poll(() => promoted.getByText('U bent ingeschreven. Uw plaats is zeker.').count()).toBe(1);
    const ics = parse((await download(promoted, 'Zet in uw agenda (.ics)')).toString('utf8'));
    expect(ics.method).toBe('REQUEST');
    expect(ics.events).toHaveLength(2);
    expect(ics.events[0]?.start).toBe(fromDutchLocal(day1, '09:00')?.toISOString());
    expect(ics.events[0]?.sequence).toBe(1);

    // The coordinator moves the first day part an hour later: the calendar follows, same UID, higher SEQUENCE.
    const coordination = await open(coordinator);
    await coordination.goto(sessionPath);
    await coordination.getByRole('button', { name: 'Sessie wijzigen' }).click();
    await coordination.locator('#session-part-0-start').fill('10:00');
    await coordination.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => coordination.getByText('De wijziging is opgeslagen.', { exact: false }).count()).toBe(1);
    await expectNoAxeViolations(coordination);
    await promoted.reload();
    const moved = parse((await download(promoted, 'Zet in uw agenda (.ics)')).toString('utf8'));
    expect(moved.events[0]?.start).toBe(fromDutchLocal(day1, '10:00')?.toISOString());
    expect(moved.events[0]?.uid).toBe(ics.events[0]?.uid);
    expect(moved.events[0]?.sequence).toBe(2);
  });

  it('after the session, records attendance and gives the attendee a certificate', async () => {
    // Six weeks pass: the server stops, the session's times move into the past, it starts again.
    await server.restart(async (dataDir) => {
      const database = await openDatabase({ kind: 'pglite', dataDir });
      try {
        await database.db.execute(
          `UPDATE training_sessions SET starts_at = starts_at - interval '42 days', ends_at = ends_at - interval '42 days', enrolment_deadline = enrolment_deadline - interval '42 days'`,
        );
        await database.db.execute(
          `UPDATE training_session_parts SET starts_at = starts_at - interval '42 days', ends_at = ends_at - interval '42 days'`,
        );
      } finally {
        await database.close();
      }
    });
    const coordination = await open(coordinator);
    await coordination.goto(sessionPath);
    await coordination.getByRole('checkbox', { name: /Wendy Wethouder/ }).check();
    await coordination.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
    await expect.poll(() => coordination.getByText('De aanwezigheid is opgeslagen.', { exact: false }).count()).toBe(1);
    await expectNoAxeViolations(coordination);

    const attendee = await open(third, { width: 320, height: 800 });
    await attendee.goto('/training');
    await expect.poll(() => attendee.getByText('U was bij deze training aanwezig.').count()).toBe(1);
    const pdf = await download(attendee, 'Bewijs van deelname (pdf)');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await shot(attendee, 'training-320-certificate');
    await expectNoAxeViolations(attendee);
  });
});
