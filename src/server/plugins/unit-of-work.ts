import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { UnitOfWork } from '../lib/unit-of-work.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one unit of work every change runs in (src/server/lib/unit-of-work.ts). */
    unitOfWork: UnitOfWork;
  }
}

export interface UnitOfWorkPluginOptions {
  /** The clock every change reads (tests may move it). */
  now?: () => Date;
}

async function unitOfWorkPlugin(app: FastifyInstance, options: UnitOfWorkPluginOptions) {
  app.decorate(
    'unitOfWork',
    new UnitOfWork({
      db: app.db,
      log: app.log,
      jobs: app.jobs,
      flushMail: () => app.mail.flush(),
      now: options.now ?? (() => new Date()),
    }),
  );
}

export default fp(unitOfWorkPlugin, { name: 'unit-of-work', dependencies: ['database', 'mail', 'jobs'] });
