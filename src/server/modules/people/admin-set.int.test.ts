import { describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../../test/helpers/actors.ts';
import { createTestApp } from '../../../../test/helpers/test-app.ts';
import { systemContext } from '../../lib/context.ts';
import { deactivatePerson } from './admin-service.ts';
import { findPersonById } from './repository.ts';
import { changeRoles } from './roles-service.ts';

describe('the set of active admins', () => {
  it('keeps one admin when two admins demote each other at the same moment', async () => {
    const t2 = await createTestApp();
    try {
      const a = await createActor(t2, ['admin']);
      const b = await createActor(t2, ['admin']);
      const ctxOf = (actor: TestActor) => systemContext({ personId: actor.personId, roles: ['admin'] });
      const deps = {
        uow: t2.app.unitOfWork,
        config: t2.config,
        keyring: t2.keyring,
        notifications: t2.app.notifications,
      };
      // Both transactions run at once (on PostgreSQL on separate connections); the advisory lock makes
      // the second one see the first one's result.
      const results = await Promise.allSettled([
        changeRoles(deps, ctxOf(a), b.personId, { roles: ['training_coordinator'] }),
        changeRoles(deps, ctxOf(b), a.personId, { roles: ['training_coordinator'] }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((result) => result.status === 'rejected');
      expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'last_admin' });
      const remaining = results[0]?.status === 'fulfilled' ? a : b;
      expect((await findPersonById(t2.app.db, remaining.personId))?.roles).toEqual(['admin']);

      // Through HTTP as well: the demoted admin is refused at the door (403), the remaining one by the rule.
      const loser = remaining === a ? b : a;
      const demote = (actor: TestActor, target: TestActor) =>
        t2.app.inject({
          method: 'PUT',
          url: `/api/admin/people/${target.personId}/roles`,
          headers: actor.headers,
          payload: { roles: ['training_coordinator'] },
        });
      expect((await demote(loser, remaining)).statusCode).toBe(403);
      expect((await demote(remaining, remaining)).json().code).toBe('own_roles');

      // With one admin left, the service refuses to take it, whoever asks.
      await expect(deactivatePerson(deps, systemContext(), remaining.personId)).rejects.toMatchObject({
        code: 'last_admin',
      });
      await expect(
        changeRoles(deps, systemContext(), remaining.personId, { roles: ['training_coordinator'] }),
      ).rejects.toMatchObject({
        code: 'last_admin',
      });
    } finally {
      await t2.close();
    }
  });
});
