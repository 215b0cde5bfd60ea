import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DAMAGES_SUBJECT } from '../../../shared/damages.ts';
import type { DamagesDeps } from './access.ts';
import { damageRulesAdminRoutes } from './admin-routes.ts';
import { describeIncidentDamages } from './notification-subject.ts';
import { damagesPathStep } from './path-step.ts';
import { DAMAGE_REMINDER_JOB, sweepReminders } from './reminders.ts';
import { damageRoutes } from './routes.ts';
import { syncShippedRules } from './rules.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The damages module's services' dependencies (tests and the demo call the services). */
    damages: DamagesDeps;
  }
}

/**
 * Schadeverhaal (domain.md §5e): the owner's damage claims per incident, their deadline reminders (a cron
 * sweep on the unit of work's clock, and once at start; each deadline claimed once in the database, so restarts and several
 * instances send it once), the damages step of the incident's path, and the Schadefonds rules as dated,
 * admin-kept data (the shipped version loaded on the first start).
 */
async function damagesModule(app: FastifyInstance) {
  const deps: DamagesDeps = { uow: app.unitOfWork, keyring: app.keyring, notifications: app.notifications };
  app.decorate('damages', deps);
  if (await syncShippedRules(app.unitOfWork)) app.log.info('damages: Schadefonds rules loaded');
  app.notifications.describeSubjects(DAMAGES_SUBJECT, describeIncidentDamages);
  app.incidents.path.register(damagesPathStep);
  app.jobs.register({
    name: DAMAGE_REMINDER_JOB,
    cron: '* * * * *',
    handler: async () => void (await sweepReminders(deps)),
  });
  // At start too: a reminder whose day came while no instance ran goes out now, not a minute later.
  app.addHook('onReady', async () => {
    await sweepReminders(deps).catch((error: unknown) =>
      app.log.error({ err: error }, 'damages: the reminder sweep at start failed'),
    );
  });
  await app.register(damageRoutes, { deps });
  await app.register(damageRulesAdminRoutes, { uow: app.unitOfWork });
}

export default fp(damagesModule, {
  name: 'damages',
  dependencies: ['database', 'keyring', 'jobs', 'unit-of-work', 'notifications', 'incidents', 'sessions'],
});
