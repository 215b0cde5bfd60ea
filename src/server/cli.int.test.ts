import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { pgTable, text } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../test/helpers/actors.ts';
import { createTestApp, type TestApp } from '../../test/helpers/test-app.ts';
import { createThrowawayDatabase, dropDatabase, onPostgres } from '../../test/helpers/test-database.ts';
import { CASE_READING_ROLES } from '../shared/roles.ts';
import {
  auditVerifyCommand,
  type CliEnv,
  createAdminCommand,
  keysRewrapCommand,
  keysRotateCommand,
  MASTER_KEY_ROTATION_HELP,
  runCli,
} from './cli.ts';
import { openDatabase } from './db/index.ts';
import { encryptedColumnRegistry } from './encrypted-columns.ts';
import { systemContext } from './lib/context.ts';
import {
  contextAad,
  describeEnvelope,
  generateMasterKeyEntry,
  loadKeyring,
  type SerializedEnvelope,
} from './lib/crypto/index.ts';
import { rewrapAll } from './lib/encrypted-columns.ts';
import { auditLog } from './modules/audit/db.ts';
import { recordAudit } from './modules/audit/service.ts';
import { totpCredentials } from './modules/auth/db.ts';
import { bytea } from './modules/cases/bytea.ts';
import { mailOutbox } from './modules/mail/db.ts';
import { queueMail, readOutboxMessage } from './modules/mail/service.ts';
import { people } from './modules/people/db.ts';
import { findUsableInvitation } from './modules/people/invitations.ts';
import { findPersonByEmail } from './modules/people/repository.ts';

function recordingIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const linkIn = (lines: string[]) => /#token=([A-Za-z0-9_-]+)/.exec(lines.join('\n'))?.[1] ?? '';

