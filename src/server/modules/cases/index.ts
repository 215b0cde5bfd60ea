import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { caseRecordNamer } from './access-log-records.ts';
import { actionRoutes } from './action-routes.ts';
import { type CaseDeps, RETENTION_JOB, SLA_CHECK_JOB, SLA_SWEEP_JOB } from './context.ts';
import { CaseCore } from './facade.ts';
import { CaseRequestLimitError } from './limits.ts';
import { CASE_SUBJECT, describeCases } from './notification-subject.ts';
import { CaseTypeRegistry, type CaseTypeSettingsOverrides } from './registry.ts';
import { runRetention } from './retention.ts';
import { caseRoutes } from './routes.ts';
import { WorkingCalendar, type WorkingCalendarOptions } from './sla.ts';
import { runSlaCheck, sweepSla } from './sla-jobs.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The case core's façade: type modules register their case type here and work through it. */
    cases: CaseCore;
  }
}

/**
 * A case-type module: a Fastify plugin, registered after the cases module, that registers its type
 * (`app.cases.registerType(definition, { settings })`) and its own routes. See ARCHITECTURE.md ("How a case type plugs in").
 */
export type CaseTypeModule = (app: FastifyInstance) => Promise<void>;

export interface CasesModuleOptions {
  /**
   * Per type: other first-response targets, reminder leads, reopen window, retention, request limit or
   * file space, over those of the type and the environment (SUPPORT_*, SIPA_* in config.ts). For tests.
   */
  settings?: CaseTypeSettingsOverrides;
  calendar?: WorkingCalendarOptions;
}

/**
 * The case core: the type registry (filled by the type modules registered after this one), the
 * generic case routes, the jobs for service targets and retention. Its clock is the unit of work's.
 */
async function casesModule(app: FastifyInstance, options: CasesModuleOptions) {
  const deps: CaseDeps = {
    uow: app.unitOfWork,
    keyring: app.keyring,
    registry: new CaseTypeRegistry(options.settings),
    calendar: new WorkingCalendar(options.calendar ?? {}),
    notifications: app.notifications,
  };
  const core = new CaseCore(deps);
  app.decorate('cases', core);
  app.notifications.describeSubjects(CASE_SUBJECT, describeCases);
  app.accessLog.nameRecords(caseRecordNamer(deps.registry));
  // A type's own audit actions (its auditTexts) read in the person's access log as the catalogue's do.
  app.accessLog.textActions(
    (action) =>
      deps.registry.all().find((definition) => definition.auditTexts && Object.hasOwn(definition.auditTexts, action))
        ?.auditTexts?.[action] ?? null,
  );

  // The request limit's answer says when a new request is possible again (RFC 9110 Retry-After).
  app.addHook('onError', async (_request, reply, error) => {
    if (error instanceof CaseRequestLimitError) reply.header('Retry-After', String(error.retryAfterSeconds));
  });

  app.jobs.register({
    name: SLA_CHECK_JOB,
    handler: async (data) => {
      if (typeof data.caseId === 'string') await runSlaCheck(core, data.caseId);
    },
  });
  app.jobs.register({ name: SLA_SWEEP_JOB, cron: '*/5 * * * *', handler: async () => void (await sweepSla(core)) });
  app.jobs.register({ name: RETENTION_JOB, cron: '17 3 * * *', handler: async () => void (await runRetention(core)) });

  await app.register(caseRoutes);
  await app.register(actionRoutes);
}

export default fp(casesModule, {
  name: 'cases',
  dependencies: ['database', 'keyring', 'mail', 'jobs', 'sessions', 'unit-of-work', 'notifications', 'audit'],
});
