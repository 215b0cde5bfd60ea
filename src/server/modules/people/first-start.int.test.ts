import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditLog } from '../audit/db.ts';
import { SETUP_PLACEHOLDER_EMAIL } from './admin-set.ts';
import { people, personRoles } from './db.ts';
import { ensureSetupInvitation, setupLinkBanner } from './first-start.ts';
import { findUsableInvitation } from './invitations.ts';
import { findPersonByEmail, insertInvitedPerson } from './repository.ts';

const tokenOf = (link: string) => link.split('#token=')[1] ?? '';

describe('first start', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const setup = () => ensureSetupInvitation({ uow: t.app.unitOfWork, config: t.config, keyring: t.keyring });

  it('issues a one-time setup link for a placeholder admin while no admin is active', async () => {
    const mails = t.sentMail.length;
    const first = await setup();
    expect(first?.link).toMatch(new RegExp(`^${t.config.PUBLIC_URL}/activeren#token=[A-Za-z0-9_-]{43}$`));
    const invitation = await findUsableInvitation(t.app.db, tokenOf(first?.link ?? ''));
    expect(invitation).toMatchObject({ kind: 'setup', person: { email: SETUP_PLACEHOLDER_EMAIL, roles: ['admin'] } });
    // Printed, not mailed.
    expect(t.sentMail.length).toBe(mails);
    expect(setupLinkBanner(first ?? { link: 'x', expiresAt: new Date() })).toContain(first?.link);

    // A restart: a new link, and the previous one stops working. Still one placeholder.
    const second = await setup();
    expect(second?.link).not.toBe(first?.link);
    expect(await findUsableInvitation(t.app.db, tokenOf(first?.link ?? ''))).toBeNull();
    expect((await findUsableInvitation(t.app.db, tokenOf(second?.link ?? '')))?.kind).toBe('setup');
    expect(await t.app.db.select().from(people).where(eq(people.email, SETUP_PLACEHOLDER_EMAIL))).toHaveLength(1);
  });

  it('restores a placeholder someone deactivated', async () => {
    await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.email, SETUP_PLACEHOLDER_EMAIL));
    const again = await setup();
    expect((await findUsableInvitation(t.app.db, tokenOf(again?.link ?? '')))?.person.status).toBe('invited');
  });

  it('refuses to make the first admin of a placeholder that holds a role that reads cases', async () => {
    const placeholder = await findPersonByEmail(t.app.db, SETUP_PLACEHOLDER_EMAIL);
    if (!placeholder) throw new Error('no placeholder');
    await t.app.db.transaction(async (tx) => {
      await tx.delete(personRoles).where(eq(personRoles.personId, placeholder.id));
      await tx.insert(personRoles).values({ personId: placeholder.id, role: 'ot_coordinator' });
    });
    await expect(setup()).rejects.toMatchObject({ code: 'roles_conflict' });
    expect((await findPersonByEmail(t.app.db, SETUP_PLACEHOLDER_EMAIL))?.roles).toEqual(['ot_coordinator']);
    await t.app.db.transaction(async (tx) => {
      await tx.delete(personRoles).where(eq(personRoles.personId, placeholder.id));
      await tx.insert(personRoles).values({ personId: placeholder.id, role: 'admin' });
    });
  });

  it('does nothing once an active admin exists, and the last link keeps working until used', async () => {
    const last = await setup();
    await createActor(t, ['admin']);
    expect(await setup()).toBeNull();
    expect(await findUsableInvitation(t.app.db, tokenOf(last?.link ?? ''))).not.toBeNull();
    const placeholder = await findPersonByEmail(t.app.db, SETUP_PLACEHOLDER_EMAIL);
    const trail = await t.app.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subjectPersonId, placeholder?.id ?? ''));
    expect(trail.map((row) => row.action)).toContain('invitation.issued');
  });

  it('an invited (not yet active) admin does not count', async () => {
    const t2 = await createTestApp();
    try {
      await t2.app.db.transaction((tx) =>
        insertInvitedPerson(tx, { email: 'pending-admin@example.org', roles: ['admin'] }, null),
      );
      expect(
        await ensureSetupInvitation({ uow: t2.app.unitOfWork, config: t2.config, keyring: t2.keyring }),
      ).not.toBeNull();
    } finally {
      await t2.close();
    }
  });
});
