import { createHash } from 'node:crypto';
import { chmodSync, rmSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import path from 'node:path';
import { appliedMigrationMillis, type Database } from '../db/index.ts';
import { BackupError } from './manifest.ts';

/**
 * While a server holds the embedded database, no other process may open it (db/data-dir-lock.ts). A
 * backup made while it runs therefore asks the server itself, over a Unix socket inside DATA_DIR: only
 * someone who can reach into that 0700 directory (and so could read the database files anyway) can
 * connect. It answers one request, a consistent dump (db/index.ts `dumpConsistently`), and nothing else.
 *
 *   request:  {"command":"dump"}\n
 *   answer:   {"ok":true,"bytes":<n>,"sha256":"<hex>","migration":<millis>}\n<n bytes of tar.gz>
 *        or:  {"ok":false,"error":"<message>"}\n
 */
export const CONTROL_SOCKET = 'control.sock';
/** Unix socket paths are limited to about 100 bytes (108 on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;
const MAX_REQUEST_BYTES = 1024;

export function controlSocketPath(dataDir: string): string {
  return path.join(path.resolve(dataDir), CONTROL_SOCKET);
}

export interface EmbeddedDump {
  bytes: Buffer;
  /** Journal time of the newest migration applied to the dumped database. */
  migration: number;
}

export interface ControlSocket {
  readonly path: string;
  close(): Promise<void>;
}

/**
 * Listens on DATA_DIR/control.sock. Call only while holding the data-directory lock: a socket file left
 * by a crashed process is removed first. Returns null (and says why) where a socket cannot be made.
 */
export async function serveControlSocket(options: {
  dataDir: string;
  dump: () => Promise<EmbeddedDump>;
  log: { warn(message: string): void; error(obj: unknown, message: string): void };
}): Promise<ControlSocket | null> {
  const socketPath = controlSocketPath(options.dataDir);
  if (process.platform === 'win32' || socketPath.length > MAX_SOCKET_PATH) {
    options.log.warn(
      `No backups while running: ${process.platform === 'win32' ? 'Windows has no Unix sockets' : `the path ${socketPath} is too long for a socket`}. Stop the server for npm run cli -- backup.`,
    );
    return null;
  }
  rmSync(socketPath, { force: true });
  let busy: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((socket) => {
    readRequest(socket).then(
      (request) => {
        if (request?.command !== 'dump') return answerError(socket, 'unknown request');
        // One dump at a time: each holds the database for a moment and a copy of it in memory.
        const dumped = busy.then(() => options.dump());
        busy = dumped.catch(() => {});
        return dumped.then(
          (dump) => {
            const header = {
              ok: true,
              bytes: dump.bytes.length,
              sha256: createHash('sha256').update(dump.bytes).digest('hex'),
              migration: dump.migration,
            };
            socket.write(`${JSON.stringify(header)}\n`);
            socket.end(dump.bytes);
          },
          (error: unknown) => {
            options.log.error({ err: error }, 'backup dump failed');
            answerError(socket, 'the dump failed; see the server log');
          },
        );
      },
      () => socket.destroy(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  chmodSync(socketPath, 0o600);
  return {
    path: socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

/** main.ts: lets `npm run cli -- backup` dump the embedded database this server holds. Null on PostgreSQL. */
export async function serveEmbeddedBackups(
  database: Database,
  dataDir: string,
  log: { warn(message: string): void; error(obj: unknown, message: string): void },
): Promise<ControlSocket | null> {
  const source = database.backupSource;
  if (source.kind !== 'pglite') return null;
  return serveControlSocket({
    dataDir,
    log,
    dump: async () => ({
      bytes: Buffer.from(await (await source.dump()).arrayBuffer()),
      migration: await appliedMigrationMillis(database.db),
    }),
  });
}

function answerError(socket: Socket, error: string): void {
  socket.end(`${JSON.stringify({ ok: false, error })}\n`);
}

function readRequest(socket: Socket): Promise<{ command?: unknown } | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => reject(new Error('timeout')));
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > MAX_REQUEST_BYTES) return reject(new Error('request too long'));
      const end = text.indexOf('\n');
      if (end < 0) return;
      socket.removeAllListeners('data');
      socket.setTimeout(0);
      try {
        resolve(JSON.parse(text.slice(0, end)) as { command?: unknown });
      } catch {
        resolve(null);
      }
    });
  });
}

/** Asks the server holding `dataDir` for a consistent dump of its database. */
export async function requestDump(dataDir: string, timeoutMs = 10 * 60_000): Promise<EmbeddedDump> {
  const socketPath = controlSocketPath(dataDir);
  return new Promise<EmbeddedDump>((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    const fail = (message: string) => {
      socket.destroy();
      reject(new BackupError(message));
    };
    socket.setTimeout(timeoutMs, () => fail('The server did not finish the dump in time.'));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      fail(
        error.code === 'ENOENT' || error.code === 'ECONNREFUSED'
          ? `The server holding ${dataDir} does not answer on ${socketPath}. Stop it and run the backup again.`
          : `The control socket failed: ${error.message}`,
      ),
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const newline = all.indexOf(0x0a);
      let header: { ok?: boolean; error?: string; bytes?: number; sha256?: string; migration?: number };
      try {
        header = JSON.parse(all.subarray(0, newline).toString('utf8'));
      } catch {
        return fail('The server sent an answer this command does not understand.');
      }
      if (!header.ok) return fail(`The server could not make the dump: ${header.error ?? 'no reason given'}.`);
      const bytes = all.subarray(newline + 1);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (bytes.length !== header.bytes || sha256 !== header.sha256) {
        return fail('The dump arrived incomplete; run the backup again.');
      }
      resolve({ bytes, migration: Number(header.migration ?? 0) });
    });
    socket.write(`${JSON.stringify({ command: 'dump' })}\n`);
  });
}
