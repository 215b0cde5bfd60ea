import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { TRAINING_SUBJECT } from '../../../shared/training.ts';
import { coordinatorRoutes } from './coordinator-routes.ts';
import { describeEnrolments } from './notification-subject.ts';
import type { TrainingDeps } from './records.ts';
import { participantRoutes } from './routes.ts';
import { PROMOTE_JOB, PROMOTE_SWEEP_JOB, promoteWaiting, sweepWaitlists } from './waitlist.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The training module's services' dependencies (demo seeding and benchmarks call the services). */
    training: TrainingDeps;
  }
}

/**
 * The training "Omgaan met intimidatie en bedreiging": offerings and sessions (training coordinators),
 * enrolment with a fair waiting list (office holders), calendar invitations, attendance and
 * certificates. Not a case: its own tables, on the unit of work and the notifications module. A freed
 * seat goes to the next in line through a job (pg-boss, so it survives a restart), with a sweep every
 * minute behind it.
 */
async function trainingModule(app: FastifyInstance) {
  const deps: TrainingDeps = {
    uow: app.unitOfWork,
    notifications: app.notifications,
    publicUrl: app.config.PUBLIC_URL,
    mailFrom: app.config.MAIL_FROM,
  };
  app.decorate('training', deps);
  app.notifications.describeSubjects(TRAINING_SUBJECT, describeEnrolments);

  app.jobs.register({
    name: PROMOTE_JOB,
    handler: async (data) => {
      if (typeof data.sessionId === 'string') await promoteWaiting(deps, data.sessionId);
    },
  });
  app.jobs.register({
    name: PROMOTE_SWEEP_JOB,
    cron: '* * * * *',
    handler: async () => void (await sweepWaitlists(deps)),
  });

  await app.register(participantRoutes, { deps });
  await app.register(coordinatorRoutes, { deps });
}

export default fp(trainingModule, {
  name: 'training',
  dependencies: ['database', 'jobs', 'unit-of-work', 'notifications', 'sessions'],
});
