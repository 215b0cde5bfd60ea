import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type CaseDeps, RETENTION_JOB, SLA_CHECK_JOB, SLA_SWEEP_JOB } from './context.ts';
import { CaseRequestLimitError } from './limits.ts';
import { CASE_SUBJECT, describeCases } from './notification-subject.ts';
import { CaseTypeRegistry, type CaseTypeSettingsOverrides } from './registry.ts';
import { runRetention } from './retention.ts';
import { caseRoutes } from './routes.ts';
import { caseSettingsFromConfig, mergeSettings } from './settings.ts';
import { WorkingCalendar, type WorkingCalendarOptions } from './sla.ts';
import { runSlaCheck, sweepSla } from './sla-jobs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The case core: registry of case types and what case services need. */
    cases: CaseDeps;
  }
}

export interface CasesModuleOptions {
  /**
   * Per type: other first-response targets, reminder leads, reopen window, retention or request limit,
   * over those from the environment (SUPPORT_* and SIPA_* in config.ts). For tests.
   */
  settings?: CaseTypeSettingsOverrides;
  calendar?: WorkingCalendarOptions;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * The case core: the type registry (filled by the type modules registered after this one), the
 * generic case routes, and the jobs for service targets and retention.
 */
async function casesModule(app: FastifyInstance, options: CasesModuleOptions) {
  const deps: CaseDeps = {
    db: app.db,
    keyring: app.keyring,
    // The environment's settings (config.ts), under whatever the caller passes explicitly (tests).
    registry: new CaseTypeRegistry(mergeSettings(caseSettingsFromConfig(app.config), options.settings)),
    calendar: new WorkingCalendar(options.calendar ?? {}),
    publicUrl: app.config.PUBLIC_URL,
    notifications: app.notifications,
    jobs: app.jobs,
    flushMail: () => app.mail.flush(),
    log: app.log,
    now: options.now ?? (() => new Date()),
  };
  app.decorate('cases', deps);
  app.notifications.describeSubjects(CASE_SUBJECT, (db, readerId, ids) => describeCases(db, readerId, ids));

  // The request limit's answer says when a new request is possible again (RFC 9110 Retry-After).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof CaseRequestLimitError) reply.header('Retry-After', String(error.retryAfterSeconds));
  });

  app.jobs.register({
    name: SLA_CHECK_JOB,
    handler: async (data) => {
      if (typeof data.caseId === 'string') await runSlaCheck(deps, data.caseId);
    },
  });
  app.jobs.register({ name: SLA_SWEEP_JOB, cron: '*/5 * * * *', handler: async () => void (await sweepSla(deps)) });
  app.jobs.register({ name: RETENTION_JOB, cron: '17 3 * * *', handler: async () => void (await runRetention(deps)) });

  await app.register(caseRoutes);
}

export default fp(casesModule, {
  name: 'cases',
  dependencies: ['database', 'keyring', 'mail', 'jobs', 'sessions', 'notifications'],
});
