import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor, type TestActor } from '../../../test/helpers/actors.ts';
import { buildCaseApp, call, expectStatus, submitSupport } from '../../../test/helpers/cases.ts';
import type { TestApp } from '../../../test/helpers/test-app.ts';
import { createThrowawayDatabase, dropDatabase } from '../../../test/helpers/test-database.ts';
import { type CliIo, keysRotateCommand, runCli } from '../cli.ts';
import { parseConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/index.ts';
import { systemContext } from '../lib/context.ts';
import { generateMasterKeyEntry, loadKeyring } from '../lib/crypto/index.ts';
import { CheckpointWriter } from '../modules/audit/checkpoint-writer.ts';
import { recordAudit } from '../modules/audit/service.ts';
import { type ControlSocket, serveEmbeddedBackups } from './control-socket.ts';
import { CHECKPOINTS_FILE, MANIFEST_FILE, readManifest } from './manifest.ts';

/**
 * A backup made while the app runs, restored into a fresh place: the audit chains verify against the
 * signed checkpoint the backup carries (and the restore installs), a canary
 * decrypts through the app, the keys stayed out of the backup, and a key rotation after the backup
 * leaves it readable. On PGlite (the running app's control socket) or PostgreSQL (pg_dump/pg_restore)
 * as the suite runs.
 */
const serverUrl = process.env.TEST_DATABASE_URL;
const CANARY = 'Canary-backup-5e1d: dreigbrief op de Kerkstraat 7';

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (line) => void out.push(line), err: (line) => void err.push(line) };
  return { io, out, err, text: () => [...out, ...err].join('\n') };
}

/**
 * Every file of a folder as text, unpacked: the PGlite dump is a .tar.gz, and pg_dump's custom format
 * compresses each table (pg_restore turns it back into plain SQL).
 */
function folderAsText(folder: string): string {
  return readdirSync(folder)
    .map((name) => {
      const file = path.join(folder, name);
      if (name.endsWith('.pgdump')) return execFileSync('pg_restore', ['--file=-', file]).toString('latin1');
      const bytes = readFileSync(file);
      return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
    })
    .join('\n');
}

