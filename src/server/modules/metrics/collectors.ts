import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/index.ts';

/**
 * The business numbers the metrics show, counted in SQL on other modules' tables (their columns as they
 * are published in the migrations), so this module imports none of their code. Counts only: never an
 * id, a name or any content.
 */

/** Open cases past their first-response target and still without a first response, per case type. */
export async function countLateCases(db: Db): Promise<Map<string, number>> {
  const rows = rowsOf<{ type: string; late: number }>(
    await db.execute(sql`
      SELECT type, count(*)::int AS late
        FROM cases
       WHERE closed_at IS NULL
         AND first_response_at IS NULL
         AND first_response_due_at <= now()
       GROUP BY type`),
  );
  return new Map(rows.map((row) => [row.type, Number(row.late)]));
}

/**
 * Mail not (yet) delivered: waiting in the outbox, failed (an attempt failed, a retry is scheduled), and
 * dead (delivery given up: the dead letters an admin sees).
 */
export async function countUndeliveredMail(db: Db): Promise<{ pending: number; failed: number; dead: number }> {
  const [row] = rowsOf<{ pending: number; failed: number; dead: number }>(
    await db.execute(sql`
      SELECT count(*) FILTER (WHERE dead_at IS NULL AND error IS NULL)::int AS pending,
             count(*) FILTER (WHERE dead_at IS NULL AND error IS NOT NULL)::int AS failed,
             count(*) FILTER (WHERE dead_at IS NOT NULL)::int AS dead
        FROM mail_outbox
       WHERE sent_at IS NULL`),
  );
  return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0), dead: Number(row?.dead ?? 0) };
}
