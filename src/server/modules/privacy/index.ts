import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { PersonalDataRegistry } from '../../lib/personal-data.ts';
import type { PrivacyDeps } from './deps.ts';
import { AUDIT_SUBJECT_LINK_DAYS } from './personal-data.ts';
import { RETENTION_JOB, runRetention } from './retention.ts';
import { privacyRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The privacy module's dependencies, with the composed personal-data registry (tests, the CLI). */
    privacy: PrivacyDeps;
  }
}

export interface PrivacyModuleOptions {
  /** Every module's personal data, composed by src/server/personal-data.ts. */
  registry: PersonalDataRegistry;
}

/**
 * Mijn gegevens: the person's AVG rights on every module's data, through the registry — the export,
 * deleting the account — and the nightly retention job that enforces every registered term.
 */
async function privacy(app: FastifyInstance, options: PrivacyModuleOptions) {
  const deps: PrivacyDeps = {
    uow: app.unitOfWork,
    keyring: app.keyring,
    registry: options.registry,
    auditSubjectLinkDays: AUDIT_SUBJECT_LINK_DAYS,
  };
  app.decorate('privacy', deps);
  app.jobs.register({
    name: RETENTION_JOB,
    cron: '41 3 * * *',
    handler: async () => {
      const removed = await runRetention(deps.uow, deps.registry, app.log);
      app.log.info({ removed }, 'privacy: retention applied');
    },
  });
  await app.register(privacyRoutes(deps));
}

export const privacyModule = fp(privacy, {
  name: 'privacy',
  dependencies: ['database', 'keyring', 'jobs', 'unit-of-work', 'sessions', 'cases', 'incidents'],
});
