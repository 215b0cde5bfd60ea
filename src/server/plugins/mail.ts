import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { deliverDue } from '../modules/mail/delivery.ts';
import type { MailTransport } from '../modules/mail/transport.ts';

declare module 'fastify' {
  interface FastifyInstance {
    mail: {
      transport: MailTransport;
      /** Delivers the mail that is due; call after the transaction that queued it has committed. */
      flush(): Promise<void>;
    };
  }
}

/** The job that delivers due retries: sent for each retry's time, and on a cron for what a stopped runner missed. */
export const MAIL_RETRY_JOB = 'mail.retry';

export interface MailPluginOptions {
  transport: MailTransport;
  /** The clock that decides what is due (the unit of work's; tests move it). */
  now?: () => Date;
  /** The back-off between attempts (tests shorten it); MAIL_RETRY_DELAYS_MS by default. */
  retryDelaysMs?: readonly number[];
}

async function mailPlugin(app: FastifyInstance, options: MailPluginOptions) {
  const now = options.now ?? (() => new Date());
  const deliver = async () => {
    try {
      const pass = await deliverDue(app.db, app.keyring, options.transport, {
        now,
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      });
      if (pass.retrying > 0 || pass.dead > 0) {
        app.log.warn({ retrying: pass.retrying, dead: pass.dead }, 'mail delivery failed (retried later or dead)');
      }
      // The retry is a row (next_attempt_at), so a lost job only delays it until the cron's next run.
      if (pass.nextRetryAt) await app.jobs.send(MAIL_RETRY_JOB, {}, { startAfter: pass.nextRetryAt });
    } catch (error) {
      // Delivery problems must not fail the request that queued the mail; it stays in the outbox.
      app.log.error({ err: error }, 'mail delivery failed');
    }
  };
  // One delivery run at a time in this process: requests that commit mail while one runs wait for one
  // more pass instead of each claiming rows at once. Other processes are kept apart by the claim itself.
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
  app.jobs.register({ name: MAIL_RETRY_JOB, cron: '*/5 * * * *', handler: () => app.mail.flush() });
  // Whatever a previous run left undelivered (and is due) goes out now.
  app.addHook('onReady', async () => {
    await app.mail.flush();
  });
}

export default fp(mailPlugin, { name: 'mail', dependencies: ['database', 'keyring', 'jobs'] });