describe('the command line', () => {
  let t: TestApp;
  const envWith = (io: CliEnv['io']): CliEnv => ({ db: t.app.db, config: t.config, keyring: t.keyring, io });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('create-admin', () => {
    it('invites a new admin and prints a working one-time link', async () => {
      const { io, out } = recordingIo();
      expect(await createAdminCommand(envWith(io), 'Nieuwe.Beheerder@example.org')).toBe(0);
      expect(out.join('\n')).toContain('Invited nieuwe.beheerder@example.org as admin.');
      const token = linkIn(out);
      const invitation = await findUsableInvitation(t.app.db, token);
      expect(invitation).toMatchObject({ kind: 'invite', person: { roles: ['admin'], status: 'invited' } });
      const trail = await t.app.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectPersonId, invitation?.person.id ?? ''));
      expect(trail.map((row) => row.action)).toEqual(['person.invited', 'invitation.issued']);
      expect(trail[0]?.details).toMatchObject({ via: 'cli' });
      // Local mode: the invitation waits in the outbox, for the admin page and the next server start.
      const queued = await t.app.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.recipient, 'nieuwe.beheerder@example.org'));
      expect(queued).toHaveLength(1);

      // Again for the same address: a fresh link replaces the old one.
      const again = recordingIo();
      expect(await createAdminCommand(envWith(again.io), 'nieuwe.beheerder@example.org')).toBe(0);
      expect(again.out.join('\n')).toContain('replaces the previous one');
      expect(await findUsableInvitation(t.app.db, token)).toBeNull();
      expect(await findUsableInvitation(t.app.db, linkIn(again.out))).not.toBeNull();
    });

    it('gives an active account the admin role without a link, and leaves an admin alone', async () => {
      const trainer = await createActor(t, ['training_coordinator']);
      const first = recordingIo();
      expect(await createAdminCommand(envWith(first.io), trainer.email)).toBe(0);
      expect(first.out.join('\n')).toContain('now has the admin role');
      expect(linkIn(first.out)).toBe('');
      expect((await findPersonByEmail(t.app.db, trainer.email))?.roles).toEqual(['admin', 'training_coordinator']);
      const second = recordingIo();
      expect(await createAdminCommand(envWith(second.io), trainer.email)).toBe(0);
      expect(second.out.join('\n')).toContain('already an active admin');
    });

    it('refuses to make an admin of an account holding a role that reads cases (separation of duties)', async () => {
      for (const role of CASE_READING_ROLES) {
        const reader = await createActor(t, [role]);
        const io = recordingIo();
        expect(await createAdminCommand(envWith(io.io), reader.email), role).toBe(1);
        expect(io.err.join('\n')).toContain('holds a role that reads cases');
        expect((await findPersonByEmail(t.app.db, reader.email))?.roles, role).toEqual([role]);
      }
    });

    it('refuses a deactivated account and a malformed address', async () => {
      const gone = await createActor(t, ['peer']);
      await t.app.db.update(people).set({ status: 'deactivated' }).where(eq(people.id, gone.personId));
      const refused = recordingIo();
      expect(await createAdminCommand(envWith(refused.io), gone.email)).toBe(1);
      expect(refused.err.join('\n')).toContain('deactivated');
      expect((await findPersonByEmail(t.app.db, gone.email))?.roles).toEqual(['peer']);

      const malformed = recordingIo();
      expect(await createAdminCommand(envWith(malformed.io), 'geen adres')).toBe(2);
      expect(await createAdminCommand(envWith(malformed.io), undefined)).toBe(2);
      expect(malformed.err[0]).toContain('Usage');
    });
  });

  describe('audit:verify', () => {
    it('reports intact chains, and the first broken link of a tampered one', async () => {
      await t.app.db.transaction((tx) =>
        recordAudit(tx, systemContext(), { action: 'person.viewed', recordType: 'test', recordId: 'cli' }),
      );
      const intact = recordingIo();
      expect(await auditVerifyCommand(envWith(intact.io), ['--no-checkpoint'])).toBe(0);
      expect(intact.out[0]).toMatch(/^Audit trail intact: \d+ entries checked in \d+ chains\.$/);
      expect(intact.err[0]).toContain('Warning: No checkpoint log at');

      const [row] = await t.app.db.select().from(auditLog).where(eq(auditLog.recordId, 'cli'));
      const seq = row?.seq ?? 0;
      await t.app.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete`);
      try {
        await t.app.db.execute(sql`UPDATE audit_log SET action = 'test.forged' WHERE seq = ${seq}`);
        const broken = recordingIo();
        expect(await auditVerifyCommand(envWith(broken.io), ['--no-checkpoint'])).toBe(1);
        expect(broken.err[0]).toContain(`BROKEN at chain ${row?.chain}, position ${row?.chainSeq}: content_changed`);
      } finally {
        await t.app.db.execute(sql`UPDATE audit_log SET action = 'person.viewed' WHERE seq = ${seq}`);
        await t.app.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete`);
      }
      expect(await auditVerifyCommand(envWith(recordingIo().io), ['--no-checkpoint'])).toBe(0);
      // Without a checkpoint log, and without saying that is fine, it does not pass.
      expect(await auditVerifyCommand(envWith(recordingIo().io))).toBe(1);
    });
  });

  describe('keys:rotate', () => {
    const totpAad = (personId: string) => contextAad('totp_credentials', 'secret', personId);

    it('re-wraps every registered column under a new key, resumably, and everything still decrypts', async () => {
      // Values in both registered columns, under the key of the moment.
      const secrets = new Map<string, string>();
      for (let index = 0; index < 4; index++) {
        const person = await createActor(t, ['officeholder']);
        const secret = `TOTPSECRET${index}`;
        secrets.set(person.personId, secret);
        await t.app.db.insert(totpCredentials).values({
          personId: person.personId,
          secretEnvelope: t.keyring.encrypt(secret, totpAad(person.personId)),
        });
      }
      const mailIds = await t.app.db.transaction(async (tx) => {
        const ids: string[] = [];
        for (let index = 0; index < 6; index++) {
          ids.push(
            await queueMail(tx, t.keyring, {
              to: `rotate-${index}@example.org`,
              subject: 'Test',
              text: `body ${index}`,
              kind: 'notice',
            }),
          );
        }
        return ids;
      });
      const oldKid = t.keyring.currentKid;
      const columns = encryptedColumnRegistry().all();
      const due = async () => (await rewrapAll(t.app.db, t.keyring, { columns, dryRun: true })).rewrapped;

      // Stopped half-way (as an interruption would)…
      const partial = recordingIo();
      expect(await keysRotateCommand(envWith(partial.io), { limit: 5 })).toBe(0);
      const newKid = t.keyring.currentKid;
      expect(newKid).not.toBe(oldKid);
      expect(partial.out.join('\n')).toContain(`New key "${newKid}" is now current`);
      expect(partial.out.join('\n')).toContain('Stopped after 5 values');
      const remaining = await due();
      expect(remaining).toBeGreaterThan(0);

      // …and finished by keys:rewrap, which adds no key.
      const rest = recordingIo();
      expect(await keysRewrapCommand(envWith(rest.io))).toBe(0);
      expect(t.keyring.currentKid).toBe(newKid);
      expect(rest.out.join('\n')).toContain(`Done: ${remaining} values re-wrapped`);
      expect(await due()).toBe(0);

      // Every envelope names the new key, and every value decrypts to what it was.
      for (const entry of columns) {
        const rows = (await t.app.db.select({ value: entry.column }).from(entry.table)) as {
          value: SerializedEnvelope | null;
        }[];
        for (const row of rows) if (row.value) expect(describeEnvelope(row.value).kid).toBe(newKid);
      }
      for (const [personId, secret] of secrets) {
        const [row] = await t.app.db.select().from(totpCredentials).where(eq(totpCredentials.personId, personId));
        expect(t.keyring.decryptString(row?.secretEnvelope ?? '', totpAad(personId))).toBe(secret);
      }
      for (const [index, id] of mailIds.entries()) {
        expect((await readOutboxMessage(t.app.db, t.keyring, id))?.text).toBe(`body ${index}`);
      }

      // A second run finds nothing to do.
      const idle = recordingIo();
      expect(await keysRewrapCommand(envWith(idle.io))).toBe(0);
      expect(idle.out.join('\n')).toContain('Done: 0 values re-wrapped');
    });

    it('re-wraps binary envelopes (bytea) the same way, in small pages', async () => {
      const files = pgTable('test_rewrap_files', { id: text('id').primaryKey(), content: bytea('content') });
      await t.app.db.execute(sql`CREATE TABLE test_rewrap_files (id text PRIMARY KEY, content bytea)`);
      const aad = (id: string) => contextAad('test_rewrap_files', 'content', id);
      const contents = new Map<string, Buffer>();
      for (let index = 0; index < 7; index++) {
        const id = `file-${index}`;
        contents.set(id, Buffer.from(`file ${index} `.repeat(1000)));
        await t.app.db.insert(files).values({ id, content: t.keyring.encryptBinary(contents.get(id) ?? '', aad(id)) });
      }
      await t.app.db.insert(files).values({ id: 'file-empty', content: null });
      const columns = [
        { name: 'test_rewrap_files.content', table: files, column: files.content, primaryKey: files.id, pageSize: 2 },
      ];
      const { io } = recordingIo();
      expect(await keysRotateCommand(envWith(io), { columns, limit: 3 })).toBe(0);
      expect((await rewrapAll(t.app.db, t.keyring, { columns, dryRun: true })).rewrapped).toBe(4);
      expect(await keysRewrapCommand(envWith(io), { columns })).toBe(0);
      for (const row of await t.app.db.select().from(files)) {
        if (!row.content) continue;
        expect(describeEnvelope(row.content)).toMatchObject({ format: 'binary', kid: t.keyring.currentKid });
        expect(t.keyring.decrypt(row.content, aad(row.id)).equals(contents.get(row.id) ?? Buffer.alloc(0))).toBe(true);
      }
    });

    it('refuses to rotate keys that come from MASTER_KEY, explaining how to do it there', async () => {
      const { keyring } = loadKeyring({ masterKey: generateMasterKeyEntry() });
      const { io, err } = recordingIo();
      expect(await keysRotateCommand({ db: t.app.db, config: t.config, keyring, io })).toBe(1);
      expect(err.join('\n')).toBe(MASTER_KEY_ROTATION_HELP);
      expect(err.join('\n')).toContain('keys:rewrap');
      expect(keyring.kids).toHaveLength(1);
    });
  });

  describe('runCli', () => {
    it('prints help, and refuses an unknown command', async () => {
      const help = recordingIo();
      expect(await runCli(['help'], { io: help.io, environment: {} })).toBe(0);
      expect(help.out[0]).toContain('create-admin <email>');
      const unknown = recordingIo();
      expect(await runCli(['drop-everything'], { io: unknown.io, environment: {} })).toBe(2);
      expect(unknown.err[0]).toContain('Unknown command "drop-everything"');
    });

    it('refuses, with a clear message, while a server holds the embedded database', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-cli-'));
      const server = await openDatabase({ kind: 'pglite', dataDir });
      try {
        const { io, err } = recordingIo();
        const code = await runCli(['create-admin', 'x@example.org'], {
          io,
          environment: { NODE_ENV: 'test', DATA_DIR: dataDir },
        });
        expect(code).toBe(1);
        expect(err.join('\n')).toContain('The command cannot open the database.');
        expect(err.join('\n')).toContain('is in use by another Weerbaar process');
      } finally {
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(`${dataDir}-keys`, { recursive: true, force: true });
      }
    }, 60_000);

    it.runIf(onPostgres)('works on PostgreSQL through DATABASE_URL', async () => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-cli-keys-'));
      // A database of its own: its audit chains are keyed with this CLI's keys, not the test app's.
      const serverUrl = process.env.TEST_DATABASE_URL ?? '';
      const url = await createThrowawayDatabase(serverUrl);
      try {
        const { io, out } = recordingIo();
        const environment = { NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: dataDir };
        expect(await runCli(['create-admin', 'pg-admin@example.org'], { io, environment })).toBe(0);
        expect(linkIn(out)).not.toBe('');
        const database = await openDatabase({ kind: 'postgres', url });
        try {
          expect((await findPersonByEmail(database.db, 'pg-admin@example.org'))?.roles).toEqual(['admin']);
        } finally {
          await database.close();
        }
        expect(await runCli(['audit:verify', '--no-checkpoint'], { io, environment })).toBe(0);
      } finally {
        await dropDatabase(serverUrl, url);
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(`${dataDir}-keys`, { recursive: true, force: true });
      }
    });
  });
});
