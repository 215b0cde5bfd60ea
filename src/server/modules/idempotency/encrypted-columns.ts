import { idempotencyKeys } from './db.ts';

/** The encrypted column of the idempotency module (kept answers), registered for key rotation (src/server/encrypted-columns.ts). */
export const IDEMPOTENCY_ENCRYPTED_COLUMNS = [
  {
    name: 'idempotency_keys.body_envelope',
    table: idempotencyKeys,
    column: idempotencyKeys.bodyEnvelope,
    primaryKey: idempotencyKeys.id,
  },
] as const;
