import type { FastifyInstance } from 'fastify';
import { adminPeopleRoutes } from './admin-routes.ts';
import { mailFailureRoutes } from './mail-failure-routes.ts';
import { outboxRoutes } from './outbox-routes.ts';
import { relativesRoutes } from './relatives-routes.ts';
import { roleGrantRoutes } from './role-grant-routes.ts';

/**
 * People management: admin accounts and invitations, role requests a second admin approves, the local
 * outbox and the mail that could not be delivered, an officeholder's relatives.
 */
export async function peopleModule(app: FastifyInstance) {
  await app.register(adminPeopleRoutes);
  await app.register(outboxRoutes);
  await app.register(mailFailureRoutes);
  await app.register(relativesRoutes);
  await app.register(roleGrantRoutes);
}
