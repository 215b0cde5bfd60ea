import { and, eq } from 'drizzle-orm';
import { type DamageStatus, FINAL_DAMAGE_STATUSES } from '../../../shared/damages.ts';
import type { DbOrTx } from '../../db/index.ts';
import type { IncidentPathStepProvider } from '../incidents/path.ts';
import { damageClaims } from './db.ts';

/**
 * The damages step of an incident's path: todo without a claim, done when every claim is finished (paid,
 * refused or withdrawn), started otherwise; since the last change of a claim. Reads only statuses.
 */
export const damagesPathStep: IncidentPathStepProvider = {
  step: 'damages',
  async progress(db: DbOrTx, incident) {
    const rows = await db
      .select({ status: damageClaims.status, updatedAt: damageClaims.updatedAt })
      .from(damageClaims)
      .where(and(eq(damageClaims.incidentId, incident.id), eq(damageClaims.ownerId, incident.ownerId)));
    if (rows.length === 0) return { state: 'todo', since: null };
    const since = new Date(Math.max(...rows.map((row) => row.updatedAt.getTime())));
    const done = rows.every((row) => FINAL_DAMAGE_STATUSES.includes(row.status as DamageStatus));
    return { state: done ? 'done' : 'started', since };
  },
};
