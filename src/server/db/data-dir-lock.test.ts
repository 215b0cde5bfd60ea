import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './data-dir-lock.ts';

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'weerbaar-lock-'));

/** A second process that takes the lock and keeps it until killed. */
function holdLockInChild(dir: string) {
  const script = `
    import { lockDataDir } from ${JSON.stringify(path.resolve('src/server/db/data-dir-lock.ts'))};
    lockDataDir(${JSON.stringify(dir)});
    console.log('locked');
    setInterval(() => {}, 1000);
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const locked = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => data.toString().includes('locked') && resolve());
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
  });
  return { child, locked };
}

describe('data directory lock', () => {
  it('lets one owner in and refuses a second, naming the owner', () => {
    const dir = freshDir();
    const lock = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    expect(() => lockDataDir(dir)).toThrow(/in use by another Weerbaar process \(pid \d+/);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses while another process holds the directory, and takes over once it crashed', async () => {
    const dir = freshDir();
    const { child, locked } = holdLockInChild(dir);
    await locked;
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL'); // a crash: the lock file stays behind
    await exited;
    const lock = lockDataDir(dir);
    lock.release();
  }, 20_000);

  it('treats an unreadable lock file as stale', () => {
    const dir = freshDir();
    writeFileSync(path.join(dir, 'weerbaar.lock'), 'half-writ');
    lockDataDir(dir).release();
  });

  it('treats a lock of a recycled pid (another start time) as stale', () => {
    const dir = freshDir();
    writeFileSync(
      path.join(dir, 'weerbaar.lock'),
      JSON.stringify({ host: hostname(), pid: process.pid, pidStart: 'long-ago' }),
    );
    lockDataDir(dir).release();
  });
});
