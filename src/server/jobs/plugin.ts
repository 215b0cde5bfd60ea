import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { JobRunner } from './runner.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background jobs (pg-boss). Modules register handlers while the app is built. */
    jobs: JobRunner;
  }
}

export interface JobsPluginOptions {
  /**
   * Start the runner when the app is ready (main.ts: yes; tests: only those about jobs, which call
   * app.jobs.start() themselves). While stopped, sending is a no-op and the sweeps catch up later.
   */
  start: boolean;
  pollingIntervalSeconds?: number;
}

async function jobsPlugin(app: FastifyInstance, options: JobsPluginOptions) {
  const runner = new JobRunner({
    database: app.database,
    log: app.log,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  app.decorate('jobs', runner);
  if (options.start) {
    app.addHook('onReady', async () => {
      await runner.start();
    });
  }
  // preClose: stop taking jobs before requests drain and long before the database closes.
  app.addHook('preClose', async () => {
    await runner.stop();
  });
}

export default fp(jobsPlugin, { name: 'jobs', dependencies: ['database'] });
