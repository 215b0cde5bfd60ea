import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssociationRoutingResponse } from '../../src/shared/association-routing.ts';
import { AdminWorld } from './helpers/admin-world.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import type { ApiPerson } from './helpers/case-server.ts';
import { expectHeading, expectNoSidewaysScroll } from './helpers/identity.ts';
import { tabUntil } from './helpers/keyboard.ts';

/**
 * Beheer → Routering hulpvragen (issue #12), on a server of its own: the admin finds the page in the
 * admin menu, changes where Statenleden go by keyboard and saves; the choice stays after a reload; a
 * value that is no association (a tampered form) is refused by the server and shown at its field; the
 * page fits 320 px. axe on every state.
 */

const PATH = '/beheer/routering-hulpvragen';

describe('admins set which association receives a support request', () => {
  let world: AdminWorld;
  let admin: ApiPerson;
  let page: Page;

  beforeAll(async () => {
    world = await AdminWorld.start();
    admin = world.admin;
    page = await world.page();
  }, 120_000);

  afterAll(() => world?.stop());

  const statenlid = () => page.getByRole('combobox', { name: 'Statenlid' });

  it('opens from the admin menu, with the shipped routing and why it is a setting', async () => {
    await page.goto('/beheer/personen');
    await page.getByRole('navigation', { name: 'Beheer' }).getByRole('link', { name: 'Routering hulpvragen' }).click();
    await page.waitForURL((url) => url.pathname === PATH);
    await expectHeading(page, 'Routering van hulpvragen');
    await expect.poll(() => statenlid().inputValue()).toBe('ipo');
    expect(await page.getByRole('combobox', { name: 'Burgemeester' }).inputValue()).toBe('ngb');
    await page.getByText('Het IPO vertegenwoordigt de provincies als werkgever.', { exact: false }).waitFor();
    await page.getByText('Een wijziging geldt alleen voor nieuwe hulpvragen.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, PATH);
  });

  it('changes where Statenleden go by keyboard, saves, and keeps it after a reload', async () => {
    await statenlid().focus();
    // On a closed select, typing the first letters picks the option ("ministerie van BZK").
    await page.keyboard.type('min');
    await expect.poll(() => statenlid().inputValue()).toBe('bzk');
    await tabUntil(page, (element) => element.tag === 'button' && element.name === 'Opslaan');
    await page.keyboard.press('Enter');
    await page.getByRole('status').getByText('Opgeslagen.', { exact: false }).waitFor();
    await expectNoAxeViolations(page, `${PATH} after saving`);
    const stored = await admin.request<AssociationRoutingResponse>('GET', '/api/admin/support/association-routing');
    expect(stored.routing.statenlid).toBe('bzk');
    expect(stored.routing.gedeputeerde).toBe('ipo');

    await page.reload();
    await expectHeading(page, 'Routering van hulpvragen');
    await expect.poll(() => statenlid().inputValue()).toBe('bzk');
  });

  it('shows the server refusing a value that is no association at the field', async () => {
    // A tampered form: an option the page does not offer.
    await statenlid().evaluate((select) => {
      const option = document.createElement('option');
      option.value = 'statenlidnu';
      option.textContent = 'StatenlidNU';
      select.append(option);
    });
    await statenlid().selectOption('statenlidnu');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const error = page.locator('#routing-statenlid-error');
    await error.getByText('Kies een vereniging uit de lijst.').waitFor();
    expect(await statenlid().getAttribute('aria-invalid')).toBe('true');
    expect(await statenlid().getAttribute('aria-describedby')).toContain('routing-statenlid-error');
    // The error summary lists it and links to the field.
    await page.getByRole('link', { name: 'Kies een vereniging uit de lijst.' }).waitFor();
    await expectNoAxeViolations(page, `${PATH} with a field error`);
    const stored = await admin.request<AssociationRoutingResponse>('GET', '/api/admin/support/association-routing');
    expect(stored.routing.statenlid).toBe('bzk');
  });

  it('fits a 320 px wide screen', async () => {
    const small = await world.page({ width: 320, height: 800 });
    await small.goto(PATH);
    await expectHeading(small, 'Routering van hulpvragen');
    await small.getByRole('combobox', { name: 'Waterschapsbestuurder' }).waitFor();
    await expectNoSidewaysScroll(small);
    await expectNoAxeViolations(small, `${PATH} at 320 px`);
    if (process.env.E2E_SCREENSHOT_DIR) {
      await small.screenshot({ path: `${process.env.E2E_SCREENSHOT_DIR}/association-routing-320.png`, fullPage: true });
    }
  });
});
