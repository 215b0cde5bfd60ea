import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { call, containsCanary, dumpAllRows, NO_REQUEST_LIMIT } from '../../../../test/helpers/cases.ts';
import { type PlantedPerson, plantPerson } from '../../../../test/helpers/privacy.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { cases } from '../cases/db.ts';
import { people } from '../people/db.ts';
import { sessions } from '../sessions/db.ts';
import { trainingSessions } from '../training/db.ts';
import { accountErasures, accountErasureTombstones } from './db.ts';

const DELETE = '/api/me/account/delete';

describe('Mijn gegevens: deleting my account', () => {
  let t: TestApp;
  let planted: PlantedPerson;
  let bystander: PlantedPerson;

  beforeAll(async () => {
    t = await createTestApp({ env: NO_REQUEST_LIMIT });
    planted = await plantPerson(t, 'dddd4444');
    bystander = await plantPerson(t, 'eeee5555');
  }, 120_000);
  afterAll(async () => t?.close());

  const accountExists = async (id: string) =>
    (await t.app.db.select().from(people).where(eq(people.id, id))).length > 0;

  it('asks an anonymous caller to sign in, and refuses a missing, wrong or hostile confirmation with nothing changed', async () => {
    expect((await call(t, null, 'POST', DELETE, { confirmation: 'VERWIJDEREN' })).statusCode).toBe(401);
    const me = planted.person;
    expect((await call(t, me, 'POST', DELETE, {})).statusCode).toBe(400);
    const wrong = await call(t, me, 'POST', DELETE, { confirmation: 'ja' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe('account_deletion_confirmation');
    expect(wrong.json().errors[0].field).toBe('confirmation');
    const extra = await call(t, me, 'POST', DELETE, {
      confirmation: 'VERWIJDEREN',
      personId: bystander.person.personId,
    });
    expect(extra.statusCode).toBe(400);
    expect((await call(t, me, 'POST', DELETE, { confirmation: 'x'.repeat(5000) })).statusCode).toBe(400);
    expect(await accountExists(me.personId)).toBe(true);
    expect(await accountExists(bystander.person.personId)).toBe(true);
  });

  it('needs a fresh sign-in (step-up)', async () => {
    const stale = await createActor(t, ['officeholder']);
    await t.app.db
      .update(sessions)
      .set({ authenticatedAt: new Date(Date.now() - 24 * 3_600_000) })
      .where(eq(sessions.id, stale.sessionId));
    const refused = await call(t, stale, 'POST', DELETE, { confirmation: 'DELETE' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('step_up_required');
    expect(await accountExists(stale.personId)).toBe(true);
  });

  it('leaves a team account to the admin', async () => {
    const refused = await call(t, planted.confidant, 'POST', DELETE, { confirmation: 'VERWIJDEREN' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('account_deletion_staff');
    expect(await accountExists(planted.confidant.personId)).toBe(true);
  });

  it('closes, erases and removes everything of the person, leaving only the documented tombstones', async () => {
    const me = planted.person;
    const [seatsBefore] = await t.app.db
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, planted.trainingSessionId));
    expect(seatsBefore?.confirmedCount).toBe(1);
    expect(await t.app.incidents.store.exists(planted.evidenceId)).toBe(true);

    const deleted = await call(t, me, 'POST', DELETE, { confirmation: 'verwijderen' });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(String(deleted.headers['set-cookie'])).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // The session is gone: the next request is anonymous.
    expect((await call(t, me, 'GET', '/api/me/sessions')).statusCode).toBe(401);

    expect(await accountExists(me.personId)).toBe(false);
    // The open request is closed (withdrawn) and erased: a tombstone without the person.
    const [tombstone] = await t.app.db.select().from(cases).where(eq(cases.id, planted.caseId));
    expect(tombstone).toMatchObject({ requesterId: null, reference: null, intakeEnvelope: null, outcome: 'withdrawn' });
    expect(tombstone?.erasedAt).not.toBeNull();
    // The training seat went back; the evidence file is gone from the store.
    const [seatsAfter] = await t.app.db
      .select()
      .from(trainingSessions)
      .where(eq(trainingSessions.id, planted.trainingSessionId));
    expect(seatsAfter?.confirmedCount).toBe(0);
    expect(await t.app.incidents.store.exists(planted.evidenceId)).toBe(false);
    // The relative keeps their account, no longer linked and without a role left: deactivated.
    const [relative] = await t.app.db.select().from(people).where(eq(people.email, planted.relativeEmail));
    expect(relative).toMatchObject({ linkedOfficeholderId: null, status: 'deactivated' });

    // Tombstones: the erasure record (identity encrypted) and the evidence's hash, size and dates.
    const [erasure] = await t.app.db.select().from(accountErasures).where(eq(accountErasures.personId, me.personId));
    expect(erasure).toBeDefined();
    expect(erasure?.counts).toMatchObject({
      casesClosed: 1,
      casesErased: 1,
      incidents: 1,
      evidenceFiles: 1,
      trainingSeatsFreed: 1,
    });
    const stones = await t.app.db
      .select()
      .from(accountErasureTombstones)
      .where(eq(accountErasureTombstones.erasureId, erasure?.id ?? ''));
    expect(stones).toEqual([expect.objectContaining({ kind: 'incident_evidence', sha256: planted.evidenceSha256 })]);

    // A dump holds none of the person's canaries; their id only in the audit trail and the erasure record.
    const dump = await dumpAllRows(t);
    for (const [section, canary] of Object.entries(planted.canaries)) {
      if (section === 'access_log' || section === 'sessions') continue; // ids, checked below
      if (section === 'relatives') continue; // the relative's own address: their account stays
      if (section === 'training_enrolments') continue; // the (public) training's title; the enrolment goes with the id
      expect(containsCanary(dump, canary), section).toBe(false);
    }
    expect(containsCanary(dump, me.email)).toBe(false);
    const withId = dump.split('\n').filter((line) => line.includes(me.personId));
    const tables = new Set(withId.map((line) => line.slice(0, line.indexOf(':'))));
    expect([...tables].sort()).toEqual(['public.account_erasures', 'public.audit_log']);
    const withHash = dump.split('\n').filter((line) => line.includes(planted.evidenceSha256));
    for (const line of withHash) expect(line).toMatch(/^public\.(account_erasure_tombstones|audit_log):/);
    for (const line of dump.split('\n').filter((row) => row.includes(me.sessionId))) {
      expect(line).toMatch(/^public\.audit_log:/);
    }

    // The bystander's data is untouched.
    expect(await accountExists(bystander.person.personId)).toBe(true);
    expect(containsCanary(dump, bystander.canaries.handover as string)).toBe(true);
    expect((await call(t, bystander.person, 'GET', '/api/me/zelfscan/results')).json().results).toHaveLength(1);
  });

  it('audits the deletion with counts only', async () => {
    const entries = await call(t, bystander.person, 'GET', '/api/me/access-log');
    expect(entries.statusCode).toBe(200);
    const dump = await dumpAllRows(t);
    const line = dump.split('\n').find((row) => row.includes('privacy.account_deleted'));
    expect(line).toContain(planted.person.personId);
    expect(line).not.toContain(planted.canaries.account as string);
  });
});
