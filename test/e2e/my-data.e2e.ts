import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredZip } from '../../src/server/lib/zip.ts';
import { SHIPPED_QUESTIONNAIRE as Q } from '../../src/shared/zelfscan/shipped.ts';
import { uniformAnswers } from '../helpers/zelfscan-answers.ts';
import { expectNoAxeViolations } from './helpers/axe.ts';
import { launchBrowser } from './helpers/browser.ts';
import { type ApiPerson, CaseServer, firstAdmin, inviteAndActivate, personContext } from './helpers/case-server.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Mijn gegevens at 320 px: an office holder downloads everything (the ZIP verifies against its
 * SHA256SUMS and holds their saved zelfscan), then deletes their account with the typed word, lands on
 * the sign-in page with a calm notice, and their old session no longer works.
 */
describe('Mijn gegevens: download everything, then delete the account (320 px)', () => {
  let server: CaseServer;
  let browser: Browser;
  let person: ApiPerson;
  let context: BrowserContext;
  let page: Page;
  let resultId = '';

  beforeAll(async () => {
    server = await CaseServer.start();
    browser = await launchBrowser();
    const admin = await firstAdmin(server);
    person = await inviteAndActivate(admin, {
      displayName: 'Gerda Gegevens',
      email: 'gerda@example.org',
      roles: ['officeholder'],
      office: 'wethouder',
      region: 'Utrecht',
    });
    const saved = await person.request<{ result: { id: string } }>('POST', '/api/me/zelfscan/results', {
      questionnaireVersion: Q.version,
      answers: uniformAnswers(Q, 'first').answers,
    });
    resultId = saved.result.id;
    context = await personContext(browser, person, { width: 320, height: 800 });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('shows the page at 320 px without axe violations, reachable from the account menu', async () => {
    await page.goto('/account');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Mijn gegevens', exact: true }).click();
    await page.waitForURL('**/account/mijn-gegevens');
    await page.getByRole('heading', { level: 1, name: 'Mijn gegevens' }).waitFor();
    await page.getByRole('table', { name: 'Bewaartermijnen per soort gegevens' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(page, 'Mijn gegevens at 320 px');
  });

  it('downloads a ZIP that verifies against its SHA256SUMS and holds my data', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download mijn gegevens' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^weerbaar-mijn-gegevens-\d{4}-\d{2}-\d{2}\.zip$/);
    const zip = readStoredZip(await readFile((await download.path()) ?? ''));
    const sums = (zip.get('SHA256SUMS') as Buffer).toString('utf8').trim().split('\n');
    for (const line of sums) {
      const [hash, name] = line.split(/ {2}(.+)/) as [string, string];
      expect(sha256(zip.get(name) as Buffer), name).toBe(hash);
    }
    const data = JSON.parse((zip.get('gegevens.json') as Buffer).toString('utf8'));
    expect(data.sections.account[0].displayName).toBe('Gerda Gegevens');
    expect(JSON.stringify(data.sections.zelfscan_results)).toContain(resultId);
    await page.getByText('Uw gegevens zijn gedownload', { exact: false }).waitFor();
  });

  it('deletes the account by keyboard after the typed word, and the old session is gone', async () => {
    const open = page.getByRole('button', { name: 'Mijn account verwijderen' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Account en gegevens verwijderen?' });
    await dialog.waitFor();
    const word = dialog.getByLabel('Typ VERWIJDEREN');
    await word.fill('ja');
    await dialog.getByRole('button', { name: 'Definitief verwijderen' }).click();
    await dialog.getByText('Typ precies VERWIJDEREN.').waitFor();
    await expectNoAxeViolations(page, 'the deletion dialog with an error');
    await word.fill('verwijderen');
    await word.press('Enter');
    await page.waitForURL('**/inloggen');
    await page.getByText('Uw account en uw gegevens zijn verwijderd.', { exact: false }).waitFor();
    await expect(person.request('GET', '/api/me/sessions')).rejects.toThrow(/401/);
  });
});
