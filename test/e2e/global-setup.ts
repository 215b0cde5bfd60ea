import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../../src/server/lib/web-build.ts';
import { E2E_STEP_UP_MINUTES } from './helpers/identity.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the server for this run listens, e.g. http://localhost:43117 (no trailing slash). */
    baseUrl: string;
    /** A file with everything the server printed (setup link, mails in local mode); see helpers/outbox.ts. */
    serverLog: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const DIST_DIR = path.join(ROOT, 'dist/web');
const HOST = '127.0.0.1';
/**
 * The browser uses localhost, which is also PUBLIC_URL: the server checks the Origin against it, and
 * passkeys need a registrable domain as relying party ID ("localhost" counts as a secure context).
 */
const PUBLIC_HOST = 'localhost';
const READY_TIMEOUT_MS = 60_000;
/** With a fresh data directory there is no admin yet, so the server prints the setup link after start. */
const SETUP_LINK_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 15_000;

/** A port nobody is using right now: let the OS pick one, then give it back. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

async function waitUntilReady(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The server stopped before it was ready (exit ${child.exitCode ?? child.signalCode}):\n${output()}`,
      );
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The server was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function waitForSetupLink(output: () => string): Promise<void> {
  const deadline = Date.now() + SETUP_LINK_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (output().includes('/activeren#token=')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server printed no setup link within ${SETUP_LINK_TIMEOUT_MS / 1000} s:\n${output()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/**
 * Builds the web app when its sources changed, then starts the real server (as `npm start` does) on
 * a free port with an empty data directory, once for the whole run.
 */
export default async function setup(project: TestProject) {
  await ensureWebBuild(ROOT, DIST_DIR, (message) => console.log(`[e2e] ${message}`));

  const dataDir = await mkdtemp(path.join(tmpdir(), 'weerbaar-e2e-'));
  const port = await freePort();
  const baseUrl = `http://${PUBLIC_HOST}:${port}`;
  const serverLog = `${dataDir}-server.log`;
  writeFileSync(serverLog, '');

  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      HOST,
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      STEP_UP_MINUTES: String(E2E_STEP_UP_MINUTES),
      SMTP_URL: '',
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    appendFileSync(serverLog, chunk);
    process.stderr.write(`[e2e server] ${chunk}`);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  try {
    await waitUntilReady(baseUrl, child, () => output);
    await waitForSetupLink(() => output);
  } catch (error) {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-keys`, { recursive: true, force: true });
    await rm(serverLog, { force: true });
    throw error;
  }

  project.provide('baseUrl', baseUrl);
  project.provide('serverLog', serverLog);

  return async () => {
    await stop(child);
    await rm(dataDir, { recursive: true, force: true });
    await rm(`${dataDir}-keys`, { recursive: true, force: true });
    await rm(serverLog, { force: true });
  };
}
