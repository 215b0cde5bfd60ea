import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';
import type { NotificationService } from '../notifications/service.ts';

/** What the people module's services need: the one unit of work, the configuration and the keys. */
export interface PeopleDeps {
  uow: UnitOfWork;
  config: Config;
  keyring: Keyring;
}

/** Admin people management also notifies (role requests go to the other admins). */
export interface AdminPeopleDeps extends PeopleDeps {
  notifications: Pick<NotificationService, 'notify'>;
}

/** The admin routes' services, built from the app (one place for the route files). */
export function adminPeopleDepsOf(app: FastifyInstance): AdminPeopleDeps {
  return { uow: app.unitOfWork, config: app.config, keyring: app.keyring, notifications: app.notifications };
}
