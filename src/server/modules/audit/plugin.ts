import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { type CheckpointSettings, CheckpointWriter } from './checkpoint-writer.ts';
import { bindAuditKeyring } from './key.ts';
import { ensureLegacyAnchor } from './legacy.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Signed checkpoints of the audit chains (null when switched off, as in most tests). */
    auditCheckpoints: CheckpointWriter | null;
  }
}

export interface AuditPluginOptions {
  checkpoints: CheckpointSettings | null;
}

/**
 * Binds the keyring to the database for the audit chains (every recordAudit on app.db finds it), pins the
 * pre-upgrade rows once, and writes signed checkpoints while the app runs and once more when it stops.
 */
async function auditPlugin(app: FastifyInstance, options: AuditPluginOptions) {
  bindAuditKeyring(app.db, app.keyring);
  const writer = options.checkpoints
    ? new CheckpointWriter({ db: app.db, keyring: app.keyring, settings: options.checkpoints, log: app.log })
    : null;
  app.decorate('auditCheckpoints', writer);
  app.addHook('onReady', async () => {
    const pinned = await ensureLegacyAnchor(app.db);
    if (pinned) {
      app.log.info(
        { legacyRows: pinned.rows, legacyIntact: pinned.intact },
        'audit trail: the rows from before the keyed chains are pinned by an audit.chain_keyed entry',
      );
    }
    if (writer) {
      await writer.tick();
      writer.start();
    }
  });
  // Registered after the database plugin, so this runs before the database closes (onClose runs in reverse).
  app.addHook('onClose', async () => {
    if (!writer) return;
    writer.stop();
    await writer.tick();
  });
}

// The trail's writing side; the module (index.ts, 'audit') is its reading side, the person's access log.
export default fp(auditPlugin, { name: 'audit-trail', dependencies: ['database', 'keyring'] });
