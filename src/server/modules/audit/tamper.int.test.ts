import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { auditVerifyCommand } from '../../cli.ts';
import type { Db } from '../../db/index.ts';
import { systemContext } from '../../lib/context.ts';
import { Keyring } from '../../lib/crypto/index.ts';
import { GENESIS_HASH, hashRow, macRow } from './chain.ts';
import { type Checkpoint, checkpointPublicKey, parseCheckpointLog } from './checkpoints.ts';
import { auditLog } from './db.ts';
import { ensureLegacyAnchor } from './legacy.ts';
import { recordAudit } from './service.ts';
import { verifyAuditChain } from './verify.ts';

/**
 * Someone with full access to the database (not to the keys, nor to the checkpoint log) tries to
 * rewrite the trail. Each attempt must make `audit:verify` fail, with the place and the kind of break.
 */

type Row = typeof auditLog.$inferSelect;

const dirs: string[] = [];
const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function scenario(env: Record<string, string> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-audit-'));
  dirs.push(dir);
  const file = path.join(dir, 'checkpoints.jsonl');
  const t = await createTestApp({ env: { AUDIT_CHECKPOINT_FILE: file, ...env } });
  apps.push(t);
  const db = t.app.db;
  // Three transactions of five entries (each one chain), and a few single ones.
  for (let batch = 0; batch < 3; batch++) {
    await db.transaction(async (tx) => {
      for (let index = 0; index < 5; index++) {
        await recordAudit(tx, systemContext(), { action: 'session.signed_in', details: { batch, index } });
      }
    });
  }
  for (let index = 0; index < 4; index++) {
    await db.transaction((tx) =>
      recordAudit(tx, systemContext(), { action: 'session.signed_out', details: { index } }),
    );
  }
  const latest = async (): Promise<Checkpoint | null> => {
    const log = parseCheckpointLog(readFileSync(file, 'utf8'), checkpointPublicKey(t.keyring));
    expect(log.problem).toBeNull();
    return log.checkpoints[log.checkpoints.length - 1] ?? null;
  };
  const checkpoint = async () => {
    await t.app.auditCheckpoints?.write();
    return latest();
  };
  return { t, db, file, checkpoint, latest };
}

/** A chain with at least five rows, in order. */
async function longChain(db: Db): Promise<Row[]> {
  const [first] = await db.select().from(auditLog).where(eq(auditLog.action, 'session.signed_in')).limit(1);
  return db
    .select()
    .from(auditLog)
    .where(eq(auditLog.chain, first?.chain ?? -1))
    .orderBy(asc(auditLog.chainSeq));
}

/** Tampering needs the append-only trigger out of the way, as an attacker with database rights would do. */
async function behindTheTrigger(db: Db, work: () => Promise<void>) {
  await db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`);
  try {
    await work();
  } finally {
    await db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`);
  }
}

async function rewrite(db: Db, row: Row, patch: Partial<Row>) {
  await db.update(auditLog).set(patch).where(eq(auditLog.seq, row.seq));
}

