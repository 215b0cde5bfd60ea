import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { call } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { UnitOfWork } from '../../lib/unit-of-work.ts';
import { auditLog } from '../audit/db.ts';
import { mailOutbox } from '../mail/db.ts';
import { notifications } from '../notifications/db.ts';
import { invitations } from '../people/db.ts';
import { sessions } from '../sessions/db.ts';
import { accountErasures } from './db.ts';
import { AUDIT_SUBJECT_LINK_DAYS } from './personal-data.ts';
import { runRetention } from './retention.ts';

const DAY_MS = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS);

describe('retention per category, enforced by the privacy.retention job', () => {
  let t: TestApp;
  let person: TestActor;
  const silent = { error: () => {} };

  beforeAll(async () => {
    t = await createTestApp();
    person = await createActor(t, ['officeholder']);
  });
  afterAll(async () => t?.close());

  it('publishes the table: every category with its term and reason', async () => {
    const response = await call(t, null, 'GET', '/api/privacy/retention');
    expect(response.statusCode).toBe(200);
    const rules = response.json().rules as { category: string; keepDays: number | null; reason: string }[];
    expect(rules.map((rule) => rule.category)).toEqual(
      expect.arrayContaining([
        'sessions',
        'mail_outbox_sent',
        'notifications_read',
        'invitations',
        'audit_subject_links',
      ]),
    );
    for (const rule of rules) expect(rule.reason.length, rule.category).toBeGreaterThan(20);
  });

  it('removes what is past its term and keeps what is not', async () => {
    const db = t.app.db;
    const [oldSession] = await db
      .insert(sessions)
      .values({
        tokenHash: randomUUID(),
        personId: person.personId,
        method: 'passkey',
        expiresAt: ago(100),
        endedAt: ago(95),
      })
      .returning();
    const [oldRead] = await db
      .insert(notifications)
      .values({ personId: person.personId, kind: 'case_update', createdAt: ago(200), readAt: ago(190) })
      .returning();
    const [freshRead] = await db
      .insert(notifications)
      .values({ personId: person.personId, kind: 'case_update', readAt: ago(1) })
      .returning();
    const [oldMail] = await db
      .insert(mailOutbox)
      .values({ recipient: person.email, subject: 'x', kind: 'notice', createdAt: ago(40), sentAt: ago(40) })
      .returning();
    const [freshMail] = await db
      .insert(mailOutbox)
      .values({ recipient: person.email, subject: 'y', kind: 'notice', sentAt: new Date() })
      .returning();
    const [oldInvitation] = await db
      .insert(invitations)
      .values({ personId: person.personId, tokenHash: randomUUID(), expiresAt: ago(100) })
      .returning();

    const removed = await runRetention(t.app.unitOfWork, t.app.privacy.registry, silent);
    expect(removed.sessions).toBeGreaterThanOrEqual(1);
    expect(removed.notifications_read).toBeGreaterThanOrEqual(1);
    expect(removed.mail_outbox_sent).toBeGreaterThanOrEqual(1);
    expect(removed.invitations).toBeGreaterThanOrEqual(1);

    const gone = async (
      table: typeof sessions | typeof notifications | typeof mailOutbox | typeof invitations,
      id: string,
    ) => (await db.select().from(table).where(eq(table.id, id))).length === 0;
    expect(await gone(sessions, oldSession?.id ?? '')).toBe(true);
    expect(await gone(sessions, person.sessionId)).toBe(false);
    expect(await gone(notifications, oldRead?.id ?? '')).toBe(true);
    expect(await gone(notifications, freshRead?.id ?? '')).toBe(false);
    expect(await gone(mailOutbox, oldMail?.id ?? '')).toBe(true);
    expect(await gone(mailOutbox, freshMail?.id ?? '')).toBe(false);
    expect(await gone(invitations, oldInvitation?.id ?? '')).toBe(true);
  });

  it('unlinks a deleted account from the audit trail once the legal term has passed, and audits that', async () => {
    const leaving = await createActor(t, ['officeholder']);
    expect((await call(t, leaving, 'POST', '/api/me/account/delete', { confirmation: 'DELETE' })).statusCode).toBe(204);
    const [erasure] = await t.app.db
      .select()
      .from(accountErasures)
      .where(eq(accountErasures.personId, leaving.personId));
    expect(erasure).toBeDefined();
    expect(erasure?.identityEnvelope).not.toContain(leaving.email);

    // A day before the term ends: kept.
    const at = (date: Date) => new UnitOfWork({ ...t.app.unitOfWork.deps, now: () => date });
    const termEnds = (erasure?.unlinkAfter ?? new Date()).getTime();
    expect(termEnds - Date.now()).toBeGreaterThan((AUDIT_SUBJECT_LINK_DAYS - 1) * DAY_MS);
    await runRetention(at(new Date(termEnds - DAY_MS)), t.app.privacy.registry, silent);
    expect(
      await t.app.db
        .select()
        .from(accountErasures)
        .where(eq(accountErasures.id, erasure?.id ?? '')),
    ).toHaveLength(1);

    const removed = await runRetention(at(new Date(termEnds + DAY_MS)), t.app.privacy.registry, silent);
    expect(removed.audit_subject_links).toBe(1);
    expect(
      await t.app.db
        .select()
        .from(accountErasures)
        .where(eq(accountErasures.id, erasure?.id ?? '')),
    ).toHaveLength(0);
    const unlinked = await t.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.recordId, erasure?.id ?? ''));
    expect(unlinked.map((row) => row.action)).toContain('privacy.audit_subject_unlinked');
  });
});
