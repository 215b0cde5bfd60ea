import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { deliverPending } from '../modules/mail/service.ts';
import type { MailTransport } from '../modules/mail/transport.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mail: {
      transport: MailTransport;
      /** Delivers queued mail; call after the transaction that queued it has committed. */
      flush(): Promise<void>;
    };
  }
}

async function mailPlugin(app: FastifyInstance, options: { transport: MailTransport }) {
  app.decorate('mail', {
    transport: options.transport,
    flush: async () => {
      try {
        await deliverPending(app.db, app.keyring, options.transport);
      } catch (error) {
        // Delivery problems must not fail the request that queued the mail; it stays in the outbox.
        app.log.error({ err: error }, 'mail delivery failed');
      }
    },
  });
  // Whatever a previous run left undelivered goes out now.
  app.addHook('onReady', async () => {
    await app.mail.flush();
  });
}

export default fp(mailPlugin, { name: 'mail', dependencies: ['database', 'keyring'] });
