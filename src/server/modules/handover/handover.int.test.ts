import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestActor } from '../../../../test/helpers/actors.ts';
import { freshIp } from '../../../../test/helpers/auth-kit.ts';
import { activateToken, codeOn, HandoverBench, tokenOf } from '../../../../test/helpers/handover-fixtures.ts';
import { flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import { EMERGENCY_NUMBER, SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import type { HandoverDetail } from '../../../shared/handover.ts';
import { auditLog } from '../audit/db.ts';
import { listPackageParts } from '../package/repository.ts';
import { people } from '../people/db.ts';
import { findUsableInvitation, latestInvitation } from '../people/invitations.ts';
import { findPersonByEmail } from '../people/repository.ts';
import { handoverEvents } from './db.ts';

/**
 * Registering a new office holder and the printable package with its activation QR code and short code,
 * through the routes (app.inject), on PGlite (npm test) and PostgreSQL (npm run test:pg). Tracking, the
 * office holder's own download and who may do what: handover-tracking.int.test.ts.
 */
describe('handover of the package', () => {
  const bench = new HandoverBench();
  const { request, appointment, register, print, detail } = bench;
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    await bench.start();
    t = bench.t;
    admin = bench.admin;
  });
  afterAll(bench.stop);

  describe('registering', () => {
    it('makes an invited officeholder, a pending invitation (not mailed) and a handover record, all audited', async () => {
      const mails = t.sentMail.length;
      const handover = await register({ name: '  Olga de Vries ', email: ' Olga.de.Vries@Zwolle.example ' });
      expect(handover).toMatchObject({
        name: 'Olga de Vries',
        email: 'olga.de.vries@zwolle.example',
        office: 'wethouder',
        regionKind: 'gemeente',
        region: 'Zwolle',
        installationDate: '2025-03-12',
        stage: 'registered',
        open: true,
        personStatus: 'invited',
        invitation: { state: 'pending' },
        printCount: 0,
        handedOver: null,
        printedEdition: null,
      });
      expect(handover.history.map((event) => event.kind)).toEqual(['registered']);
      expect(t.sentMail.length).toBe(mails);

      const person = await findPersonByEmail(t.app.db, 'olga.de.vries@zwolle.example');
      expect(person).toMatchObject({
        status: 'invited',
        roles: ['officeholder'],
        office: 'wethouder',
        region: 'Zwolle',
      });
      const audit = await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, handover.personId));
      expect(audit.map((entry) => entry.action)).toEqual([
        'person.invited',
        'invitation.issued',
        'handover.registered',
        'handover.viewed',
      ]);
      expect(audit.every((entry) => entry.actorPersonId === admin.personId)).toBe(true);
      // No names in the audit trail.
      expect(JSON.stringify(audit)).not.toContain('Olga');
    });

    it('mails the activation link when asked', async () => {
      const mails = t.sentMail.length;
      const handover = await register({ sendInvitationMail: true });
      expect(t.sentMail.length).toBe(mails + 1);
      const mail = t.sentMail.at(-1);
      expect(mail?.to).toBe(handover.email);
      expect(mail?.text).toMatch(/\/activeren#token=/);
    });

    it('checks the region against the reference list for the office', async () => {
      expect((await register({ region: 'den haag' })).region).toBe("'s-Gravenhage");
      expect((await register({ region: 'Hengelo' })).region).toBe('Hengelo (O.)');
      expect(await register({ office: 'statenlid', region: 'Friesland' })).toMatchObject({
        regionKind: 'provincie',
        region: 'Fryslân',
      });
      expect(await register({ office: 'waterschapsbestuurder', region: 'rivierenland' })).toMatchObject({
        regionKind: 'waterschap',
        region: 'Waterschap Rivierenland',
      });
      for (const [office, region, code] of [
        ['wethouder', 'Bergen', 'region_ambiguous'],
        ['wethouder', 'Atlantis', 'region_unknown'],
        ['burgemeester', 'Utrecht (provincie)', 'region_unknown'],
        ['gedeputeerde', 'Zwolle', 'region_unknown'],
      ] as const) {
        const response = await request(admin, 'POST', '/api/admin/handovers', appointment({ office, region }));
        expect(response.statusCode, `${office} ${region}`).toBe(400);
        expect(response.json()).toMatchObject({ code, errors: [{ field: 'body/region', code }] });
      }
    });

    it('refuses bad input, unknown fields and a taken address, and writes nothing', async () => {
      const before = (await t.app.db.select({ id: people.id }).from(people)).length;
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'not-an-address' }, 'body/email'],
        [{ installationDate: '2025-02-30' }, 'body/installationDate'],
        [{ installationDate: '12-03-2025' }, 'body/installationDate'],
        [{ installationDate: '1999-12-31' }, 'body/installationDate'],
        [{ name: '=HYPERLINK("https://evil.example","klik")' }, 'body/name'],
        [{ name: '' }, 'body/name'],
        [{ name: 'x'.repeat(101) }, 'body/name'],
        [{ office: 'koning' }, 'body/office'],
        [{ roles: ['admin'] }, 'body'],
        [{ sendInvitationMail: 'yes' }, 'body/sendInvitationMail'],
      ];
      for (const [overrides, field] of cases) {
        const response = await request(admin, 'POST', '/api/admin/handovers', appointment(overrides));
        expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(response.json().errors.map((error: { field: string }) => error.field)).toContain(field);
      }
      const taken = await request(admin, 'POST', '/api/admin/handovers', appointment({ email: admin.email }));
      expect(taken.statusCode).toBe(409);
      expect(taken.json().code).toBe('email_taken');
      expect((await t.app.db.select({ id: people.id }).from(people)).length).toBe(before);
    });
  });

  describe('the printable package', () => {
    let handover: HandoverDetail;
    let firstLink = '';
    let firstCode = '';

    beforeAll(async () => {
      handover = await register({ name: 'Wim Wethouder', region: 'Zwolle', installationDate: '2025-03-12' });
    });

    it('is a PDF with the cover, a table of contents, every part and the emergency numbers', async () => {
      const { response, pdf } = await print(handover.id);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="Veiligheidspakket Wim Wethouder.pdf"/,
      );
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['x-activation-link-issued']).toBe('true');
      expect(response.rawPayload.length).toBeGreaterThan(20_000);

      // Metadata: title, language, embedded fonts (real text, not outlines).
      expect(pdf.info.Title).toBe('Veiligheidspakket: Wim Wethouder');
      expect(pdf.lang).toBe('nl-NL');
      expect(pdf.fontsEmbedded).toBe(true);

      const cover = flattenText(pdf.pages[0] ?? '');
      expect(cover).toContain('Persoonlijk exemplaar voor Wim Wethouder');
      expect(cover).toContain('Wethouder, gemeente Zwolle');
      expect(cover).toContain('Installatie: 12 maart 2025');
      expect(cover).toContain(`Acuut gevaar? Bel ${EMERGENCY_NUMBER}.`);
      expect(cover).toContain(`Ondersteuningsteam Weerbaar Bestuur, dag en nacht: ${SUPPORT_TEAM_PHONE.display}.`);
      expect(cover).toContain('Uw account activeren');
      expect(cover).toContain('localhost:3000/activeren/code');

      // Contents page and every part, in order, as bookmarks and as pages.
      const parts = await listPackageParts(t.app.db);
      expect(parts.length).toBeGreaterThanOrEqual(7);
      const titles = parts.map((part) => part.title.nl);
      const contents = flattenText(pdf.pages[1] ?? '');
      expect(contents).toMatch(/^Inhoud/);
      for (const title of titles) expect(contents).toContain(title);
      expect(pdf.outline).toEqual([...titles, 'Hulp en noodnummers']);
      const all = flattenText(pdf.text);
      for (const part of parts) expect(all).toContain(part.summary.nl);
      const help = flattenText(pdf.pages.at(-1) ?? '');
      expect(help).toContain('Hulp en noodnummers');
      expect(help).toContain(EMERGENCY_NUMBER);
      expect(help).toContain(SUPPORT_TEAM_PHONE.display);
      // The footer of every page carries the numbers too.
      for (const page of pdf.pages) expect(flattenText(page)).toContain(`Acuut gevaar: ${EMERGENCY_NUMBER}`);

      // The QR code links to a fresh, usable activation link; the cover carries a short code.
      firstLink = pdf.links[0] ?? '';
      expect(firstLink).toMatch(/^http:\/\/localhost:3000\/activeren#token=/);
      const invitation = await findUsableInvitation(t.app.db, tokenOf(firstLink));
      expect(invitation?.person.id).toBe(handover.personId);
      firstCode = codeOn(cover);
    });

    it('records the print: prepared, the package version, the history and the audit trail', async () => {
      const after = await detail(handover.id);
      expect(after).toMatchObject({ stage: 'prepared', printCount: 1, printedEdition: { version: 1 } });
      expect(after.activationCodeExpiresAt).not.toBeNull();
      const printed = after.history.filter((event) => event.kind === 'package_printed');
      expect(printed).toEqual([
        expect.objectContaining({ actorName: 'Anna Beheer', details: { lang: 'nl', version: 1, linkIssued: true } }),
      ]);
      const actions = (
        await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, handover.personId))
      ).map((entry) => entry.action);
      expect(actions).toContain('handover.package_printed');
      // The token and code appear nowhere in the database.
      const rows = JSON.stringify(await t.app.db.select().from(handoverEvents));
      expect(rows).not.toContain(tokenOf(firstLink));
      expect(rows).not.toContain(firstCode.replace('-', ''));
    });

    it('issues a new link and code on every print while unused: the previous ones stop working', async () => {
      const { pdf } = await print(handover.id);
      const secondLink = pdf.links[0] ?? '';
      const secondCode = codeOn(pdf.pages[0] ?? '');
      expect(secondLink).not.toBe(firstLink);
      expect(secondCode).not.toBe(firstCode);
      expect(await findUsableInvitation(t.app.db, tokenOf(firstLink))).toBeNull();
      expect(await findUsableInvitation(t.app.db, tokenOf(secondLink))).not.toBeNull();

      const old = await request(null, 'POST', '/api/activation/code', { activationCode: firstCode }, { ip: freshIp() });
      expect(old.statusCode).toBe(400);
      expect(old.json().code).toBe('activation_code_invalid');
      firstLink = secondLink;
      firstCode = secondCode;
      expect((await detail(handover.id)).printCount).toBe(2);
    });

    it('prints in English on request', async () => {
      const { pdf } = await print(handover.id, 'en');
      expect(pdf.lang).toBe('en-GB');
      expect(pdf.info.Title).toBe('Safety package: Wim Wethouder');
      const cover = flattenText(pdf.pages[0] ?? '');
      expect(cover).toContain('Alderman, municipality of Zwolle');
      expect(cover).toContain('Installation: 12 March 2025');
      expect(cover).toContain('Acute danger? Call 112.');
      const parts = await listPackageParts(t.app.db);
      expect(pdf.outline).toEqual([...parts.map((part) => part.title.en), 'Help and emergency numbers']);
      firstLink = pdf.links[0] ?? '';
      firstCode = codeOn(pdf.pages[0] ?? '');
    });

    it('exchanges the short code for a fresh activation link, in any spelling; a wrong code learns nothing', async () => {
      const typed = ` ${firstCode.toLowerCase().replace('-', ' ')} `;
      const response = await request(
        null,
        'POST',
        '/api/activation/code',
        { activationCode: typed },
        { ip: freshIp() },
      );
      expect(response.statusCode, response.body).toBe(200);
      const { token } = response.json();
      expect(await findUsableInvitation(t.app.db, token)).not.toBeNull();
      // The exchange replaced the QR link; the same code still works for a second try.
      expect(await findUsableInvitation(t.app.db, tokenOf(firstLink))).toBeNull();
      const again = await request(
        null,
        'POST',
        '/api/activation/code',
        { activationCode: firstCode },
        { ip: freshIp() },
      );
      expect(again.statusCode).toBe(200);
      expect((await detail(handover.id)).history.filter((event) => event.kind === 'code_exchanged')).toHaveLength(2);

      for (const wrong of ['AAAAA-AAAAA', 'not a code', '0000000000', `${firstCode}X`]) {
        const guess = await request(null, 'POST', '/api/activation/code', { activationCode: wrong }, { ip: freshIp() });
        expect(guess.statusCode, wrong).toBe(400);
        expect(guess.json().code).toBe('activation_code_invalid');
      }
      const unknownField = await request(null, 'POST', '/api/activation/code', {
        activationCode: firstCode,
        personId: 'x',
      });
      expect(unknownField.statusCode).toBe(400);
    });

    it('throttles guessing per IP address: from the 5th wrong code on, attempts wait', async () => {
      const ip = freshIp();
      const answers: number[] = [];
      for (let attempt = 0; attempt < 7; attempt++) {
        answers.push(
          (await request(null, 'POST', '/api/activation/code', { activationCode: 'BBBBB-BBBBB' }, { ip })).statusCode,
        );
      }
      expect(answers.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(answers.slice(5)).toContain(429);
      const blocked = await request(null, 'POST', '/api/activation/code', { activationCode: firstCode }, { ip });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      // Another address is not affected.
      expect(
        (await request(null, 'POST', '/api/activation/code', { activationCode: firstCode }, { ip: freshIp() }))
          .statusCode,
      ).toBe(200);
    });

    it('after activation: no link in a new print, the stage is activated, the code is dead', async () => {
      const exchanged = await request(
        null,
        'POST',
        '/api/activation/code',
        { activationCode: firstCode },
        { ip: freshIp() },
      );
      const headers = await activateToken(t, exchanged.json().token, 'Wim de Wethouder');
      expect(headers.cookie).toBeTruthy();
      const after = await detail(handover.id);
      expect(after).toMatchObject({ stage: 'activated', personStatus: 'active', name: 'Wim de Wethouder', open: true });
      expect(after.activationCodeExpiresAt).toBeNull();
      const dead = await request(
        null,
        'POST',
        '/api/activation/code',
        { activationCode: firstCode },
        { ip: freshIp() },
      );
      expect(dead.statusCode).toBe(400);

      const invitationBefore = await latestInvitation(t.app.db, handover.personId);
      const { response, pdf } = await print(handover.id);
      expect(response.headers['x-activation-link-issued']).toBe('false');
      expect(pdf.links.filter((link) => link.includes('/activeren'))).toEqual([]);
      const cover = flattenText(pdf.pages[0] ?? '');
      expect(cover).toContain('Persoonlijk exemplaar voor Wim de Wethouder');
      expect(cover).toContain('U heeft uw account al geactiveerd');
      expect(cover).not.toContain('/activeren/code');
      expect((await latestInvitation(t.app.db, handover.personId))?.id).toBe(invitationBefore?.id);
    });
  });
});
