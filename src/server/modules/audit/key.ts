import type { DbOrTx } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';

/**
 * The chain MAC needs the keyring, but recordAudit(tx, ctx, entry) is called from every module with only
 * a transaction in hand. Rather than thread a key through fifty call sites, the keyring is bound once to
 * the database handle (buildApp, the CLI) and found again from any transaction on it: Drizzle gives a
 * handle and all its transactions (and savepoints) the same dialect object, which serves as the key here.
 * A handle without a bound keyring cannot write or check audit rows (a clear error, never an unkeyed row).
 */
const keyrings = new WeakMap<object, Keyring>();

function anchorOf(handle: DbOrTx): object {
  const dialect = (handle as unknown as { dialect?: object }).dialect;
  if (!dialect) throw new Error('Not a Drizzle database handle');
  return dialect;
}

export function bindAuditKeyring(db: DbOrTx, keyring: Keyring): void {
  keyrings.set(anchorOf(db), keyring);
}

export function auditKeyringOf(handle: DbOrTx): Keyring {
  const keyring = keyrings.get(anchorOf(handle));
  if (!keyring) {
    throw new Error('No keyring is bound to this database for the audit trail (bindAuditKeyring in buildApp/CLI)');
  }
  return keyring;
}
