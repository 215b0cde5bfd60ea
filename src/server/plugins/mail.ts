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
  const deliver = async () => {
    try {
      await deliverPending(app.db, app.keyring, options.transport);
    } catch (error) {
      // Delivery problems must not fail the request that queued the mail; it stays in the outbox.
      app.log.error({ err: error }, 'mail delivery failed');
    }
  };
  // One delivery run at a time in this process: requests that commit mail while one runs wait for one
  // more pass instead of each starting a run. Across instances, each run claims the rows it delivers
  // (deliverPending), so two instances flushing at once never send a message twice.
  let running: Promise<void> | null = null;
  let again = false;
  app.decorate('mail', {
    transport: options.transport,
    flush: () => {
      if (running) {
        again = true;
        return running;
      }
      running = (async () => {
        do {
          again = false;
          await deliver();
        } while (again);
      })().finally(() => {
        running = null;
      });
      return running;
    },
  });
  // Whatever a previous run left undelivered goes out now.
  app.addHook('onReady', async () => {
    await app.mail.flush();
  });
}

export default fp(mailPlugin, { name: 'mail', dependencies: ['database', 'keyring'] });