describe('an attacker with database access', () => {
  it('cannot edit an entry and re-chain the rest with the project’s own hash functions', async () => {
    const { db, checkpoint } = await scenario();
    const latest = await checkpoint();
    const chain = await longChain(db);
    expect(chain.length).toBeGreaterThanOrEqual(5);
    const target = chain[1] as Row;

    // (a) the public SHA-256 function the chain used before it was keyed;
    // (b) the keyed MAC, with the attacker's own keys (the real ones are not in the database).
    for (const rehash of [
      (row: Row) => hashRow(row),
      (row: Row) => macRow(Keyring.generate(), { ...row, chain: row.chain ?? 0, chainSeq: row.chainSeq ?? 0 }),
    ]) {
      await behindTheTrigger(db, async () => {
        let previous = (chain[0] as Row).hash;
        for (const original of chain.slice(1)) {
          const forged = { ...original, prevHash: previous };
          if (original.seq === target.seq) forged.action = 'test.forged';
          forged.hash = rehash(forged);
          await rewrite(db, original, { action: forged.action, prevHash: forged.prevHash, hash: forged.hash });
          previous = forged.hash;
        }
      });
      const result = await verifyAuditChain(db, { checkpoint: latest });
      expect(result.firstBreak).toEqual({ chain: target.chain, seq: target.chainSeq, reason: 'content_changed' });
    }
  });

  it('cannot cut off the tail: the signed checkpoint still knows where every chain ended', async () => {
    const { db, checkpoint } = await scenario();
    const latest = await checkpoint();
    const chain = await longChain(db);
    const head = chain[chain.length - 1] as Row;
    await behindTheTrigger(db, async () => {
      await db.delete(auditLog).where(eq(auditLog.seq, head.seq));
    });
    // Without a checkpoint a shorter chain looks fine: that is what the checkpoint is for.
    expect((await verifyAuditChain(db)).firstBreak).toBeNull();
    expect((await verifyAuditChain(db, { checkpoint: latest })).firstBreak).toEqual({
      chain: head.chain,
      seq: head.chainSeq,
      reason: 'truncated',
    });

    // A whole chain gone is a cut-off tail too.
    const [single] = await db.select().from(auditLog).where(eq(auditLog.action, 'session.signed_out')).limit(1);
    await behindTheTrigger(db, async () => {
      await db.delete(auditLog).where(eq(auditLog.chain, single?.chain ?? -1));
    });
    const firstBreak = (await verifyAuditChain(db, { checkpoint: latest })).firstBreak;
    expect(firstBreak?.reason).toBe('truncated');
  });

  it('cannot delete an entry in the middle', async () => {
    const { db, checkpoint } = await scenario();
    const latest = await checkpoint();
    const chain = await longChain(db);
    const middle = chain[2] as Row;
    await behindTheTrigger(db, async () => {
      await db.delete(auditLog).where(eq(auditLog.seq, middle.seq));
    });
    expect((await verifyAuditChain(db, { checkpoint: latest })).firstBreak).toEqual({
      chain: middle.chain,
      seq: middle.chainSeq,
      reason: 'missing_row',
    });
    // Closing the gap by renumbering the rest does not help: the positions are inside the MAC.
    await behindTheTrigger(db, async () => {
      for (const row of chain.slice(3)) await rewrite(db, row, { chainSeq: (row.chainSeq ?? 0) - 1 });
    });
    expect((await verifyAuditChain(db, { checkpoint: latest })).firstBreak).toMatchObject({
      chain: middle.chain,
      seq: middle.chainSeq,
    });
  });

  it('cannot replay an entry, or roll the trail back to an earlier copy', async () => {
    const { db, checkpoint, file, t } = await scenario();
    const chain = await longChain(db);
    const old = chain[0] as Row;
    const head = chain[chain.length - 1] as Row;

    // A genuine entry (with its genuine hash) copied to the end of its chain, as is and re-linked.
    for (const prevHash of [old.prevHash, head.hash]) {
      await db.insert(auditLog).values({ ...old, seq: head.seq + 1000, chainSeq: (head.chainSeq ?? 0) + 1, prevHash });
      const firstBreak = (await verifyAuditChain(db)).firstBreak;
      expect(firstBreak).toMatchObject({ chain: old.chain, seq: (head.chainSeq ?? 0) + 1 });
      expect(['link_broken', 'content_changed']).toContain(firstBreak?.reason);
      await behindTheTrigger(db, async () => {
        await db.delete(auditLog).where(eq(auditLog.seq, head.seq + 1000));
      });
    }

    // Rolling the whole trail back to how it was at an earlier checkpoint.
    const first = await checkpoint();
    expect(first?.n).toBe(1);
    const [newest] = await db.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    await db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'session.ended' }));
    await db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'session.ended' }));
    const second = await checkpoint();
    expect(second?.n).toBe(2);
    await behindTheTrigger(db, async () => {
      await db.execute(sql`DELETE FROM audit_log WHERE seq > ${newest?.seq ?? 0}`);
    });
    expect((await verifyAuditChain(db, { checkpoint: first })).firstBreak).toBeNull();
    expect((await verifyAuditChain(db, { checkpoint: second })).firstBreak?.reason).toBe('truncated');

    // Replaying the older checkpoint line into the log, so that it looks like the latest, is seen too.
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    appendFileSync(file, `${lines[0]}\n`);
    const replayed = parseCheckpointLog(readFileSync(file, 'utf8'), checkpointPublicKey(t.keyring));
    expect(replayed.problem).toMatch(/line 3 is checkpoint 1 where 3 was expected/);
    // And so is an edited line (its signature no longer holds).
    const edited = JSON.parse(lines[1] as string) as Checkpoint;
    edited.heads = first?.heads ?? [];
    writeFileSync(file, `${lines[0]}\n${JSON.stringify(edited)}\n`);
    expect(parseCheckpointLog(readFileSync(file, 'utf8'), checkpointPublicKey(t.keyring)).problem).toMatch(
      /line 2 has an invalid signature/,
    );
  });
});

