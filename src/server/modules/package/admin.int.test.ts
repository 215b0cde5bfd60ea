import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { packagePartResponseSchema, packageSearchResponseSchema } from '../../../shared/package.ts';
import {
  type PackageAdminPartResponse,
  packageAdminPartResponseSchema,
  packageAdminPartsResponseSchema,
  packageRevisionResponseSchema,
} from '../../../shared/package-admin.ts';
import { problemSchema } from '../../../shared/problem.ts';
import { auditLog } from '../audit/db.ts';
import { verifyAuditChain } from '../audit/service.ts';
import { latestEdition } from '../handover/editions.ts';
import { readPackageContent } from './content.ts';
import { syncPackageParts } from './content-sync.ts';
import { packagePartRevisions } from './db.ts';

const SLUG = 'sipa';
const base = `/api/admin/package/parts/${SLUG}`;

describe('admins edit the package texts', () => {
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, ['admin'], { displayName: 'Anna Beheer' });
  }, 60_000);
  afterAll(() => t.close());

  async function part(): Promise<PackageAdminPartResponse['part']> {
    const response = await t.app.inject({ method: 'GET', url: base, headers: admin.headers });
    expect(response.statusCode).toBe(200);
    return packageAdminPartResponseSchema.parse(response.json()).part;
  }

  /** The current texts with the Dutch page text changed, ready to save on top of the current revision. */
  async function draft(change: (body: { nl: string; en: string }) => { nl: string; en: string }) {
    const { current } = await part();
    return {
      baseRevision: current.revision,
      title: current.title,
      summary: current.summary,
      body: change(current.body),
    };
  }

  async function save(payload: unknown, actor: TestActor = admin) {
    return t.app.inject({
      method: 'POST',
      url: `${base}/revisions`,
      headers: actor.headers,
      payload: payload as object,
    });
  }

  async function publicPart() {
    const response = await t.app.inject({ method: 'GET', url: `/api/package/parts/${SLUG}` });
    return packagePartResponseSchema.parse(response.json()).part;
  }

  it('lists every part with its current revision: revision 1, from the content files', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/admin/package/parts', headers: admin.headers });
    expect(response.statusCode).toBe(200);
    const { parts } = packageAdminPartsResponseSchema.parse(response.json());
    expect(parts).toHaveLength(7);
    for (const p of parts) {
      expect(p.current).toMatchObject({ revision: 1, source: 'release', authorName: null });
    }
  });

  it('saves a new text: the public page and search show it at once, with the author in the history', async () => {
    const before = await latestEdition(t.app.db);
    const payload = {
      ...(await draft((body) => ({ ...body, nl: `Het zonnebloemveldoverleg helpt.\n\n${body.nl}` }))),
      note: 'Nieuwe eerste zin',
    };
    const response = await save(payload);
    expect(response.statusCode).toBe(201);
    const saved = packageAdminPartResponseSchema.parse(response.json()).part;
    expect(saved.current).toMatchObject({ revision: 2, source: 'admin', authorName: 'Anna Beheer' });
    expect(saved.current.note).toBe('Nieuwe eerste zin');
    expect(saved.history.map((r) => [r.revision, r.source, r.authorName])).toEqual([
      [2, 'admin', 'Anna Beheer'],
      [1, 'release', null],
    ]);

    expect((await publicPart()).body.nl).toMatch(/^Het zonnebloemveldoverleg helpt\./);
    const search = await t.app.inject({ method: 'GET', url: '/api/package/search?q=zonnebloemveldoverleg&locale=nl' });
    const { results } = packageSearchResponseSchema.parse(search.json());
    expect(results.map((r) => r.slug)).toEqual([SLUG]);

    // New prints carry the new text under a new version number.
    const after = await latestEdition(t.app.db);
    expect(after?.version).toBe((before?.version ?? 0) + 1);
    expect(after?.parts.find((p) => p.slug === SLUG)?.body.nl).toMatch(/^Het zonnebloemveldoverleg/);
  });

  it('writes an audit entry with each save, and the chain stays whole', async () => {
    const rows = await t.app.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'package.part_revised'), eq(auditLog.recordId, SLUG)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorPersonId: admin.personId,
      recordType: 'package_part',
      details: { revision: 2, baseRevision: 1, withNote: true },
    });
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();
  });

  it('gives one revision with its texts, and 404 for one that does not exist', async () => {
    const first = await t.app.inject({ method: 'GET', url: `${base}/revisions/1`, headers: admin.headers });
    expect(first.statusCode).toBe(200);
    const { revision } = packageRevisionResponseSchema.parse(first.json());
    expect(revision.body.nl).not.toMatch(/zonnebloemveld/);
    const missing = await t.app.inject({ method: 'GET', url: `${base}/revisions/99`, headers: admin.headers });
    expect(missing.statusCode).toBe(404);
    const noPart = await t.app.inject({
      method: 'GET',
      url: '/api/admin/package/parts/bestaat-niet',
      headers: admin.headers,
    });
    expect(noPart.statusCode).toBe(404);
  });

  it('refuses a save made on an older revision with 409, and writes nothing', async () => {
    const payload = await draft((body) => ({ ...body, nl: `Te laat.\n\n${body.nl}` }));
    const response = await save({ ...payload, baseRevision: 1 });
    expect(response.statusCode).toBe(409);
    expect(problemSchema.parse(response.json()).code).toBe('revision_conflict');
    expect((await part()).current.revision).toBe(2);
    expect((await publicPart()).body.nl).not.toMatch(/^Te laat/);
  });

  it('refuses texts that fail the content check, naming each field and reason, and writes nothing', async () => {
    const { current } = await part();
    const response = await save({
      baseRevision: current.revision,
      title: { nl: current.title.nl, en: '  ' },
      summary: current.summary,
      body: {
        nl: `Zie [dit deel](/pakket/does-not-exist).\n\n${current.body.nl}`,
        en: `Hello <script>alert(1)</script>.\n\n${current.body.en}`,
      },
    });
    expect(response.statusCode).toBe(422);
    const problem = problemSchema.parse(response.json());
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(problem.code).toBe('content_check_failed');
    // Each tag of the script element is reported; the list is per field in the form's order.
    expect([...new Set(problem.errors?.map((e) => `${e.field} ${e.code}`))]).toEqual([
      'body/body/nl link_not_allowed',
      'body/title/en empty',
      'body/body/en raw_html',
    ]);
    expect(problem.errors?.[0]?.message).toContain('/pakket/does-not-exist');

    const missingEnglish = await save({ ...(await draft((body) => ({ ...body, en: '' }))) });
    expect(missingEnglish.statusCode).toBe(422);
    expect(problemSchema.parse(missingEnglish.json()).errors).toEqual([
      { field: 'body/body/en', code: 'empty', message: 'the text is empty' },
    ]);

    const noNextSteps = await save({ ...(await draft((body) => ({ ...body, nl: 'Alleen een zin.' }))) });
    expect(problemSchema.parse(noNextSteps.json()).errors?.map((e) => e.code)).toEqual(['missing_next_steps']);

    expect((await part()).current.revision).toBe(2);
    const revisions = await t.app.db.select().from(packagePartRevisions).where(eq(packagePartRevisions.slug, SLUG));
    expect(revisions).toHaveLength(2);
  });

  it('refuses a body of the wrong shape with 400 and field errors, never a 500', async () => {
    for (const payload of [
      {},
      { baseRevision: 2, title: { nl: 'x' }, summary: { nl: 'x', en: 'x' }, body: { nl: 'x', en: 'x' } },
      { baseRevision: 'two', title: { nl: 'x', en: 'x' }, summary: { nl: 'x', en: 'x' }, body: { nl: 'x', en: 'x' } },
      { ...(await draft((body) => body)), extra: true },
    ]) {
      const response = await save(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemSchema.parse(response.json()).errors?.length).toBeGreaterThan(0);
    }
  });

  it('lets only admins in', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: base });
    expect(anonymous.statusCode).toBe(401);
    for (const role of ['officeholder', 'confidant', 'sipa_advisor'] as const) {
      const other = await createActor(t, [role]);
      expect((await t.app.inject({ method: 'GET', url: base, headers: other.headers })).statusCode).toBe(403);
      expect((await save(await draft((body) => body), other)).statusCode).toBe(403);
    }
  });

  it('restores an earlier revision as a new revision copying it', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${base}/revisions/1/restore`,
      headers: admin.headers,
      payload: { baseRevision: 2 },
    });
    expect(response.statusCode).toBe(201);
    const restored = packageAdminPartResponseSchema.parse(response.json()).part;
    expect(restored.current).toMatchObject({
      revision: 3,
      source: 'admin',
      restoredFrom: 1,
      authorName: 'Anna Beheer',
    });
    const [content] = (await readPackageContent()).filter((p) => p.slug === SLUG);
    expect((await publicPart()).body).toEqual(content?.body);
    const audited = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'package.part_restored'));
    expect(audited[0]?.details).toEqual({ revision: 3, restoredFrom: 1, baseRevision: 2 });

    const stale = await t.app.inject({
      method: 'POST',
      url: `${base}/revisions/2/restore`,
      headers: admin.headers,
      payload: { baseRevision: 2 },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('keeps an admin edit over a restart: loading unchanged files changes nothing', async () => {
    const edited = await save({
      ...(await draft((body) => ({ ...body, nl: `Blijft staan na een herstart.\n\n${body.nl}` }))),
    });
    expect(edited.statusCode).toBe(201);
    expect(await syncPackageParts(t.app.unitOfWork, await readPackageContent())).toEqual({ changed: 0 });
    expect((await publicPart()).body.nl).toMatch(/^Blijft staan na een herstart\./);
    expect((await part()).current).toMatchObject({ revision: 4, source: 'admin' });
  });

  it('makes a changed content file a new release revision on top, with the edit kept in the history', async () => {
    const content = await readPackageContent();
    const shipped = content.map((p) =>
      p.slug === SLUG ? { ...p, summary: { ...p.summary, nl: 'Een nieuwe samenvatting uit de release.' } } : p,
    );
    expect(await syncPackageParts(t.app.unitOfWork, shipped)).toEqual({ changed: 1 });
    const { current, history } = await part();
    expect(current).toMatchObject({ revision: 5, source: 'release', authorName: null });
    expect(current.summary.nl).toBe('Een nieuwe samenvatting uit de release.');
    expect(history.map((r) => r.source)).toEqual(['release', 'admin', 'admin', 'admin', 'release']);
    expect((await publicPart()).summary.nl).toBe('Een nieuwe samenvatting uit de release.');

    // The same release again is no news.
    expect(await syncPackageParts(t.app.unitOfWork, shipped)).toEqual({ changed: 0 });

    // The admin brings their edit back.
    const response = await t.app.inject({
      method: 'POST',
      url: `${base}/revisions/4/restore`,
      headers: admin.headers,
      payload: { baseRevision: 5, note: 'Mijn tekst terug' },
    });
    expect(response.statusCode).toBe(201);
    expect((await publicPart()).body.nl).toMatch(/^Blijft staan na een herstart\./);
  });

  it('refuses to restore a revision whose link leads to a part that has left the package', async () => {
    const linked = await save({
      ...(await draft((body) => ({ ...body, nl: `Zie ook [training](/pakket/training).\n\n${body.nl}` }))),
    });
    expect(linked.statusCode).toBe(201);
    const withLink = packageAdminPartResponseSchema.parse(linked.json()).part.current.revision;
    await t.app.inject({
      method: 'POST',
      url: `${base}/revisions/1/restore`,
      headers: admin.headers,
      payload: { baseRevision: withLink },
    });
    const content = await readPackageContent();
    await syncPackageParts(
      t.app.unitOfWork,
      content.filter((p) => p.slug !== 'training'),
    );
    // (The sync also brought this part back to its shipped texts: a release revision on top.)
    const before = (await part()).current.revision;
    const response = await t.app.inject({
      method: 'POST',
      url: `${base}/revisions/${withLink}/restore`,
      headers: admin.headers,
      payload: { baseRevision: before },
    });
    expect(response.statusCode).toBe(422);
    expect(problemSchema.parse(response.json()).errors).toEqual([
      expect.objectContaining({ field: 'body/body/nl', code: 'link_not_allowed' }),
    ]);
    expect((await part()).current.revision).toBe(before);
    await syncPackageParts(t.app.unitOfWork, content);
  });
});
