import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld } from './helpers/admin-world.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import type { ApiPerson } from './helpers/case-server.ts';
import { expectHeading, expectNoSidewaysScroll } from './helpers/identity.ts';

/**
 * Beheer → Regelingen (issue #17), at 320 px, on a server of its own (the three shipped schemes): the
 * admin sees which scheme applies today and which have ended, is told at the fields what is wrong with
 * a version (an empty name; a start that is not after today), adds a successor dated in the future,
 * and sees it as scheduled while its predecessor now ends the day before. axe on every state.
 */

const CURRENT = 'Regeling beveiligingsmaatregelen decentrale bestuurders';
const NEW_NAME = 'Regeling beveiligingsmaatregelen 2.0';
const NEW_NAME_EN = 'Security measures scheme 2.0';

/** A calendar day `days` after today in the Netherlands (YYYY-MM-DD). */
function dayFromToday(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
  const day = new Date(`${today}T12:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** "1 maart 2027", as the page writes a day. */
const inDutch = (day: string) =>
  new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));

describe('admins keep the woningscan schemes as dated versions', () => {
  let world: AdminWorld;
  let admin: ApiPerson;
  let page: Page;

  beforeAll(async () => {
    world = await AdminWorld.start();
    admin = world.admin;
    page = await world.page({ width: 320, height: 800 });
  }, 120_000);

  afterAll(() => world?.stop());

  const region = (name: string) => page.getByRole('region', { name, exact: true });
  const field = (name: string) => page.getByRole('textbox', { name, exact: true });
  const summaryLinks = () => page.locator('.weerbaar-error-summary').getByRole('link').allTextContents();
  const save = () => page.getByRole('button', { name: 'Versie opslaan' }).click();

  it('lists the schemes by date: the 2024 scheme applies today, the two older ones have ended', async () => {
    await page.goto('/beheer/personen');
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Regelingen' }).click();
    await expectHeading(page, 'Regelingen woningscan en beveiliging');
    await region('Geldt vandaag').getByRole('heading', { name: CURRENT }).waitFor();
    expect(await region('Geldt vandaag').textContent()).toContain('vanaf 1 januari 2024, zonder einddatum');
    expect(await region('Geldt vandaag').getByRole('link', { name: 'zoek.officielebekendmakingen.nl' }).count()).toBe(
      1,
    );
    await region('Gepland').getByText('Er is geen nieuwe versie gepland.').waitFor();
    await expect.poll(() => region('Afgelopen').locator('.weerbaar-card').count()).toBe(2);
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, '/beheer/regelingen at 320 px');
  });

  it('shows the API’s refusals at the fields: an empty name, then a start that is not after today', async () => {
    // The form starts from the scheme that applies today; its texts and rules are there to change.
    expect(await field('Naam').first().inputValue()).toBe(CURRENT);
    await field('Code').fill('regeling_2030');
    await field('Ingangsdatum').fill(dayFromToday(0));
    await field('Naam').first().fill('');
    await save();
    await expect.poll(summaryLinks).toEqual(['Naam (Nederlands): Vul dit in.']);
    // The summary takes focus; by keyboard its link leads to the field, which says the same.
    await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toContain('error-summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('scheme-name-nl');
    expect(await field('Naam').first().getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(page, '/beheer/regelingen with a refused name');

    await field('Naam').first().fill(NEW_NAME);
    await save();
    await expect.poll(summaryLinks).toEqual(['Ingangsdatum: Kies een datum na vandaag. Wat al gold, verandert niet.']);
    const start = page.locator('#scheme-validFrom');
    expect(await start.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.utrecht-form-field', { has: start }).textContent()).toContain(
      'Kies een datum na vandaag.',
    );
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, '/beheer/regelingen with a refused start date');
    // Nothing was stored.
    await region('Gepland').getByText('Er is geen nieuwe versie gepland.').waitFor();
  });

  it('adds a successor dated in the future: it is scheduled, and the current one ends the day before', async () => {
    const starts = dayFromToday(60);
    const lastDay = dayFromToday(59);
    await field('Ingangsdatum').fill(starts);
    await field('Naam').nth(1).fill(NEW_NAME_EN);
    await field('Toelichting bij deze wijziging (niet verplicht)').fill('Nieuwe regeling aangekondigd');
    await save();
    await page
      .getByRole('status')
      .getByText(`De nieuwe versie is opgeslagen: ${NEW_NAME} geldt vanaf ${inDutch(starts)}.`)
      .waitFor();
    const scheduled = region('Gepland').locator('.weerbaar-card').filter({ hasText: NEW_NAME });
    await scheduled.getByText(`Gepland: geldt vanaf ${inDutch(starts)}`).waitFor();
    expect(await page.locator('.weerbaar-error-summary').count()).toBe(0);
    await region('Geldt vandaag')
      .getByText(`van 1 januari 2024 tot en met ${inDutch(lastDay)}`)
      .waitFor();
    await expectNoSidewaysScroll(page);
    await expectNoAxeViolations(page, '/beheer/regelingen with a scheduled version');

    // The public page of that day shows the new scheme only (the same data, no page text of its own).
    const onThatDay = await admin.request<{ schemes: { key: string }[] }>(
      'GET',
      `/api/woningscan/schemes?on=${starts}`,
    );
    expect(onThatDay.schemes.map((scheme) => scheme.key)).toEqual(['regeling_2030']);
  });

  it('is in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expectHeading(page, 'Home scan and security schemes');
    await region('Scheduled').getByRole('heading', { name: NEW_NAME_EN }).waitFor();
    await expectNoAxeViolations(page, '/beheer/regelingen in English');
  });
});
