import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Real server processes (`node src/server/main.ts`, as `npm start` runs it) for tests that need more than
 * `app.inject()`: several instances on one database, a process killed. Readiness is polled, never slept on.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'src/server/main.ts');
const HOST = '127.0.0.1';
/** A busy 2-core machine starts a process in 10–30 s; leave room. */
const READY_TIMEOUT_MS = 120_000;

export interface Instance {
  name: string;
  baseUrl: string;
  child: ChildProcess;
  /** Everything the process printed so far (logs at the chosen level, local-mode mail). */
  output(): string;
  exited: Promise<number | null>;
}

/** A port nobody is using right now: the OS picks one, and it is given back. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

/** Starts one server process on `port` with the given environment (on top of this process's). */
export function startInstance(name: string, port: number, env: Record<string, string>): Instance {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: { ...process.env, HOST, PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, baseUrl: `http://${HOST}:${port}`, child, output: () => output, exited };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `/readyz` until it answers 200; fails at once when the process stopped. */
export async function waitUntilReady(instance: Instance): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (instance.child.exitCode !== null || instance.child.signalCode !== null) {
      throw new Error(`${instance.name} stopped before it was ready:\n${instance.output()}`);
    }
    try {
      const response = await fetch(`${instance.baseUrl}/readyz`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await pause(250);
  }
  throw new Error(`${instance.name} was not ready within ${READY_TIMEOUT_MS / 1000} s:\n${instance.output()}`);
}

/** Stops a process: SIGTERM (a clean shutdown), SIGKILL when it does not go in time. */
export async function stopInstance(instance: Instance): Promise<void> {
  if (instance.child.exitCode !== null || instance.child.signalCode !== null) return;
  instance.child.kill('SIGTERM');
  const timer = setTimeout(() => instance.child.kill('SIGKILL'), 20_000);
  await instance.exited;
  clearTimeout(timer);
}

/**
 * Waits until `check` answers something other than undefined, polling every `intervalMs`; fails with
 * `what` after `timeoutMs`. For what another process does in its own time (a job, a mail).
 */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${options.timeoutMs / 1000} s waiting for ${what}`);
    await pause(options.intervalMs ?? 500);
  }
}
