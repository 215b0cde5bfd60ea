import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The process as `npm start` runs it (`node src/server/main.ts`: Node's own type stripping, no loader):
 * configuration errors, the data-directory guard, and a clean shutdown that leaves the embedded
 * database closed and reusable.
 */
const MAIN = path.resolve('src/server/main.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-process-'));

const keysDir = `${dataDir}-keys`;
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(keysDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Started {
  let output = '';
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitUntilReady(port: number, started: Started): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`server exited early:\n${started.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not become ready:\n${started.output()}`);
}

describe('the server process', () => {
  it('refuses to start on a wrong setting, naming the variable', async () => {
    const started = start({ PORT: 'drieduizend', DATA_DIR: dataDir });
    expect(await started.exited).toBe(1);
    expect(started.output()).toMatch(/Weerbaar cannot start\. Invalid configuration:\n\s+- PORT: /);
  });

  it('serves, refuses a second process on the same data, shuts down cleanly and keeps its data', async () => {
    const port = await freePort();
    const first = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, first);
    expect(first.output()).toContain('package content loaded');
    const parts = await fetch(`http://127.0.0.1:${port}/api/package/parts`);
    expect(parts.status).toBe(200);

    const second = start({ PORT: String(await freePort()), DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('is in use by another Weerbaar process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'weerbaar.lock'))).toBe(false);
    // The keys live next to the data directory, not in it (a copy of it cannot be decrypted), and so does
    // the log of signed audit checkpoints, written at start and once more at shutdown.
    expect(existsSync(path.join(dataDir, 'keys'))).toBe(false);
    expect(existsSync(path.join(keysDir, 'master.json'))).toBe(true);
    expect(readFileSync(path.join(keysDir, 'audit-checkpoints.jsonl'), 'utf8')).toContain('weerbaar-audit-checkpoint');

    // A restart finds the content it wrote last time: nothing to load again.
    const restarted = start({ PORT: String(port), DATA_DIR: dataDir });
    await waitUntilReady(port, restarted);
    expect(restarted.output()).not.toContain('package content loaded');
    restarted.child.kill('SIGINT');
    expect(await restarted.exited).toBe(0);
  }, 180_000);
});
