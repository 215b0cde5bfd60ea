import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AccessLogRecords } from './records.ts';
import { auditRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** How modules name their records in a person's access log (a case: its reference). */
    accessLog: AccessLogRecords;
  }
}

/** The audit trail's reader side: the person's access log, and the registry of record names it shows. */
async function auditModule(app: FastifyInstance) {
  app.decorate('accessLog', new AccessLogRecords());
  await app.register(auditRoutes);
}

export default fp(auditModule, { name: 'audit', dependencies: ['database'] });
