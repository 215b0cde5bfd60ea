import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { call, submitSupport, supportWorld } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import type { AccessLogEntry } from '../../../shared/session.ts';
import { systemContext } from '../../lib/context.ts';
import { auditLog } from './db.ts';
import { bindAuditKeyring } from './key.ts';
import { recordAudit, verifyAuditChain } from './service.ts';

describe('audit trail', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('rolls back with the change it records', async () => {
    const before = await verifyAuditChain(t.app.db);
    await expect(
      t.app.db.transaction(async (tx) => {
        await recordAudit(tx, systemContext(), { action: 'person.viewed' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    expect((await verifyAuditChain(t.app.db)).checked).toBe(before.checked);
  });

  it('keeps every chain unbroken under concurrent writers, spread over more than one chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        t.app.db.transaction(async (tx) => {
          // Two entries in one transaction land in the same chain, one after the other.
          await recordAudit(tx, systemContext(), { action: 'session.signed_in', details: { index } });
          await recordAudit(tx, systemContext(), { action: 'session.signed_out', details: { index } });
        }),
      ),
    );
    const result = await verifyAuditChain(t.app.db);
    expect(result.firstBreak).toBeNull();
    expect(result.checked).toBeGreaterThanOrEqual(40);
    expect(result.heads.length).toBeGreaterThan(1);
    const rows = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'session.signed_in'));
    for (const first of rows) {
      const [second] = await t.app.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'session.signed_out'), eq(auditLog.chain, first.chain ?? -1)));
      expect(second?.chain).toBe(first.chain);
    }
  });

  it('is append-only in the database itself', async () => {
    await expect(t.app.db.execute(sql`UPDATE audit_log SET action = 'x'`)).rejects.toThrow();
    await expect(t.app.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('keys every row: an unkeyed row, or one keyed with anyone else’s keys, does not verify', async () => {
    await t.app.db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'session.ended_all' }));
    const [row] = await t.app.db.select().from(auditLog).where(eq(auditLog.action, 'session.ended_all'));
    expect(row?.chain).not.toBeNull();
    expect(row?.hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await createTestApp();
    try {
      // The same database handle type, another keyring: the chains it finds are not its own.
      bindAuditKeyring(t.app.db, other.keyring);
      expect((await verifyAuditChain(t.app.db)).firstBreak).toMatchObject({ reason: 'link_broken' });
    } finally {
      bindAuditKeyring(t.app.db, t.keyring);
      await other.close();
    }
    expect((await verifyAuditChain(t.app.db)).firstBreak).toBeNull();
  });
});

describe('Wie heeft mijn gegevens ingezien?', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows accesses by others to my records, not my own, and not other people’s', async () => {
    const me = await createActor(t, ['officeholder']);
    const confidant = await createActor(t, ['confidant'], { displayName: 'Vera Vertrouwenspersoon' });
    const stranger = await createActor(t, ['officeholder']);
    const confidantCtx = {
      actor: { personId: confidant.personId, roles: confidant.roles },
      requestId: 'r1',
      ipHash: null,
    };
    await t.app.db.transaction(async (tx) => {
      await recordAudit(tx, confidantCtx, {
        action: 'case.read',
        subjectPersonId: me.personId,
        recordType: 'case',
        recordId: 'c1',
      });
      await recordAudit(tx, confidantCtx, {
        action: 'case.read',
        subjectPersonId: stranger.personId,
        recordType: 'case',
      });
      await recordAudit(
        tx,
        { ...confidantCtx, actor: { personId: me.personId, roles: me.roles } },
        {
          action: 'case.read',
          subjectPersonId: me.personId,
        },
      );
    });

    const response = await t.app.inject({ method: 'GET', url: '/api/me/access-log', headers: me.headers });
    expect(response.statusCode).toBe(200);
    const { entries } = response.json();
    const reads = entries.filter((entry: { action: string }) => entry.action === 'case.read');
    expect(reads).toEqual([
      {
        at: expect.any(String),
        action: 'case.read',
        description: { nl: 'las uw hulpvraag', en: 'read your request for help' },
        recordType: 'case',
        record: null,
        actorKind: 'person',
        actorName: 'Vera Vertrouwenspersoon',
        actorRoles: ['confidant'],
      },
    ]);
  });

  it('names the case by its reference, says every action in words, and tells Weerbaar itself from a visitor', async () => {
    const world = await supportWorld(t);
    const { caseId, reference } = await submitSupport(t, world.requester);
    // The coordinator opens the case page: the case, its conversation and its files are read at once.
    for (const path of [
      `/api/cases/${caseId}`,
      `/api/cases/${caseId}/messages`,
      `/api/cases/${caseId}/attachments`,
      `/api/cases/${caseId}/timeline`,
    ]) {
      await call(t, world.coordinator, 'GET', path);
    }
    // Work outside any request (a job, the first start, the demo's examples) and a visitor who was not signed in.
    await t.app.db.transaction(async (tx) => {
      await recordAudit(tx, systemContext(), { action: 'person.seeded', subjectPersonId: world.requester.personId });
      await recordAudit(
        tx,
        { actor: null, requestId: 'req-anonymous', ipHash: null },
        { action: 'session.sign_in_failed', subjectPersonId: world.requester.personId, outcome: 'failure' },
      );
    });

    const response = await call(t, world.requester, 'GET', '/api/me/access-log');
    expect(response.statusCode).toBe(200);
    const entries: AccessLogEntry[] = response.json().entries;
    // Every action the person can see has its words in both languages: none falls back to a code.
    expect(entries.filter((entry) => entry.description === null)).toEqual([]);
    const byCoordinator = entries.filter((entry) => entry.actorName === 'Coördinator K');
    expect(byCoordinator.length).toBeGreaterThan(0);
    for (const entry of byCoordinator) {
      expect(entry.record).toEqual({ reference, kind: 'support' });
      expect(entry.actorKind).toBe('person');
      expect(entry.actorRoles).toEqual(['ot_coordinator']);
    }
    expect(entries.find((entry) => entry.action === 'person.seeded')?.actorKind).toBe('system');
    expect(entries.find((entry) => entry.action === 'session.sign_in_failed')?.actorKind).toBe('anonymous');
    // Another person's log never names this case.
    const theirs: AccessLogEntry[] = (await call(t, world.stranger, 'GET', '/api/me/access-log')).json().entries;
    expect(theirs.some((entry) => entry.record?.reference === reference)).toBe(false);
  });

  it('is only for signed-in people', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me/access-log' })).statusCode).toBe(401);
  });
});
