import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestActor } from '../../../../test/helpers/actors.ts';
import { freshIp } from '../../../../test/helpers/auth-kit.ts';
import { codeOn, HandoverBench, tokenOf } from '../../../../test/helpers/handover-fixtures.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import type { AdminInvitation } from '../../../shared/admin.ts';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { HandoverSummary } from '../../../shared/handover.ts';
import { findUsableInvitation } from '../people/invitations.ts';

/**
 * One handover has one way in at a time (issue 12): the link sent by e-mail, or the QR code and short code
 * of the printed package. Printing never silently ends a mailed link, and every place says which is open.
 */
describe('the one way in of a handover', () => {
  const bench = new HandoverBench();
  const { request, register, print, detail } = bench;
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    await bench.start();
    t = bench.t;
    admin = bench.admin;
  });
  afterAll(bench.stop);

  const mailedToken = () =>
    tokenOf(/https?:\/\/\S+\/activeren#token=[A-Za-z0-9_-]+/.exec(t.sentMail.at(-1)?.text ?? '')?.[0] ?? '');
  const inspect = (token: string) => request(null, 'POST', '/api/activation/inspect', { token }, { ip: freshIp() });
  const exchange = (code: string) =>
    request(null, 'POST', '/api/activation/code', { activationCode: code }, { ip: freshIp() });

  it('keeps the e-mailed link working when the package is printed; the cover says it was e-mailed', async () => {
    const handover = await register({ sendInvitationMail: true, name: 'Mira Mail' });
    const token = mailedToken();
    expect(handover.wayIn).toMatchObject({ kind: 'mail' });

    const { response, pdf } = await print(handover.id);
    expect(response.headers['x-activation-link-issued']).toBe('false');
    expect((await inspect(token)).statusCode).toBe(200);
    expect(pdf.links.filter((link) => link.includes('/activeren'))).toEqual([]);
    const cover = flattenText(pdf.pages.join('\n'));
    expect(cover).toContain('naar uw e-mailadres gestuurd');
    expect(cover).toContain(SUPPORT_TEAM_PHONE.display);
    expect(cover).not.toMatch(/\b[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\b/);

    // Every place shows the same one way in: the handover, the list and the admin's invitations.
    const after = await detail(handover.id);
    expect(after.wayIn).toMatchObject({ kind: 'mail', since: handover.invitation?.createdAt });
    expect(after.activationCodeExpiresAt).toBeNull();
    expect(after.invitation).toMatchObject({ id: handover.invitation?.id, state: 'pending', delivery: 'mail' });
    const listed = (await request(admin, 'GET', '/api/admin/handovers?q=Mira')).json().handovers as HandoverSummary[];
    expect(listed.map((row) => row.wayIn?.kind)).toEqual(['mail']);
    const pending = (await request(admin, 'GET', '/api/admin/invitations?pageSize=100')).json()
      .invitations as AdminInvitation[];
    expect(pending.filter((row) => row.person.id === handover.personId).map((row) => row.id)).toEqual([
      handover.invitation?.id,
    ]);
  });

  it('replaces the e-mailed link only when asked: then the print is the one way in', async () => {
    const handover = await register({ sendInvitationMail: true, name: 'Rik Vervang' });
    const token = mailedToken();
    const response = await request(admin, 'POST', `/api/admin/handovers/${handover.id}/package.pdf`, {
      lang: 'nl',
      replaceMailedLink: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-activation-link-issued']).toBe('true');
    const pdf = extractPdfText(response.rawPayload);
    const code = codeOn(pdf.pages[0] ?? '');
    expect(await findUsableInvitation(t.app.db, token)).toBeNull();
    expect((await inspect(token)).statusCode).toBe(404);

    const after = await detail(handover.id);
    expect(after.wayIn).toMatchObject({ kind: 'package' });
    expect(after.invitation).toMatchObject({ state: 'pending', delivery: 'package' });
    expect(after.activationCodeExpiresAt).not.toBeNull();
    expect(after.history.at(-1)).toMatchObject({
      kind: 'package_printed',
      details: { linkIssued: true, mailedLinkReplaced: true },
    });
    expect((await exchange(code)).statusCode).toBe(200);
    expect((await detail(handover.id)).wayIn).toMatchObject({ kind: 'package' });
  });

  it('a link e-mailed after the print ends the printed code: still one way in', async () => {
    const handover = await register({ name: 'Pim Papier' });
    expect(handover.wayIn).toEqual({ kind: 'none', since: null, until: null });
    const code = codeOn((await print(handover.id)).pdf.pages[0] ?? '');
    expect((await detail(handover.id)).wayIn).toMatchObject({ kind: 'package' });

    const resent = await request(admin, 'POST', `/api/admin/people/${handover.personId}/resend-invitation`, {});
    expect(resent.statusCode, resent.body).toBe(200);
    const after = await detail(handover.id);
    expect(after.wayIn).toMatchObject({ kind: 'mail' });
    expect(after.activationCodeExpiresAt).toBeNull();
    const refused = await exchange(code);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('activation_code_invalid');
    expect((await inspect(mailedToken())).statusCode).toBe(200);
  });

  it('refuses an unknown print option', async () => {
    const handover = await register();
    const response = await request(admin, 'POST', `/api/admin/handovers/${handover.id}/package.pdf`, {
      replaceMailedLink: 'yes',
    });
    expect(response.statusCode).toBe(400);
    expect((await detail(handover.id)).printCount).toBe(0);
  });
});
