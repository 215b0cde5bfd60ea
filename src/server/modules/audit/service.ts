import { aliasedTable, and, desc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import type { AuditAction } from '../../../shared/catalogue/index.ts';
import type { AccessLogEntry } from '../../../shared/session.ts';
import { type DbOrTx, rowsOf, type Tx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { people } from '../people/db.ts';
import { type AuditDetails, CHAIN_COUNT, chainGenesis, macRow } from './chain.ts';
import { auditLog, auditRefreshMarks } from './db.ts';
import { auditKeyringOf } from './key.ts';
import { type AccessLogRecords, type RecordRef, recordKey } from './records.ts';

export { type VerifyResult, verifyAuditChain } from './verify.ts';

export interface AuditEntry {
  /**
   * What happened, as `area.verb`, e.g. `session.signed_in`, `person.roles_changed`, `case.read`: one of
   * the typed catalogue's actions (src/shared/catalogue), each with the text the person reads.
   */
  action: AuditAction;
  outcome?: 'success' | 'failure' | 'denied';
  /** Whose data this is about; they see the entry under "Wie heeft mijn gegevens ingezien?". */
  subjectPersonId?: string | null;
  recordType?: string;
  recordId?: string;
  /** Plain facts only (ids, counts, codes): never names, messages, addresses or secrets. */
  details?: AuditDetails;
  /** Overrides the actor of the context, e.g. for a failed sign-in of a known account. */
  actorPersonId?: string | null;
}

/** Advisory-lock class of the chains (two-key form: class, chain); "AUDT" in ASCII. */
export const AUDIT_LOCK_CLASS = 0x41554454;

/** The one row a page refreshing itself leaves per actor, record and window. */
export const BACKGROUND_REFRESH_ACTION = 'access.background_refresh';
export const REFRESH_WINDOW_MINUTES = 15;

/**
 * Appends one entry to the trail, inside the caller's transaction: if the change rolls back, so does its
 * audit entry, and a change cannot commit without it.
 *
 * No global queue: the transaction's id picks one of CHAIN_COUNT chains (the same one for every entry of
 * the transaction, so two transactions can never wait for each other's chain lock in opposite order), and
 * only writers on that chain wait for each other, until commit. Within the chain the position is gapless
 * and the row is MAC'd with the keyring over its content and its predecessor.
 */
export async function recordAudit(tx: Tx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  const keyring = auditKeyringOf(tx);
  let recorded = entry;
  if (ctx.backgroundRefresh && ctx.actor && (entry.outcome ?? 'success') === 'success') {
    if (!(await firstInRefreshWindow(tx, ctx.actor.personId, entry))) return;
    recorded = {
      action: BACKGROUND_REFRESH_ACTION,
      subjectPersonId: entry.subjectPersonId ?? null,
      ...(entry.recordType !== undefined ? { recordType: entry.recordType } : {}),
      ...(entry.recordId !== undefined ? { recordId: entry.recordId } : {}),
      details: { first: entry.action, windowMinutes: REFRESH_WINDOW_MINUTES },
    };
  }
  const [picked] = rowsOf<{ chain: number }>(
    await tx.execute(sql`
      SELECT c.chain, pg_advisory_xact_lock(${AUDIT_LOCK_CLASS}::int, c.chain)::text AS locked
      FROM (SELECT (txid_current() % ${CHAIN_COUNT})::int AS chain) c`),
  );
  const chain = Number(picked?.chain);
  const [head] = rowsOf<{ seq: string | number; chain_seq: string | number | null; hash: string | null }>(
    await tx.execute(sql`
      SELECT nextval('audit_log_seq') AS seq, h.chain_seq, h.hash
      FROM (SELECT 1) AS one
      LEFT JOIN LATERAL (
        SELECT ${auditLog.chainSeq}, ${auditLog.hash} FROM ${auditLog}
        WHERE ${auditLog.chain} = ${chain} ORDER BY ${auditLog.chainSeq} DESC LIMIT 1
      ) AS h ON true`),
  );
  if (!head) throw new Error('The audit sequence did not answer');
  const row = {
    seq: Number(head.seq),
    chain,
    chainSeq: Number(head.chain_seq ?? 0) + 1,
    // Millisecond precision, as JavaScript keeps it, so the stored value hashes the same when read back.
    at: new Date(),
    actorPersonId: recorded.actorPersonId !== undefined ? recorded.actorPersonId : (ctx.actor?.personId ?? null),
    actorRoles: ctx.actor ? [...ctx.actor.roles].sort().join(',') : '',
    action: recorded.action,
    subjectPersonId: recorded.subjectPersonId ?? null,
    recordType: recorded.recordType ?? null,
    recordId: recorded.recordId ?? null,
    outcome: recorded.outcome ?? 'success',
    ipHash: ctx.ipHash,
    requestId: ctx.requestId,
    details: recorded.details ?? null,
    prevHash: head.hash ?? chainGenesis(keyring, chain),
  };
  await tx.insert(auditLog).values({ ...row, hash: macRow(keyring, row) });
}

/** True for the first background read of this record by this actor in the current window. */
async function firstInRefreshWindow(tx: Tx, actorPersonId: string, entry: AuditEntry): Promise<boolean> {
  const windowMs = REFRESH_WINDOW_MINUTES * 60_000;
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const recordKey = [entry.recordType ?? '', entry.recordId ?? '', entry.subjectPersonId ?? ''].join(':');
  const inserted = await tx
    .insert(auditRefreshMarks)
    .values({ actorPersonId, recordKey, windowStart })
    .onConflictDoNothing()
    .returning({ actorPersonId: auditRefreshMarks.actorPersonId });
  return inserted.length > 0;
}

/** Audits in a transaction of its own, for events that are not part of a change (a failed sign-in). */
export async function recordAuditAlone(db: DbOrTx, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await db.transaction((tx) => recordAudit(tx, ctx, entry));
}

/**
 * "Wie heeft mijn gegevens ingezien?": every entry about this person made by someone else (or by
 * Weerbaar itself), newest first, each with its text from the catalogue and the record as the person
 * knows it (a case's reference, named by its module). Failed sign-in attempts on the account are
 * included: they are about the person too. Work outside any request (jobs, the first start, the demo's
 * example data, the command line) has no request id: that is Weerbaar itself, not an anonymous visitor.
 */
export async function listAccessByOthers(
  db: DbOrTx,
  records: AccessLogRecords,
  personId: string,
  limit = 500,
): Promise<AccessLogEntry[]> {
  const actor = aliasedTable(people, 'actor');
  const rows = await db
    .select({
      at: auditLog.at,
      action: auditLog.action,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      actorPersonId: auditLog.actorPersonId,
      requestId: auditLog.requestId,
      actorName: actor.displayName,
      actorRoles: auditLog.actorRoles,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorPersonId))
    .where(
      and(
        eq(auditLog.subjectPersonId, personId),
        or(isNull(auditLog.actorPersonId), ne(auditLog.actorPersonId, personId)),
      ),
    )
    .orderBy(desc(auditLog.seq))
    .limit(limit);
  const refs = new Map<string, RecordRef>();
  for (const row of rows) {
    if (row.recordType && row.recordId) {
      const ref = { type: row.recordType, id: row.recordId };
      refs.set(recordKey(ref), ref);
    }
  }
  const names = await records.names(db, [...refs.values()]);
  return rows.map((row) => {
    const text = records.textOf(row.action);
    const name =
      row.recordType && row.recordId ? names.get(recordKey({ type: row.recordType, id: row.recordId })) : null;
    return {
      at: row.at.toISOString(),
      action: row.action,
      description: text ? { nl: text.nl, en: text.en } : null,
      recordType: row.recordType,
      record: name ?? null,
      actorKind: row.actorPersonId ? 'person' : row.requestId ? 'anonymous' : 'system',
      actorName: row.actorName,
      actorRoles: row.actorRoles ? row.actorRoles.split(',') : [],
    };
  });
}