describe('rows from before the chains were keyed', () => {
  /** Rows exactly as the previous version wrote them: one SHA-256 chain in seq order, no chain columns. */
  async function writeLegacyRows(db: Db, count: number) {
    let prevHash = GENESIS_HASH;
    for (let seq = 1; seq <= count; seq++) {
      const row = {
        seq,
        at: new Date(Date.UTC(2026, 0, 1, 12, seq)),
        actorPersonId: null,
        actorRoles: '',
        action: 'session.reauthenticated',
        subjectPersonId: null,
        recordType: null,
        recordId: null,
        outcome: 'success' as const,
        ipHash: null,
        requestId: null,
        details: { seq },
        prevHash,
      };
      const hash = hashRow(row);
      await db.insert(auditLog).values({ ...row, hash });
      prevHash = hash;
    }
    await db.execute(sql`SELECT setval('audit_log_seq', ${count + 1}, false)`);
  }

  it('are pinned once by a keyed entry at upgrade, and an edit re-hashed with SHA-256 is noticed', async () => {
    const t = await createTestApp();
    apps.push(t);
    const db = t.app.db;
    await writeLegacyRows(db, 6);
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ chain: null, seq: 1, reason: 'legacy_unanchored' });

    const pinned = await ensureLegacyAnchor(db);
    expect(pinned).toMatchObject({ rows: 6, intact: true, brokenAt: null });
    expect(await ensureLegacyAnchor(db)).toBeNull(); // once only
    const [anchor] = await db.select().from(auditLog).where(eq(auditLog.action, 'audit.chain_keyed'));
    expect(anchor?.details).toMatchObject({ legacyRows: 6, legacyIntact: true });
    await db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'session.ended_all' }));
    const intact = await verifyAuditChain(db);
    expect(intact.firstBreak).toBeNull();
    expect(intact.legacy).toEqual({ rows: 6, anchored: true, brokenBeforeKeying: false });

    // Edit an old row and re-hash the old chain from there with its own (public) function.
    const legacy = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'session.reauthenticated'))
      .orderBy(asc(auditLog.seq));
    await behindTheTrigger(db, async () => {
      let previous = (legacy[2] as Row).hash;
      for (const original of legacy.slice(3)) {
        const forged = { ...original, prevHash: previous };
        if (original.seq === 4) forged.details = { seq: 40 };
        forged.hash = hashRow(forged);
        await rewrite(db, original, { details: forged.details, prevHash: forged.prevHash, hash: forged.hash });
        previous = forged.hash;
      }
    });
    expect((await verifyAuditChain(db)).firstBreak).toEqual({ chain: null, seq: 1, reason: 'legacy_changed' });
  });

  it('are pinned as found when the old chain was already broken, and stay reported', async () => {
    const t = await createTestApp();
    apps.push(t);
    const db = t.app.db;
    await writeLegacyRows(db, 4);
    await behindTheTrigger(db, async () => {
      await db.execute(sql`UPDATE audit_log SET action = 'test.tampered_long_ago' WHERE seq = 2`);
    });
    expect(await ensureLegacyAnchor(db)).toMatchObject({ rows: 4, intact: false, brokenAt: 2 });
    const result = await verifyAuditChain(db);
    expect(result.firstBreak).toEqual({ chain: null, seq: 2, reason: 'content_changed' });
    expect(result.legacy.brokenBeforeKeying).toBe(true);
  });
});

describe('signed checkpoints', () => {
  it('are appended when the trail grew, once more at shutdown, and sent to the external sink', async () => {
    const received: string[] = [];
    let sinkUp = false;
    const sink = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (sinkUp) received.push(body);
        response.statusCode = sinkUp ? 204 : 503;
        response.end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/checkpoints`;
      const { t, db, file, checkpoint } = await scenario({ AUDIT_CHECKPOINT_URL: url });
      const first = await checkpoint();
      expect(first?.key).toBe(checkpointPublicKey(t.keyring));
      expect(received).toEqual([]); // the sink was down: kept for later
      // Nothing new: no new checkpoint.
      expect(await t.app.auditCheckpoints?.write()).toBeNull();

      sinkUp = true;
      await db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'session.reauthentication_failed' }));
      await t.app.close();
      apps.splice(apps.indexOf(t), 1);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(received).toEqual(lines);
      const log = parseCheckpointLog(readFileSync(file, 'utf8'), checkpointPublicKey(t.keyring));
      expect(log.problem).toBeNull();
      expect(log.checkpoints.map((entry) => entry.n)).toEqual([1, 2]);
    } finally {
      sink.close();
    }
  });

  it('are what audit:verify checks against', async () => {
    const { t, db, file, checkpoint } = await scenario();
    await checkpoint();
    const io = () => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) } };
    };
    const env = (channel: ReturnType<typeof io>) => ({ db, config: t.config, keyring: t.keyring, io: channel.io });

    const ok = io();
    expect(await auditVerifyCommand(env(ok), ['--checkpoints', file])).toBe(0);
    expect(ok.out[0]).toMatch(/^Audit trail intact: 19 entries checked in \d+ chains\.$/);
    expect(ok.out[1]).toMatch(/^Every chain reaches signed checkpoint #1 of .*; 0 entries written after it/);

    const missing = io();
    const nowhere = path.join(path.dirname(file), 'nowhere.jsonl');
    expect(await auditVerifyCommand(env(missing), ['--checkpoints', nowhere])).toBe(1);
    expect(missing.err[0]).toContain('a cut-off tail cannot be ruled out');
    expect(await auditVerifyCommand(env(io()), ['--checkpoints', nowhere, '--no-checkpoint'])).toBe(0);

    const [head] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'session.signed_out')))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    await behindTheTrigger(db, async () => {
      await db.delete(auditLog).where(eq(auditLog.seq, head?.seq ?? 0));
    });
    const cut = io();
    expect(await auditVerifyCommand(env(cut), ['--checkpoints', file])).toBe(1);
    expect(cut.err[0]).toContain('truncated (entries the latest signed checkpoint saw are gone');
  });
});
