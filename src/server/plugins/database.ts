import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Database, Db } from '../db/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Drizzle handle; the same type whichever database runs underneath. */
    db: Db;
    database: Database;
  }
}

export interface DatabasePluginOptions {
  database: Database;
  /** Close the database when the app closes; false when the caller owns it (tests sharing one database). */
  closeOnAppClose: boolean;
}

async function databasePlugin(app: FastifyInstance, options: DatabasePluginOptions) {
  app.decorate('database', options.database);
  app.decorate('db', options.database.db);
  if (options.closeOnAppClose) {
    // onClose runs after the server stopped accepting and in-flight requests finished.
    app.addHook('onClose', async () => {
      await options.database.close();
    });
  }
}

export default fp(databasePlugin, { name: 'database' });
