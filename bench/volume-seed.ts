import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../src/server/db/index.ts';
import { rowsOf } from '../src/server/db/index.ts';

/**
 * Case volumes for the bench, written straight into the tables with SQL (generate_series), not through
 * the app: a million cases in a minute or two instead of hours. Part of the benchmark harness only.
 *
 * The shape, the same at every volume:
 * - 40 confidants (8 per association: NGB, Wethoudersvereniging, NVvR, IPO, BZK), 2 coordinators,
 *   9 peers, 5,000 officeholders who asked for help, and the bench's own people (below);
 * - OPEN_CASES open support requests: a fifth unassigned (spread over the associations, one in ten
 *   urgent, a few colleague concerns for the coordinator), the rest assigned to a confidant of their
 *   association in every working status, service targets from late to a day ahead, three messages each;
 * - the rest of the volume is history: closed cases (a quarter of them destroyed after retention, as
 *   tombstones), each with its assignment, and notifications for their requesters.
 *
 * Ids are derived from a case's number (the md5 of `'bench-case-' || n` as a version-4 UUID), so each table's rows for case
 * n are written without a join, and growing from 10k to 100k only adds cases OPEN_CASES+1….
 */

/** Open cases at every volume: the work in progress is what the staff can carry, not the history. */
export const OPEN_CASES = 2_000;
const ASSOCIATIONS = ['ngb', 'wethoudersvereniging', 'nvvr', 'ipo', 'bzk'];
const OFFICE_OF = ['burgemeester', 'wethouder', 'raadslid', 'statenlid', 'waterschapsbestuurder'];
const CONFIDANTS_PER_ASSOCIATION = 8;
const REQUESTERS = 5_000;
const PEERS = 9;

/** The people the scenarios act as, and the case the message scenario writes in. */
export interface VolumeWorld {
  /** NGB confidant with a share of the assigned cases (and of the history). */
  confidantId: string;
  /** Coordinator of the support team: sees every case of the type. */
  coordinatorId: string;
  /** Officeholder with five cases of their own in every state. */
  requesterId: string;
  /** Another officeholder, for the cheap read (their notifications). */
  readerId: string;
  /** The requester's case the confidant is assigned to, shared with 9 peers (10 people notified per message). */
  messageCaseId: string;
}

/** A stable, valid version-4 UUID from a key (the API's schemas check the version and variant digits). */
const id = (key: string) => `overlay(overlay(md5(${key}) placing '4' from 13) placing '8' from 17)::uuid`;
const arr = (values: readonly string[]) => `ARRAY[${values.map((value) => `'${value}'`).join(',')}]`;
const caseId = (n: string) => id(`'bench-case-' || ${n}`);
const requesterOf = (n: string) => id(`'bench-requester-' || (${n} % ${REQUESTERS})`);
const associationIndex = (n: string) => `(${n} % 5)`;
const confidantOf = (n: string) =>
  id(`'bench-confidant-' || ${associationIndex(n)} || '-' || ((${n} / 5) % ${CONFIDANTS_PER_ASSOCIATION})`);
/**
 * A valid, unique case reference made from the number (`K7QM-3XWD`): its hexadecimal digits, with 0 and
 * 1 (not in the alphabet) written as X and Y. References the app draws at random rarely look like these.
 */
const referenceOf = (n: string) =>
  `(SELECT substr(h, 1, 4) || '-' || substr(h, 5, 4) FROM (SELECT translate(upper(lpad(to_hex(${n} + 268435456), 8, '0')), '01', 'XY') AS h) hex)`;

async function run(db: DbOrTx, text: string): Promise<void> {
  const t = Date.now();
  await db.execute(sql.raw(text));
  if (process.env.SEED_DEBUG) console.log(Date.now() - t, text.slice(0, 60).replace(/\s+/g, ' '));
}

const BULK_TABLES = ['cases', 'support_cases', 'case_assignments', 'notifications'];

/**
 * Runs a bulk load the way one loads a database: the secondary indexes of the tables written are
 * dropped and built again afterwards (much faster than keeping them up to date row by row), and, where
 * the role may (a superuser, as on the throwaway server), foreign-key triggers are off while writing
 * rows that are consistent by construction. The indexes afterwards are exactly the migrations' ones.
 */
