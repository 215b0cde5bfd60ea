import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Keyring } from '../lib/crypto/index.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The one keyring for encryption at rest and keyed hashes (src/server/lib/crypto). */
    keyring: Keyring;
  }
}

async function keyringPlugin(app: FastifyInstance, options: { keyring: Keyring }) {
  app.decorate('keyring', options.keyring);
}

export default fp(keyringPlugin, { name: 'keyring' });
