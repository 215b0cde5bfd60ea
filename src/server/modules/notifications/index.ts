import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { notificationRoutes } from './routes.ts';
import { NotificationService } from './service.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** In-app notifications for any module (subject: a module's record type and id). */
    notifications: NotificationService;
  }
}

/**
 * Notifications as their own module: cases (and later training sessions, aftercare check-ins, damage
 * claims) notify through `app.notifications` inside their unit of work and describe their subjects
 * for the list; the person reads and marks them under /api/me/notifications.
 */
async function notificationsModule(app: FastifyInstance) {
  app.decorate(
    'notifications',
    new NotificationService({ uow: app.unitOfWork, keyring: app.keyring, publicUrl: app.config.PUBLIC_URL }),
  );
  await app.register(notificationRoutes);
}

export default fp(notificationsModule, {
  name: 'notifications',
  dependencies: ['database', 'keyring', 'mail', 'unit-of-work', 'sessions'],
});