describe(`backup and restore (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const root = mkdtempSync(path.join(tmpdir(), 'weerbaar-backup-'));
  const dataDir = path.join(root, 'data');
  const backupDir = path.join(root, 'backup');
  // Local mode's key file, beside the data directory: the same file the CLI reads through KEY_FILE.
  const loaded = loadKeyring({ dataDir });
  const keyFile = loaded.location;
  const urls: string[] = [];
  let database: Database;
  let t: TestApp;
  let control: ControlSocket | null = null;
  let requester: TestActor;
  let caseId: string;
  let restoredTo: Place | null = null;

  type Place = { dataDir: string; url?: undefined } | { url: string; dataDir?: undefined };
  /** The environment the CLI would get: this database, and the key file. */
  const environment = (place: Place) => ({
    NODE_ENV: 'test',
    KEY_FILE: keyFile,
    DATA_DIR: place.dataDir ?? path.join(root, 'unused'),
    // Each place its own checkpoint log (on PostgreSQL they would share DATA_DIR's default).
    AUDIT_CHECKPOINT_FILE: checkpointsOf(place),
    ...(place.url ? { DATABASE_URL: place.url } : {}),
  });
  const checkpointsOf = (place: Place) =>
    path.join(root, 'checkpoints', `${(place.url ?? place.dataDir ?? '').replace(/[^a-z0-9]+/gi, '-')}.jsonl`);
  /** What the running app writes every minute: a signed checkpoint of the chains' heads, in the source's log. */
  const writeCheckpoint = () =>
    new CheckpointWriter({
      db: t.app.db,
      keyring: loaded.keyring,
      settings: { file: checkpointsOf(source()), url: null, intervalSeconds: 60 },
      log: { info: () => {}, warn: () => {} },
    }).write();
  const fresh = async (): Promise<Place> => {
    if (!serverUrl) return { dataDir: path.join(root, `restored-${urls.length}-${Date.now()}`) };
    const url = await createThrowawayDatabase(serverUrl);
    urls.push(url);
    return { url };
  };
  const source = (): Place => (serverUrl ? { url: urls[0] as string } : { dataDir });

  beforeAll(async () => {
    if (serverUrl) {
      urls.push(await createThrowawayDatabase(serverUrl));
      database = await openDatabase({ kind: 'postgres', url: urls[0] as string, poolSize: 4 });
    } else {
      database = await openDatabase({ kind: 'pglite', dataDir });
      // What main.ts does once it listens: the CLI asks this process for the dump.
      control = await serveEmbeddedBackups(database, dataDir, { warn: () => {}, error: () => {} });
    }
    t = await buildCaseApp(database, loaded.keyring);
    requester = await createActor(t, ['officeholder'], { office: 'burgemeester', region: 'Heerde' });
    const confidant = await createActor(t, ['confidant'], { association: 'ngb' });
    ({ caseId } = await submitSupport(t, requester, { body: CANARY }));
    // The confidant takes and reads it: entries in the audit chain.
    await expectStatus(await call(t, confidant, 'POST', `/api/cases/${caseId}/take`, {}), 200, 'confidant takes');
    await expectStatus(await call(t, confidant, 'GET', `/api/cases/${caseId}`), 200, 'confidant reads');
    expect(await writeCheckpoint()).not.toBeNull();
  }, 120_000);

  afterAll(async () => {
    await control?.close();
    await t?.close();
    await database?.close();
    if (serverUrl) for (const url of urls) await dropDatabase(serverUrl, url);
    rmSync(root, { recursive: true, force: true });
  });

  it('backs up while the app runs, without the keys', async () => {
    const run = recordingIo();
    expect(await runCli(['backup', backupDir], { io: run.io, environment: environment(source()) }), run.text()).toBe(0);
    if (!serverUrl) expect(run.text()).toContain('asking it for the dump');
    expect(run.text()).toContain('It holds no keys');

    const manifest = readManifest(backupDir);
    expect(manifest).toMatchObject({ database: serverUrl ? 'postgres' : 'pglite', keyIds: loaded.keyring.kids });
    expect(manifest.auditCheckpoints).toMatchObject({ file: CHECKPOINTS_FILE, checkpoints: 1 });
    expect(readdirSync(backupDir).sort()).toEqual([manifest.file, MANIFEST_FILE, CHECKPOINTS_FILE].sort());
    // No key, nor the index secret, anywhere in it; and the canary only encrypted.
    const backupText = folderAsText(backupDir);
    const keyJson = JSON.parse(readFileSync(keyFile, 'utf8')) as { indexSecret: string; keys: { key: string }[] };
    for (const secret of [keyJson.indexSecret, ...keyJson.keys.map((entry) => entry.key)]) {
      expect(secret.length).toBeGreaterThan(40);
      expect(backupText).not.toContain(secret);
      expect(backupText).not.toContain(Buffer.from(secret, 'base64url').toString('latin1'));
    }
    expect(backupText).not.toContain('Canary-backup-5e1d');
    expect(backupText).toContain(requester.email); // not sensitive, so it shows: it is a real dump
  });

  it('restores into a fresh place after a key rotation: the chain verifies and the canary decrypts', async () => {
    // Rotate after the backup: the running app re-wraps everything under a new key, keeping the old one.
    const rotation = recordingIo();
    const config = parseConfig(environment(source()));
    expect(await keysRotateCommand({ db: t.app.db, config, keyring: t.keyring, io: rotation.io })).toBe(0);
    const rotated = loadKeyring({ keyFile }).keyring;
    expect(rotated.kids).toHaveLength(2);

    const target = await fresh();
    restoredTo = target;
    const run = recordingIo();
    expect(await runCli(['restore', backupDir], { io: run.io, environment: environment(target) }), run.text()).toBe(0);
    expect(run.text()).toMatch(
      /Audit trail intact: [1-9]\d* entries checked, every chain reaches the backup's checkpoint #1/,
    );
    expect(run.text()).toMatch(/Encrypted values: [1-9]\d*, every one under a key this keyring has/);
    expect(run.text()).toContain(`copied to ${checkpointsOf(target)}`);
    // audit:verify on the restored place finds the installed checkpoint log, and the chains reach it.
    const verify = recordingIo();
    expect(await runCli(['audit:verify'], { io: verify.io, environment: environment(target) }), verify.text()).toBe(0);
    expect(verify.text()).toContain('Every chain reaches signed checkpoint #1');

    // The restored database, opened by an app with today's (rotated) keys: the requester reads the canary.
    const restored = await openDatabase(
      target.url !== undefined
        ? { kind: 'postgres', url: target.url, poolSize: 2 }
        : { kind: 'pglite', dataDir: target.dataDir },
    );
    const restoredApp = await buildCaseApp(restored, rotated);
    try {
      const response = await call(restoredApp, requester, 'GET', `/api/cases/${caseId}`);
      await expectStatus(response, 200, 'requester reads the restored case');
      expect(response.body).toContain(CANARY);
    } finally {
      await restoredApp.close();
      await restored.close();
    }
  }, 120_000);

  it('refuses a place that holds data, foreign keys, and a damaged dump', async () => {
    const occupied = recordingIo();
    const occupiedPlace = restoredTo ?? source();
    expect(await runCli(['restore', backupDir], { io: occupied.io, environment: environment(occupiedPlace) })).toBe(1);
    expect(occupied.text()).toMatch(/already holds/);

    const foreign = recordingIo();
    const foreignEnvironment = { ...environment(await fresh()), KEY_FILE: '', MASTER_KEY: generateMasterKeyEntry() };
    expect(await runCli(['restore', backupDir], { io: foreign.io, environment: foreignEnvironment })).toBe(1);
    expect(foreign.text()).toContain("include none of the backup's");

    const damaged = path.join(root, 'damaged');
    mkdirSync(damaged);
    for (const name of readdirSync(backupDir))
      writeFileSync(path.join(damaged, name), readFileSync(path.join(backupDir, name)));
    const dump = path.join(damaged, readManifest(damaged).file);
    const bytes = readFileSync(dump);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(dump, bytes);
    const broken = recordingIo();
    expect(await runCli(['restore', damaged], { io: broken.io, environment: environment(await fresh()) })).toBe(1);
    expect(broken.text()).toContain('does not match its checksum');
  }, 60_000);

  it('notices a dump that falls short of the checkpoint it came with', async () => {
    // The trail grows after the backup and is checkpointed again; a backup folder that pairs the old dump
    // with the newer log (a dump cut short, or swapped for an older one) does not verify.
    await t.app.db.transaction((tx) => recordAudit(tx, systemContext(), { action: 'person.viewed' }));
    expect(await writeCheckpoint()).toMatchObject({ n: 2 });
    const swapped = path.join(root, 'swapped');
    mkdirSync(swapped);
    for (const name of readdirSync(backupDir))
      writeFileSync(path.join(swapped, name), readFileSync(path.join(backupDir, name)));
    const newerLog = readFileSync(checkpointsOf(source()));
    writeFileSync(path.join(swapped, CHECKPOINTS_FILE), newerLog);
    const manifest = readManifest(swapped);
    const forged = {
      ...manifest,
      auditCheckpoints: {
        file: CHECKPOINTS_FILE,
        sha256: createHash('sha256').update(newerLog).digest('hex'),
        checkpoints: 2,
      },
    };
    writeFileSync(path.join(swapped, MANIFEST_FILE), JSON.stringify(forged));
    const run = recordingIo();
    expect(await runCli(['restore', swapped], { io: run.io, environment: environment(await fresh()) })).toBe(1);
    expect(run.text()).toMatch(/Audit trail BROKEN at chain \d+, position \d+: truncated/);
  }, 60_000);
});
