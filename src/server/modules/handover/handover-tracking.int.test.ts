import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestActor } from '../../../../test/helpers/actors.ts';
import { freshIp } from '../../../../test/helpers/auth-kit.ts';
import { activateToken, codeOn, HandoverBench } from '../../../../test/helpers/handover-fixtures.ts';
import { extractPdfText, flattenText } from '../../../../test/helpers/pdf-text.ts';
import type { TestApp } from '../../../../test/helpers/test-app.ts';
import type { HandoverSummary, MyPackageResponse } from '../../../shared/handover.ts';
import { ROLES } from '../../../shared/roles.ts';
import { auditLog } from '../audit/db.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { handovers } from './db.ts';

/**
 * Tracking the handover, the office holder's own package and who may do what, through the routes
 * (app.inject), on PGlite and PostgreSQL. Registering and printing: handover.int.test.ts.
 */
describe('handover of the package, after printing', () => {
  const bench = new HandoverBench();
  const { actors, request, register, print, detail } = bench;
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    await bench.start();
    t = bench.t;
    admin = bench.admin;
  });
  afterAll(bench.stop);

  describe('tracking the handover', () => {
    it('records when, by whom and how; corrects; takes back; every change in the history and audited', async () => {
      const handover = await register();
      const url = `/api/admin/handovers/${handover.id}/handed-over`;
      const first = await request(admin, 'POST', url, {
        date: '2025-03-12',
        by: 'Kabinet van de CdK',
        method: 'in_person',
      });
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().handover).toMatchObject({
        stage: 'handed_over',
        handedOver: { on: '2025-03-12', by: 'Kabinet van de CdK', method: 'in_person' },
      });
      const corrected = await request(admin, 'POST', url, { date: '2025-03-14', by: 'Anna Beheer', method: 'post' });
      expect(corrected.json().handover.handedOver).toEqual({ on: '2025-03-14', by: 'Anna Beheer', method: 'post' });

      for (const body of [
        { date: '2999-01-01', by: 'x', method: 'post' },
        { date: '2025-03-12', by: '', method: 'post' },
        { date: '2025-03-12', by: 'x', method: 'pigeon' },
        { date: '2025-03-12', by: 'x', method: 'post', recordedBy: admin.personId },
      ]) {
        expect((await request(admin, 'POST', url, body)).statusCode, JSON.stringify(body)).toBe(400);
      }

      const undone = await request(admin, 'DELETE', url);
      expect(undone.statusCode).toBe(200);
      expect(undone.json().handover).toMatchObject({ stage: 'registered', handedOver: null });
      expect((await request(admin, 'DELETE', url)).json().code).toBe('not_handed_over');

      const history = (await detail(handover.id)).history.map((event) => event.kind);
      expect(history).toEqual(['registered', 'handed_over', 'handed_over', 'handover_undone']);
      const actions = (
        await t.app.db.select().from(auditLog).where(eq(auditLog.subjectPersonId, handover.personId))
      ).map((entry) => entry.action);
      expect(actions.filter((action) => action.startsWith('handover.') && action !== 'handover.viewed')).toEqual([
        'handover.registered',
        'handover.handed_over',
        'handover.handed_over',
        'handover.handover_undone',
      ]);
    });

    it('lists who has not yet received or activated their package, oldest installation first', async () => {
      const late = await register({ installationDate: '2024-01-15', name: 'Lijst Eerste' });
      const early = await register({ installationDate: '2024-01-10', name: 'Lijst Nul' });
      const done = await register({ installationDate: '2024-01-12', name: 'Lijst Klaar' });
      await request(admin, 'POST', `/api/admin/handovers/${done.id}/handed-over`, {
        date: '2024-01-12',
        by: 'Kabinet',
        method: 'in_person',
      });
      const { token } = (
        await request(
          null,
          'POST',
          '/api/activation/code',
          { activationCode: codeOn((await print(done.id)).pdf.pages[0] ?? '') },
          { ip: freshIp() },
        )
      ).json();
      await activateToken(t, token, 'Lijst Klaar');

      const open = (await request(admin, 'GET', '/api/admin/handovers?q=Lijst')).json();
      expect(open.handovers.map((row: HandoverSummary) => row.name)).toEqual(['Lijst Nul', 'Lijst Eerste']);
      const all = (await request(admin, 'GET', '/api/admin/handovers?view=all&q=Lijst')).json();
      expect(all.handovers.map((row: HandoverSummary) => [row.name, row.stage, row.open])).toEqual([
        ['Lijst Nul', 'registered', true],
        ['Lijst Klaar', 'activated', false],
        ['Lijst Eerste', 'registered', true],
      ]);
      const whole = (await request(admin, 'GET', '/api/admin/handovers?pageSize=100')).json();
      const dates = whole.handovers.map((row: HandoverSummary) => row.installationDate);
      expect(dates).toEqual([...dates].sort());
      expect(whole.handovers.every((row: HandoverSummary) => row.open)).toBe(true);
      expect((await request(admin, 'GET', '/api/admin/handovers?view=nope')).statusCode).toBe(400);
      expect([late.id, early.id]).toHaveLength(2);
    });
  });

  describe('the office holder’s own package', () => {
    let mine: Record<string, string>;
    let handoverId = '';

    beforeAll(async () => {
      const handover = await register({ name: 'Mila Eigen', office: 'burgemeester', region: 'Deventer' });
      handoverId = handover.id;
      const code = codeOn((await print(handover.id)).pdf.pages[0] ?? '');
      const { token } = (
        await request(null, 'POST', '/api/activation/code', { activationCode: code }, { ip: freshIp() })
      ).json();
      mine = await activateToken(t, token, 'Mila Eigen');
    });

    it('shows my appointment and the versions I can download', async () => {
      const response = await t.app.inject({ method: 'GET', url: '/api/me/package', headers: mine });
      expect(response.statusCode).toBe(200);
      const body: MyPackageResponse = response.json();
      expect(body.handover).toMatchObject({
        office: 'burgemeester',
        region: 'Deventer',
        installationDate: '2025-03-12',
      });
      expect(body.editions).toEqual([expect.objectContaining({ version: 1, current: true, received: true })]);
    });

    it('downloads my package in the version I received, without any activation link', async () => {
      const { editions } = (await t.app.inject({ method: 'GET', url: '/api/me/package', headers: mine })).json();
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/me/package/editions/${editions[0].id}/pdf?lang=nl`,
        headers: mine,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      const pdf = extractPdfText(response.rawPayload);
      const cover = flattenText(pdf.pages[0] ?? '');
      expect(cover).toContain('Persoonlijk exemplaar voor Mila Eigen');
      expect(cover).toContain('Burgemeester, gemeente Deventer');
      expect(cover).not.toContain('activeren');
      expect(pdf.links.filter((link) => link.includes('/activeren'))).toEqual([]);
      // Downloading is not a print: the admin's record is unchanged.
      expect((await detail(handoverId)).printCount).toBe(1);
    });

    it('gives another office holder their own cover, never mine; an unknown version is a 404', async () => {
      const other = actors.get('officeholder') as TestActor;
      const { editions } = (
        await t.app.inject({ method: 'GET', url: '/api/me/package', headers: other.headers })
      ).json();
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/me/package', headers: other.headers })).json().handover,
      ).toBeNull();
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/me/package/editions/${editions[0].id}/pdf`,
        headers: other.headers,
      });
      expect(response.statusCode).toBe(200);
      const cover = flattenText(extractPdfText(response.rawPayload).pages[0] ?? '');
      expect(cover).toContain('Persoonlijk exemplaar voor Test officeholder');
      expect(cover).not.toContain('Mila');
      const unknown = await t.app.inject({
        method: 'GET',
        url: '/api/me/package/editions/00000000-0000-4000-8000-000000000000/pdf',
        headers: mine,
      });
      expect(unknown.statusCode).toBe(404);
      const badLang = await t.app.inject({
        method: 'GET',
        url: `/api/me/package/editions/${editions[0].id}/pdf?lang=de`,
        headers: mine,
      });
      expect(badLang.statusCode).toBe(400);
    });
  });

  describe('who may do what', () => {
    const adminRoutes = (id: string) => [
      { method: 'GET' as const, url: '/api/admin/handovers' },
      { method: 'GET' as const, url: '/api/admin/handovers/regions' },
      { method: 'POST' as const, url: '/api/admin/handovers', payload: {} },
      { method: 'GET' as const, url: `/api/admin/handovers/${id}` },
      { method: 'POST' as const, url: `/api/admin/handovers/${id}/package.pdf` },
      { method: 'POST' as const, url: `/api/admin/handovers/${id}/handed-over`, payload: {} },
      { method: 'DELETE' as const, url: `/api/admin/handovers/${id}/handed-over` },
      { method: 'POST' as const, url: '/api/admin/handovers/imports', payload: 'naam\n' },
    ];

    it('lets only admins register, list, print, track and import (everyone else 403, anonymous 401)', async () => {
      const handover = await register();
      for (const route of adminRoutes(handover.id)) {
        const anonymous = await request(null, route.method, route.url, route.payload);
        expect(anonymous.statusCode, `anonymous ${route.method} ${route.url}`).toBe(401);
        for (const role of ROLES.filter((r) => r !== 'admin')) {
          const response = await request(actors.get(role) ?? null, route.method, route.url, route.payload);
          expect(response.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        }
      }
      // Nothing changed by the refused attempts.
      expect((await detail(handover.id)).printCount).toBe(0);
    });

    it('lets only office holders fetch their own package (everyone else 403, anonymous 401)', async () => {
      const { editions } = (
        await t.app.inject({ method: 'GET', url: '/api/me/package', headers: actors.get('officeholder')?.headers })
      ).json();
      for (const url of ['/api/me/package', `/api/me/package/editions/${editions[0].id}/pdf`]) {
        expect((await request(null, 'GET', url)).statusCode).toBe(401);
        for (const role of ROLES.filter((r) => r !== 'officeholder')) {
          expect((await request(actors.get(role) ?? null, 'GET', url)).statusCode, `${role} ${url}`).toBe(403);
        }
      }
    });

    it('answers 404 for a handover that does not exist', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      expect((await request(admin, 'GET', `/api/admin/handovers/${id}`)).statusCode).toBe(404);
      expect((await request(admin, 'POST', `/api/admin/handovers/${id}/package.pdf`)).statusCode).toBe(404);
      expect((await request(admin, 'GET', '/api/admin/handovers/not-a-uuid')).statusCode).toBe(400);
    });

    it('keeps the audit chain intact', async () => {
      const result = await verifyAuditChain(t.app.db);
      expect(result.firstBreak).toBeNull();
      expect(result.checked).toBeGreaterThan(10);
      const rows = await t.app.db.select({ id: handovers.id }).from(handovers);
      expect(rows.length).toBeGreaterThan(5);
    });
  });
});
