import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, submitSupport, supportWorld } from '../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';
import { caseMessages, caseNotes } from '../modules/cases/db.ts';
import { packagePartRevisions } from '../modules/package/db.ts';

/**
 * Text that PostgreSQL cannot store (a NUL, an unpaired UTF-16 surrogate) used to reach the database and
 * come back as a 500 with the value in the log. One check for every route now refuses it with a 400 and
 * a message on the field, before anything is stored.
 */
describe('text the database cannot store', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof supportWorld>>;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await supportWorld(t);
    ({ caseId } = await submitSupport(t, w.requester));
  });
  afterAll(() => t.close());

  const fieldsOf = (response: { json: () => unknown }) =>
    (response.json() as { errors?: { field: string; code: string }[] }).errors ?? [];

  it.each([
    ['the package search', '/api/package/search?locale=nl&q=', null],
    ['the admin people search', '/api/admin/people?q=', 'admin'],
    ['the admin handover search', '/api/admin/handovers?q=', 'admin'],
  ] as const)('%s answers 400 on a NUL in q, not 500', async (_name, url, who) => {
    const response = await call(t, who ? w.admin : null, 'GET', `${url}ab%00cd`);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual([
      expect.objectContaining({ field: 'querystring/q', code: 'invalid_characters' }),
    ]);
  });

  it('a case message or note with a NUL or a lone surrogate is refused and nothing is stored', async () => {
    const messagesBefore = await t.app.db
      .select({ n: count() })
      .from(caseMessages)
      .where(eq(caseMessages.caseId, caseId));
    for (const text of ['Bedreigd\u0000 op straat', 'Half \ud800 teken', 'Omgekeerd \udc00\ud800']) {
      const message = await call(t, w.requester, 'POST', `/api/cases/${caseId}/messages`, { body: text });
      expect(message.statusCode).toBe(400);
      expect(fieldsOf(message)).toEqual([expect.objectContaining({ field: 'body/body', code: 'invalid_characters' })]);
      const note = await call(t, w.coordinator, 'POST', `/api/cases/${caseId}/notes`, { body: text });
      expect(note.statusCode).toBe(400);
    }
    // A raw JSON escape reaches the server as a lone surrogate too.
    const raw = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/messages`,
      headers: { ...w.requester.headers, 'content-type': 'application/json' },
      payload: '{"body":"kapot \\ud83d teken"}',
    });
    expect(raw.statusCode).toBe(400);
    const messagesAfter = await t.app.db
      .select({ n: count() })
      .from(caseMessages)
      .where(eq(caseMessages.caseId, caseId));
    expect(messagesAfter).toEqual(messagesBefore);
    expect(await t.app.db.select({ n: count() }).from(caseNotes).where(eq(caseNotes.caseId, caseId))).toEqual([
      { n: 0 },
    ]);
    // A whole emoji (a surrogate pair) is fine.
    expect(
      (await call(t, w.requester, 'POST', `/api/cases/${caseId}/messages`, { body: 'Dank je 🙏' })).statusCode,
    ).toBe(201);
  });

  it('the content restore note with a NUL is refused and no revision is made', async () => {
    const parts = (await call(t, w.admin, 'GET', '/api/admin/package/parts')).json() as { parts: { slug: string }[] };
    const slug = parts.parts[0]?.slug ?? '';
    const before = await t.app.db.select({ n: count() }).from(packagePartRevisions);
    const response = await call(t, w.admin, 'POST', `/api/admin/package/parts/${slug}/revisions/1/restore`, {
      baseRevision: 1,
      note: 'terug\u0000zetten',
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual([expect.objectContaining({ field: 'body/note', code: 'invalid_characters' })]);
    expect(await t.app.db.select({ n: count() }).from(packagePartRevisions)).toEqual(before);
  });

  it('checks keys and nested values too', async () => {
    const response = await call(t, w.requester, 'POST', '/api/support/requests', {
      concernFor: 'self',
      situation: ['threat'],
      since: 'this_week',
      acuteDanger: false,
      affected: ['me'],
      contact: { channel: 'phone', phone: '06\u000012345678', when: 'any_time' },
      body: 'Ik word bedreigd.',
    });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual([expect.objectContaining({ field: 'body/contact/phone' })]);
  });
});

describe('routes that take no body', () => {
  let t: TestApp;
  let w: Awaited<ReturnType<typeof supportWorld>>;
  let caseId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await supportWorld(t);
    ({ caseId } = await submitSupport(t, w.requester));
  });
  afterAll(() => t.close());

  it('refuse a body with 400 body_not_accepted, and change nothing', async () => {
    const take = await call(t, w.confidant, 'POST', `/api/cases/${caseId}/take`, { assignee: w.stranger.personId });
    expect(take.statusCode).toBe(400);
    expect(take.json()).toMatchObject({ code: 'body_not_accepted', errors: [{ field: 'body' }] });
    const detail = (await call(t, w.requester, 'GET', `/api/cases/${caseId}`)).json();
    expect(detail.status).toBe('submitted');

    const remove = await t.app.inject({
      method: 'DELETE',
      url: `/api/me/relatives/${w.stranger.personId}`,
      headers: w.requester.headers,
      payload: { reason: 'x' },
    });
    expect(remove.statusCode).toBe(400);
    expect(remove.json().code).toBe('body_not_accepted');

    const get = await t.app.inject({
      method: 'GET',
      url: '/api/package/parts',
      headers: { 'content-type': 'application/json' },
      payload: '{"q":"x"}',
    });
    expect(get.statusCode).toBe(400);
    expect(get.json().code).toBe('body_not_accepted');
  });

  it('refuse a body of a type they cannot read with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/take`,
      headers: { ...w.confidant.headers, 'content-type': 'application/xml' },
      payload: '<take/>',
    });
    expect(response.statusCode).toBe(415);
    // Plain text is a type Fastify reads, so that is the 400 above.
    const text = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${caseId}/take`,
      headers: { ...w.confidant.headers, 'content-type': 'text/plain' },
      payload: 'take it',
    });
    expect(text.statusCode).toBe(400);
  });

  it('still accept no body at all, or the {} the web app sends', async () => {
    const world = await supportWorld(t);
    const first = await submitSupport(t, world.requester);
    const second = await submitSupport(t, world.requester);
    expect((await call(t, world.confidant, 'POST', `/api/cases/${first.caseId}/take`, {})).statusCode).toBe(200);
    const bare = await t.app.inject({
      method: 'POST',
      url: `/api/cases/${second.caseId}/take`,
      headers: world.confidant.headers,
    });
    expect(bare.statusCode).toBe(200);
  });
});
