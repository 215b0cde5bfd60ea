import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminWorld } from './helpers/admin-world.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import type { ApiPerson } from './helpers/case-server.ts';
import { expectHeading, expectNoSidewaysScroll } from './helpers/identity.ts';

/**
 * Beheer → Inhoud (issue #4), on a server of its own (fresh database, so the shipped texts are version 1):
 * the admin opens a part, changes its Dutch text, sees it in the preview, saves; the public page shows
 * the new text and the history says who did it; a text with a link to a part that does not exist is
 * refused with the reason; an earlier version is restored. axe on every page and state.
 */

const PART = 'sipa';
const PART_TITLE_START = 'SIPA';
const NEW_SENTENCE = 'Deze zin is net toegevoegd door het beheer.';

describe('admins edit the package texts', () => {
  let world: AdminWorld;
  let admin: ApiPerson;
  let page: Page;

  beforeAll(async () => {
    world = await AdminWorld.start();
    admin = world.admin;
    page = await world.page();
  }, 120_000);

  afterAll(() => world?.stop());

  const body = () => page.getByRole('textbox', { name: 'Tekst van de pagina' }).first();
  const preview = () => page.getByRole('region', { name: 'Voorbeeld' });
  const history = () => page.getByRole('region', { name: 'Geschiedenis' });

  it('lists the parts under Beheer → Inhoud, each at version 1 from the shipped texts', async () => {
    await page.goto('/beheer/personen');
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Inhoud' }).click();
    await expectHeading(page, 'Inhoud van het pakket');
    const cards = page.locator('.weerbaar-card');
    await expect.poll(() => cards.count()).toBe(7);
    expect(await cards.first().textContent()).toContain('Versie1');
    await expectNoAxeViolations(page, '/beheer/inhoud');
  });

  it('edits the Dutch text, sees it in the preview, saves, and the public page shows it', async () => {
    // The browser keeps the public page's text for a minute; after a save it must show the new one anyway.
    await page.goto(`/pakket/${PART}`);
    await page.getByRole('heading', { level: 2, name: 'Wat kunt u nu doen?' }).waitFor();
    await page.goto('/beheer/inhoud');
    await page.locator('.weerbaar-card').filter({ hasText: PART_TITLE_START }).getByRole('link').first().click();
    await page.waitForURL((url) => url.pathname === `/beheer/inhoud/${PART}`);
    await page.getByRole('heading', { level: 1, name: /bewerken$/ }).waitFor();
    await page.getByText('De tekst is in orde. U kunt opslaan.').waitFor();
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART}`);

    const original = await body().inputValue();
    await body().fill(`${NEW_SENTENCE}\n\n${original}`);
    await preview().getByText(NEW_SENTENCE).waitFor();
    await page.getByRole('textbox', { name: 'Wat hebt u veranderd? (niet verplicht)' }).fill('Eerste zin toegevoegd');
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} with a preview of the draft`);

    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.getByRole('status').getByText('Opgeslagen als versie 2.', { exact: false }).waitFor();
    const newest = history().locator('.weerbaar-card').first();
    await newest.getByRole('heading', { name: 'Versie 2 (nu op de website)' }).waitFor();
    expect(await newest.textContent()).toContain('Beheer Test');
    expect(await newest.textContent()).toContain('Eerste zin toegevoegd');
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} after saving`);

    await page.goto(`/pakket/${PART}`);
    await page.getByText(NEW_SENTENCE).waitFor();
  });

  it('refuses a text with a link to a part that does not exist, and says why', async () => {
    await page.goto(`/beheer/inhoud/${PART}`);
    await page.getByRole('heading', { level: 1, name: /bewerken$/ }).waitFor();
    const original = await body().inputValue();
    await body().fill(`Lees ook [dit deel](/pakket/bestaat-niet).\n\n${original}`);
    // The preview's check says it already; the server refuses all the same.
    await preview().getByText('/pakket/bestaat-niet', { exact: false }).first().waitFor();
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    const summary = page.locator('.weerbaar-error-summary');
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className ?? '')).toContain('error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Tekst van de pagina (Nederlands): de link „/pakket/bestaat-niet” gaat niet naar een pagina die bestaat. Gebruik een pagina van Weerbaar, een adres met https://, tel: of mailto:.',
    ]);
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} with a refused save`);
    // Nothing was written: still version 2.
    await history().getByRole('heading', { name: 'Versie 2 (nu op de website)' }).waitFor();
  });

  it('views an earlier version and restores it as a new version', async () => {
    await page.goto(`/beheer/inhoud/${PART}`);
    const first = history().locator('.weerbaar-card').filter({ hasText: 'Versie 1' });
    await first.getByRole('button', { name: 'Bekijken Versie 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Versie 1' });
    await dialog.waitFor();
    await dialog.locator('.weerbaar-prose').first().waitFor();
    expect(await dialog.textContent()).not.toContain(NEW_SENTENCE);
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} viewing version 1`);
    await dialog.getByRole('button', { name: 'Sluiten' }).click();

    await first.getByRole('button', { name: 'Deze versie terugzetten Versie 1' }).click();
    const confirm = page.getByRole('dialog', { name: 'Versie 1 terugzetten?' });
    await confirm.waitFor();
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} confirming a restore`);
    await confirm.getByRole('button', { name: 'Ja, terugzetten' }).click();
    await page.getByRole('status').getByText('Versie 1 is teruggezet als versie 3.').waitFor();
    expect(await body().inputValue()).not.toContain(NEW_SENTENCE);
    await history().getByText('Teruggezet: versie 1').waitFor();
  });

  it('says so when someone else saved first, and keeps the text in the form', async () => {
    await page.goto(`/beheer/inhoud/${PART}`);
    await page.getByRole('heading', { level: 1, name: /bewerken$/ }).waitFor();
    await history().getByRole('heading', { name: 'Versie 3 (nu op de website)' }).waitFor();
    // Someone else saves version 4 in the meantime.
    const { part } = await admin.request<{ part: { current: Record<string, unknown> } }>(
      'GET',
      `/api/admin/package/parts/${PART}`,
    );
    const { title, summary, body: texts } = part.current;
    await admin.request('POST', `/api/admin/package/parts/${PART}/revisions`, {
      baseRevision: 3,
      title,
      summary,
      body: texts,
      note: 'Tegelijk',
    });
    await body().fill(`Mijn eigen wijziging.\n\n${await body().inputValue()}`);
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.getByRole('heading', { name: 'Iemand anders heeft dit deel net opgeslagen' }).waitFor();
    expect(await body().inputValue()).toContain('Mijn eigen wijziging.');
    await expectNoAxeViolations(page, `/beheer/inhoud/${PART} with a conflict`);
    await page.getByRole('button', { name: 'Nieuwe versie laden' }).click();
    await history().getByRole('heading', { name: 'Versie 4 (nu op de website)' }).waitFor();
  });

  it('fits the list and the edit page at 320 px without sideways scrolling', async () => {
    const narrow = await world.page({ width: 320, height: 640 });
    await narrow.goto('/beheer/inhoud');
    await narrow.locator('.weerbaar-card').first().waitFor();
    await expectNoSidewaysScroll(narrow);
    await narrow.goto(`/beheer/inhoud/${PART}`);
    await narrow.getByText('De tekst is in orde. U kunt opslaan.').waitFor();
    await expectNoSidewaysScroll(narrow);
  });
});