async function bulkLoad(db: Db, load: (tx: DbOrTx) => Promise<void>): Promise<void> {
  // One transaction, so one connection of the pool: the setting and the index changes apply to the load.
  await db.transaction(async (tx) => {
    const indexes = rowsOf<{ name: string; definition: string }>(
      await tx.execute(
        sql.raw(`
        SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS definition
        FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname IN (${BULK_TABLES.map((table) => `'${table}'`).join(',')})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`),
      ),
    );
    const [role] = rowsOf<{ superuser: boolean }>(
      await tx.execute(sql.raw('SELECT rolsuper AS superuser FROM pg_roles WHERE rolname = current_user')),
    );
    for (const index of indexes) await run(tx, `DROP INDEX "${index.name}"`);
    if (role?.superuser) await run(tx, 'SET LOCAL session_replication_role = replica');
    // Index builds sort in memory rather than in temporary files.
    await run(tx, "SET LOCAL maintenance_work_mem = '256MB'");
    await load(tx);
    if (role?.superuser) await run(tx, 'SET LOCAL session_replication_role = DEFAULT');
    for (const index of indexes) await run(tx, index.definition);
  });
}

export async function countSeededCases(db: Db): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM cases`));
  return row?.n ?? 0;
}

/** The people and the open work; once, before the first volume. */
export async function seedWorld(db: Db): Promise<VolumeWorld> {
  const person = (email: string, name: string, extra = '') =>
    `INSERT INTO people (id, email, display_name, status, activated_at${extra ? `, ${extra.split('=')[0]}` : ''})
     VALUES (${id(`'${email}'`)}, '${email}@example.invalid', '${name}', 'active', now()${extra ? `, ${extra.split('=')[1]}` : ''})`;
  await run(
    db,
    `INSERT INTO people (id, email, display_name, status, association, activated_at)
     SELECT ${id(`'bench-confidant-' || a || '-' || i`)}, 'bench-confidant-' || a || '-' || i || '@example.invalid',
            'Vertrouwenspersoon ' || a || '-' || i, 'active', (${arr(ASSOCIATIONS)})[a + 1], now()
     FROM generate_series(0, 4) a, generate_series(0, ${CONFIDANTS_PER_ASSOCIATION - 1}) i`,
  );
  await run(
    db,
    `INSERT INTO people (id, email, display_name, status, office, region, activated_at)
     SELECT ${id(`'bench-requester-' || r`)}, 'bench-requester-' || r || '@example.invalid', 'Ambtsdrager ' || r,
            'active', (${arr(OFFICE_OF)})[r % 5 + 1], 'Gemeente ' || (r % 342), now()
     FROM generate_series(0, ${REQUESTERS - 1}) r`,
  );
  await run(
    db,
    `INSERT INTO people (id, email, display_name, status, activated_at)
     SELECT ${id(`'bench-peer-' || i`)}, 'bench-peer-' || i || '@example.invalid', 'Peer ' || i, 'active', now()
     FROM generate_series(0, ${PEERS - 1}) i
     UNION ALL
     SELECT ${id(`'bench-coordinator-' || i`)}, 'bench-coordinator-' || i || '@example.invalid', 'Coördinator ' || i, 'active', now()
     FROM generate_series(0, 1) i`,
  );
  await run(db, person('bench-main-requester', 'Burgemeester Bench', "office='burgemeester'"));
  await run(db, person('bench-reader', 'Raadslid Bench', "office='raadslid'"));
  await run(
    db,
    `INSERT INTO person_roles (person_id, role)
     SELECT id, CASE
       WHEN email LIKE 'bench-confidant-%' THEN 'confidant'
       WHEN email LIKE 'bench-peer-%' THEN 'peer'
       WHEN email LIKE 'bench-coordinator-%' THEN 'ot_coordinator'
       ELSE 'officeholder' END
     FROM people WHERE email LIKE 'bench-%'`,
  );

  // The open work: cases 1 … OPEN_CASES.
  const n = 'n';
  const unassigned = `((${n} / 5) % 5 = 0)`;
  const status = `CASE WHEN ${unassigned} THEN 'submitted' ELSE (ARRAY['assigned','in_progress','waiting_for_requester','advised'])[(${n} / 25) % 4 + 1] END`;
  await run(
    db,
    `INSERT INTO cases (id, reference, type, requester_id, status, urgency, office_type, region, intake_envelope,
                        created_at, updated_at, first_response_at, first_response_due_at, sla_running_since, paused_since)
     SELECT ${caseId(n)}, ${referenceOf(n)}, 'support', ${requesterOf(n)}, s.status,
            CASE WHEN ${n} % 10 = 3 THEN 'urgent' ELSE 'normal' END, (${arr(OFFICE_OF)})[${associationIndex(n)} + 1],
            'Gemeente ' || (${n} % 342), repeat(md5(${n}::text), 10),
            now() - make_interval(days => ${n} % 20, mins => ${n} % 1440), now() - make_interval(mins => ${n} % 300),
            CASE WHEN s.status IN ('in_progress', 'advised') THEN now() - make_interval(days => ${n} % 20) END,
            now() + make_interval(mins => ((${n} % 97) - 30) * 30),
            CASE WHEN s.status NOT IN ('in_progress', 'advised', 'waiting_for_requester') THEN now() - make_interval(days => ${n} % 20) END,
            CASE WHEN s.status = 'waiting_for_requester' THEN now() - interval '1 hour' END
     FROM generate_series(1, ${OPEN_CASES}) n, LATERAL (SELECT ${status} AS status) s`,
  );
  await run(
    db,
    `INSERT INTO support_cases (case_id, association, concern_for_colleague)
     SELECT ${caseId(n)}, CASE WHEN ${n} % 50 = 7 THEN NULL ELSE (${arr(ASSOCIATIONS)})[${associationIndex(n)} + 1] END, ${n} % 50 = 7
     FROM generate_series(1, ${OPEN_CASES}) n`,
  );
  await run(
    db,
    `INSERT INTO case_assignments (case_id, person_id, assigned_at)
     SELECT ${caseId(n)}, ${confidantOf(n)}, now() - make_interval(days => ${n} % 20)
     FROM generate_series(1, ${OPEN_CASES}) n WHERE NOT ${unassigned}`,
  );
  await run(
    db,
    `INSERT INTO case_messages (id, case_id, author_id, from_requester, body_envelope, created_at)
     SELECT ${id(`'bench-message-' || n || '-' || k`)}, ${caseId(n)},
            CASE WHEN k = 1 OR ${unassigned} THEN ${requesterOf(n)} ELSE ${confidantOf(n)} END,
            k = 1 OR ${unassigned}, repeat(md5(n::text || k), 4), now() - make_interval(days => ${n} % 20) + make_interval(hours => k)
     FROM generate_series(1, ${OPEN_CASES}) n, generate_series(1, 3) k`,
  );

  // The bench's own people and records.
  const confidantId = id(`'bench-confidant-0-0'`);
  const requesterId = id(`'bench-main-requester'`);
  await run(
    db,
    `INSERT INTO cases (id, reference, type, requester_id, status, urgency, office_type, region, intake_envelope,
                        created_at, updated_at, first_response_at, first_response_due_at, closed_at, outcome, reopen_until, retain_until)
     SELECT ${id(`'bench-mine-' || k`)}, ${referenceOf('(k + 900000000)')}, 'support', ${requesterId},
            (ARRAY['in_progress','assigned','submitted','closed','closed'])[k], 'normal', 'burgemeester', 'Heerde',
            repeat(md5(k::text), 10), now() - make_interval(days => k * 30), now() - make_interval(days => k),
            CASE WHEN k IN (1, 4, 5) THEN now() - make_interval(days => k * 30 - 1) END,
            CASE WHEN k IN (2, 3) THEN now() + interval '6 hours' END,
            CASE WHEN k >= 4 THEN now() - make_interval(days => k) END, CASE WHEN k >= 4 THEN 'advice_given' END,
            CASE WHEN k >= 4 THEN now() + interval '20 days' END, CASE WHEN k >= 4 THEN now() + interval '300 days' END
     FROM generate_series(1, 5) k`,
  );
  await run(
    db,
    `INSERT INTO support_cases (case_id, association) SELECT ${id(`'bench-mine-' || k`)}, 'ngb' FROM generate_series(1, 5) k;
     INSERT INTO case_assignments (case_id, person_id) SELECT ${id(`'bench-mine-' || k`)}, ${confidantId} FROM generate_series(1, 5) k WHERE k <> 3;
     INSERT INTO case_messages (id, case_id, author_id, from_requester, body_envelope, created_at)
     SELECT ${id(`'bench-mine-message-' || k || '-' || j`)}, ${id(`'bench-mine-' || k`)},
            CASE WHEN j = 2 THEN ${confidantId} ELSE ${requesterId} END, j <> 2, repeat(md5(k::text || j), 4),
            now() - make_interval(days => k * 30) + make_interval(hours => j)
     FROM generate_series(1, 5) k, generate_series(1, 3) j;
     INSERT INTO case_grants (case_id, person_id, kind, scopes, consented_at)
     SELECT ${id(`'bench-mine-1'`)}, ${id(`'bench-peer-' || i`)}, 'peer', '["summary","messages"]'::jsonb, now()
     FROM generate_series(0, ${PEERS - 1}) i`,
  );
  // The reader's notifications: a history, a few unread.
  await run(
    db,
    `INSERT INTO notifications (person_id, kind, created_at, read_at)
     SELECT ${id(`'bench-reader'`)}, 'case_update', now() - make_interval(hours => i),
            CASE WHEN i > 10 THEN now() - make_interval(hours => i - 1) END
     FROM generate_series(1, 500) i`,
  );

  const [world] = rowsOf<VolumeWorld>(
    await db.execute(
      sql.raw(
        `SELECT ${confidantId}::text AS "confidantId", ${id(`'bench-coordinator-0'`)}::text AS "coordinatorId",
                ${requesterId}::text AS "requesterId",
                ${id(`'bench-reader'`)}::text AS "readerId", ${id(`'bench-mine-1'`)}::text AS "messageCaseId"`,
      ),
    ),
  );
  if (!world) throw new Error('seeding the bench world returned nothing');
  return world;
}

/**
 * Adds closed cases until the table holds `target` cases (support requests, with their type rows,
 * assignments and their requesters' notifications; a quarter are tombstones). Their messages are left
 * out: no measured list reads the messages of other cases than its page's, and they would double the
 * time a million takes to write.
 */
export async function growTo(db: Db, target: number, numbers: { next: number }): Promise<number> {
  const existing = await countSeededCases(db);
  const count = target - existing;
  if (count <= 0) return existing;
  const first = Math.max(numbers.next, OPEN_CASES + 1);
  const last = first + count - 1;
  numbers.next = last + 1;
  const n = 'n';
  const erased = `(${n} % 4 = 0)`;
  // Kept cases closed within the last year (their retention still runs), tombstones one to two years ago.
  const closedAt = `(now() - make_interval(days => CASE WHEN ${erased} THEN 400 + ${n} % 300 ELSE ${n} % 360 END, mins => ${n} % 1440))`;
  await bulkLoad(db, async (tx) => {
    await run(
      tx,
      `INSERT INTO cases (id, reference, type, requester_id, status, urgency, office_type, region, intake_envelope,
                          created_at, updated_at, first_response_at, closed_at, first_closed_at, outcome,
                          reopen_until, retain_until, erased_at, erased_reason)
       SELECT ${caseId(n)}, CASE WHEN ${erased} THEN NULL ELSE ${referenceOf(n)} END, 'support',
              CASE WHEN ${erased} THEN NULL ELSE ${requesterOf(n)} END, 'closed',
              CASE WHEN ${n} % 10 = 3 THEN 'urgent' ELSE 'normal' END, (${arr(OFFICE_OF)})[${associationIndex(n)} + 1],
              'Gemeente ' || (${n} % 342), CASE WHEN ${erased} THEN NULL ELSE repeat(md5(${n}::text), 10) END,
              ${closedAt} - interval '12 days', ${closedAt}, ${closedAt} - interval '11 days', ${closedAt}, ${closedAt},
              'advice_given', ${closedAt} + interval '30 days',
              CASE WHEN ${erased} THEN NULL ELSE ${closedAt} + interval '365 days' END,
              CASE WHEN ${erased} THEN ${closedAt} END, CASE WHEN ${erased} THEN 'retention' END
       FROM generate_series(${first}, ${last}) n`,
    );
    await run(
      tx,
      `INSERT INTO support_cases (case_id, association)
       SELECT ${caseId(n)}, CASE WHEN ${erased} THEN NULL ELSE (${arr(ASSOCIATIONS)})[${associationIndex(n)} + 1] END
       FROM generate_series(${first}, ${last}) n`,
    );
    // A closed support case keeps its assignment (the type's onClose does not end it); a tombstone has none.
    await run(
      tx,
      `INSERT INTO case_assignments (case_id, person_id, assigned_at)
       SELECT ${caseId(n)}, ${confidantOf(n)}, ${closedAt} - interval '11 days'
       FROM generate_series(${first}, ${last}) n WHERE NOT ${erased}`,
    );
    await run(
      tx,
      `INSERT INTO notifications (person_id, kind, subject_type, subject_id, created_at, read_at)
       SELECT ${requesterOf(n)}, 'case_update', 'case', ${caseId(n)}, ${closedAt}, ${closedAt} + interval '1 day'
       FROM generate_series(${first}, ${last}) n WHERE NOT ${erased}`,
    );
  });
  await run(db, 'ANALYZE');
  return countSeededCases(db);
}
