import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AFTERCARE_SUBJECT_TYPE } from '../../../shared/aftercare.ts';
import { noIncidents } from '../support/incident-share.ts';
import { submitSupportRequest } from '../support/service.ts';
import { supportCaseType } from '../support/type.ts';
import { noZelfscanResults } from '../support/zelfscan.ts';
import { aftercarePathStep, aftercareRecordNamer, describePlans } from './describe.ts';
import type { AftercareDeps } from './records.ts';
import type { AftercareRequester } from './request.ts';
import { aftercareRoutes } from './routes.ts';
import { type AftercareSettings, aftercareSettingsFromConfig } from './settings.ts';
import { AFTERCARE_SWEEP_JOB, sweepAftercare } from './sweep.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The aftercare services' dependencies (the demo seed and the tests' sweeps call the services). */
    aftercare: AftercareDeps;
  }
}

export interface AftercareModuleOptions {
  /** Tests: settings over the deployment's AFTERCARE_* variables. */
  settings?: Partial<AftercareSettings>;
}

/**
 * Nazorg (domain.md §7): aftercare plans on support cases, check-ins for the person and the relatives
 * they include, referral prompts from rules as data. Not a case type: its own tables, on the unit of
 * work, the notifications and the job queue. The check-ins move along by a sweep every minute on the
 * unit of work's clock; each move is claimed in the database, so restarts and several instances neither
 * lose nor repeat one.
 */
async function aftercare(app: FastifyInstance, options: AftercareModuleOptions) {
  const deps: AftercareDeps = {
    uow: app.unitOfWork,
    keyring: app.keyring,
    notifications: app.notifications,
    settings: { ...aftercareSettingsFromConfig(app.config), ...options.settings },
  };
  app.decorate('aftercare', deps);
  const supportCases = app.cases.of(supportCaseType);
  const requester: AftercareRequester = {
    openSupportCase: (ctx, request) => submitSupportRequest(supportCases, ctx, request, noZelfscanResults, noIncidents),
  };
  app.notifications.describeSubjects(AFTERCARE_SUBJECT_TYPE, describePlans);
  app.accessLog.nameRecords(aftercareRecordNamer);
  app.incidents.path.register(aftercarePathStep);
  app.jobs.register({
    name: AFTERCARE_SWEEP_JOB,
    cron: '* * * * *',
    handler: async () => void (await sweepAftercare(deps)),
  });
  // A server whose clock a browser test moves (TEST_CLOCK_FILE, refused in production) also sweeps every
  // few seconds, so the test need not wait for the next minute's cron; the claims make the extra runs safe.
  if (app.config.TEST_CLOCK_FILE) {
    let timer: NodeJS.Timeout | null = null;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        sweepAftercare(deps).catch((error: unknown) => app.log.warn({ err: error }, 'aftercare: test sweep failed'));
      }, TEST_CLOCK_SWEEP_MS);
      timer.unref();
    });
    app.addHook('preClose', async () => {
      if (timer) clearInterval(timer);
    });
  }
  await app.register(aftercareRoutes, { deps, requester });
}

const TEST_CLOCK_SWEEP_MS = 2_000;

export const aftercareModule = fp(aftercare, {
  name: 'aftercare',
  dependencies: ['database', 'jobs', 'unit-of-work', 'notifications', 'sessions', 'incidents'],
});
