import { damageClaims, damageDeadlines } from './db.ts';

/** The encrypted columns of the damages module, spread into the key-rotation registry. */
export const DAMAGE_ENCRYPTED_COLUMNS = [
  {
    name: 'damage_claims.content_envelope',
    table: damageClaims,
    column: damageClaims.contentEnvelope,
    primaryKey: damageClaims.id,
  },
  {
    name: 'damage_deadlines.label_envelope',
    table: damageDeadlines,
    column: damageDeadlines.labelEnvelope,
    primaryKey: damageDeadlines.id,
  },
] as const;
