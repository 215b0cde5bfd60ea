import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Keyring } from '../../src/server/lib/crypto/index.ts';
import { caseAttachments, caseEvents, caseMessages, cases } from '../../src/server/modules/cases/db.ts';
import { createActor, type TestActor } from '../helpers/actors.ts';
import {
  buildCaseApp,
  call,
  expectStatus,
  multipart,
  sipaRequest,
  submitSupport,
  supportRequest,
  upload,
} from '../helpers/cases.ts';
import { MINIMAL_PDF, png } from '../helpers/image-fixtures.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

/**
 * Hostile input on every kind of case route: each is refused cleanly (a 4xx problem with a stable code,
 * never a 5xx) and nothing changes in the database.
 */
describe('hostile input', () => {
  let t: TestApp;
  let requester: TestActor;
  let confidant: TestActor;
  let other: TestActor;
  let caseId: string;

  beforeAll(async () => {
    t = await createTestApp();
    requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    confidant = await createActor(t, ['confidant'], { association: 'wethoudersvereniging' });
    other = await createActor(t, ['officeholder'], { office: 'wethouder' });
    ({ caseId } = await submitSupport(t, requester));
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200);
  });
  afterAll(() => t.close());

  async function state() {
    const [row] = await t.app.db.select().from(cases).where(eq(cases.id, caseId));
    const n = async (table: typeof caseMessages | typeof caseAttachments | typeof caseEvents) =>
      (await t.app.db.select({ n: count() }).from(table).where(eq(table.caseId, caseId)))[0]?.n;
    const [all] = await t.app.db.select({ n: count() }).from(cases);
    return {
      row,
      messages: await n(caseMessages),
      attachments: await n(caseAttachments),
      events: await n(caseEvents),
      cases: all?.n,
    };
  }

  async function refused(
    response: { statusCode: number; json(): { code?: string }; headers: Record<string, unknown> },
    status: number,
    code?: string,
  ) {
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    if (code) expect(response.json().code).toBe(code);
  }

  it('refuses oversized, malformed and unexpected bodies', async () => {
    const before = await state();
    const url = `/api/cases/${caseId}/messages`;
    await refused(await call(t, requester, 'POST', url, { body: 'x'.repeat(10_001) }), 400, 'validation_failed');
    await refused(await call(t, requester, 'POST', url, { body: '   ' }), 400, 'validation_failed');
    await refused(await call(t, requester, 'POST', url, { body: 'hoi', authorId: confidant.personId }), 400);
    await refused(await call(t, requester, 'POST', url, { body: ['a'] }), 400, 'validation_failed');
    await refused(
      await t.app.inject({
        method: 'POST',
        url,
        headers: { ...requester.headers, 'content-type': 'application/json' },
        payload: JSON.stringify({ body: 'x'.repeat(200 * 1024) }),
      }),
      413,
      'body_too_large',
    );
    await refused(
      await t.app.inject({
        method: 'POST',
        url,
        headers: { ...requester.headers, 'content-type': 'application/json' },
        payload: '{"body":"hoi","__proto__":{"isAdmin":true}}',
      }),
      400,
    );
    await refused(
      await t.app.inject({
        method: 'POST',
        url,
        headers: { ...requester.headers, 'content-type': 'text/plain' },
        payload: 'hoi',
      }),
      400,
      'validation_failed',
    );
    await refused(
      await t.app.inject({
        method: 'POST',
        url,
        headers: { ...requester.headers, 'content-type': 'application/xml' },
        payload: '<body>hoi</body>',
      }),
      415,
      'unsupported_media_type',
    );
    await refused(
      await t.app.inject({
        method: 'POST',
        url,
        headers: { ...requester.headers, 'content-type': 'application/json' },
        payload: '{"body": "unterminated',
      }),
      400,
      'invalid_json',
    );
    expect(await state()).toEqual(before);
  });

  it('refuses ids that are not ids, and ids of cases that are not yours', async () => {
    const before = await state();
    await refused(await call(t, requester, 'GET', '/api/cases/not-a-uuid'), 400, 'validation_failed');
    await refused(await call(t, requester, 'GET', `/api/cases/${caseId}%00`), 400);
    await refused(await call(t, requester, 'GET', '/api/cases/..%2F..%2Fadmin'), 400);
    await refused(await call(t, requester, 'GET', `/api/cases/${crypto.randomUUID()}`), 404, 'not_found');
    await refused(await call(t, other, 'GET', `/api/cases/${caseId}`), 404, 'not_found');
    await refused(await call(t, other, 'POST', `/api/cases/${caseId}/messages`, { body: 'binnendringer' }), 404);
    await refused(await call(t, other, 'POST', `/api/cases/${caseId}/close`, { outcome: 'withdrawn' }), 404);
    await refused(await call(t, other, 'POST', `/api/cases/${caseId}/erase`, { reference: 'AAAA-AAAA' }), 404);
    await refused(await call(t, confidant, 'GET', `/api/cases/${caseId}/attachments/${crypto.randomUUID()}`), 404);
    expect(await state()).toEqual(before);
  });

  it('refuses statuses, outcomes and queue filters that do not exist or do not fit', async () => {
    const before = await state();
    await refused(await call(t, confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'hacked' }), 400);
    await refused(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'conflict_check' }),
      409,
      'transition_not_allowed',
    );
    await refused(await call(t, confidant, 'POST', `/api/cases/${caseId}/status`, { to: 'closed' }), 409);
    await refused(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/close`, { outcome: 'no_integrity_matter' }),
      400,
      'outcome_not_allowed',
    );
    await refused(await call(t, requester, 'POST', `/api/cases/${caseId}/close`, { outcome: 'advice_given' }), 400);
    await refused(await call(t, confidant, 'GET', '/api/cases/queue?type=other'), 400);
    await refused(await call(t, confidant, 'GET', '/api/cases/queue?type=support&limit=100000'), 400);
    await refused(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/grants`, {
        personId: other.personId,
        scopes: ['everything'],
      }),
      400,
    );
    await refused(
      await call(t, confidant, 'POST', `/api/cases/${caseId}/grants`, {
        personId: other.personId,
        scopes: ['messages'],
      }),
      400,
      'grantee_not_eligible',
    );
    await refused(await call(t, confidant, 'POST', `/api/cases/${caseId}/assign`, { personId: other.personId }), 403);
    expect(await state()).toEqual(before);
  });

  it('refuses bad support and SIPA requests without making a case', async () => {
    const before = await state();
    const bad = [
      { ...supportRequest(), situation: [] },
      { ...supportRequest(), situation: ['burglary'] },
      { ...supportRequest(), contact: { channel: 'phone', when: 'any_time' } },
      { ...supportRequest(), contact: { channel: 'phone', phone: '<script>', when: 'any_time' } },
      // Issue 12: no digits, or too few, is no phone number.
      { ...supportRequest(), contact: { channel: 'phone', phone: '(-- --)', when: 'any_time' } },
      { ...supportRequest(), contact: { channel: 'phone', phone: '06 1234', when: 'any_time' } },
      { ...supportRequest(), body: 'x'.repeat(5_001) },
      { ...supportRequest(), concernFor: 'colleague' },
      { ...supportRequest(), personConcerned: { name: 'X' } },
      { ...supportRequest(), requesterId: other.personId },
      { ...supportRequest(), urgency: 'urgent' },
    ];
    for (const body of bad) {
      await refused(await call(t, requester, 'POST', '/api/support/requests', body), 400);
    }
    const badSipa = [
      { ...sipaRequest(), capacity: 'representative_body' },
      // Nothing confidential before the phone intake: the request has no place for it.
      { ...sipaRequest(), signal: { what: 'x', since: 'this_week', source: 'other' } },
      { ...sipaRequest(), personConcerned: { name: 'Y', position: 'Z' } },
      { ...sipaRequest(), phone: '(-- --)' },
      { ...sipaRequest(), phone: '06 1234' },
      { ...sipaRequest(), phone: undefined },
      { ...sipaRequest(), callTimes: [] },
      { ...sipaRequest(), callTimes: ['morning', 'morning'] },
      { ...sipaRequest(), callTimes: ['midnight'] },
      { ...sipaRequest(), organisation: ' ' },
      { ...sipaRequest(), organisation: 'x'.repeat(201) },
    ];
    for (const body of badSipa) {
      await refused(await call(t, requester, 'POST', '/api/sipa/requests', body), 400);
    }
    // Staff cannot file requests; a relative cannot ask SIPA.
    await refused(await call(t, confidant, 'POST', '/api/support/requests', supportRequest()), 403);
    expect(await state()).toEqual(before);
  });

  it('refuses files that are too big, of the wrong type, or lying about their type', async () => {
    const before = await state();
    const attach = (name: string, bytes: Buffer, options = {}) => upload(t, requester, caseId, name, bytes, options);
    await refused(
      await attach('pagina.png', Buffer.from('<!DOCTYPE html><html><script>alert(document.cookie)</script></html>')),
      415,
      'attachment_type_not_allowed',
    );
    await refused(await attach('notitie.png', Buffer.from('Gewoon tekst')), 415, 'attachment_type_mismatch');
    await refused(await attach('foto.jpg', png()), 415, 'attachment_type_mismatch');
    await refused(await attach('plaatje.svg', Buffer.from('<svg onload="alert(1)"/>')), 415);
    await refused(await attach('leeg.txt', Buffer.alloc(0)), 415);
    await refused(await attach('prog.exe', Buffer.from('4d5a90000300000004000000ffff0000', 'hex')), 415);
    await refused(await attach('bom.png', png({ width: 50_000, height: 50_000 })), 413, 'attachment_too_many_pixels');
    await refused(await attach('kapot.png', png().subarray(0, 45)), 400, 'attachment_unreadable');
    await refused(
      await attach('groot.pdf', Buffer.concat([MINIMAL_PDF, Buffer.alloc(10 * 1024 * 1024)])),
      413,
      'attachment_too_large',
    );
    await refused(await attach('veld.pdf', MINIMAL_PDF, { field: 'document' }), 400, 'attachment_missing');
    await refused(await call(t, requester, 'POST', `/api/cases/${caseId}/attachments`, { file: 'x' }), 415);
    const noFile = multipart('x.pdf', MINIMAL_PDF);
    await refused(
      await t.app.inject({
        method: 'POST',
        url: `/api/cases/${caseId}/attachments`,
        headers: { ...requester.headers, 'content-type': noFile.contentType.replace(/boundary=.*/, 'boundary=nope') },
        payload: noFile.payload,
      }),
      400,
    );
    expect(await state()).toEqual(before);
  });

  it('turns path tricks and header tricks in file names into a harmless label', async () => {
    const response = await upload(
      t,
      requester,
      caseId,
      '../../../etc/passwd\r\nX-Evil: 1.txt',
      Buffer.from('root:x:0:0'),
    );
    expect(response.statusCode).toBe(201);
    const { id, fileName } = response.json();
    expect(fileName).not.toMatch(/[\\/\r\n"]/);
    const download = await call(t, requester, 'GET', `/api/cases/${caseId}/attachments/${id}`);
    expect(download.headers['x-evil']).toBeUndefined();
    expect(String(download.headers['content-disposition'])).toMatch(
      /^attachment; filename="[^"\\/\r\n]+"; filename\*=UTF-8''/,
    );
    // Stored under a random id, never under a name from the client.
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('enforces the total per case (here set to 1 MB)', async () => {
    const testDatabase = await createTestDatabase();
    const small = await buildCaseApp(testDatabase.database, Keyring.generate(), {
      cases: { settings: { support: { attachmentsMaxTotalBytes: 1024 * 1024 } } },
    });
    try {
      const owner = await createActor(small, ['officeholder'], { office: 'wethouder' });
      const own = await submitSupport(small, owner);
      const file = Buffer.concat([MINIMAL_PDF, Buffer.alloc(300 * 1024)]);
      for (let i = 0; i < 3; i++) await expectStatus(await upload(small, owner, own.caseId, 'deel.pdf', file), 201);
      const before = (await call(small, owner, 'GET', `/api/cases/${own.caseId}/attachments`)).json();
      expect(before.maxTotalBytes).toBe(1024 * 1024);
      await refused(await upload(small, owner, own.caseId, 'te-veel.pdf', file), 413, 'case_attachments_full');
      const after = (await call(small, owner, 'GET', `/api/cases/${own.caseId}/attachments`)).json();
      expect(after.attachments).toHaveLength(3);
    } finally {
      await small.close();
      await testDatabase.destroy();
    }
  });
});
