import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * PGlite has no lock of its own: two processes on one data directory each see only their own writes,
 * and one of them silently loses data. This guard lets exactly one process own a directory.
 *
 * The lock file names its owner (host, pid and the pid's start time). A lock whose owner is gone (a
 * crash, a kill -9) is stale and is taken over, so a crash never leaves the directory stuck.
 */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

interface LockOwner {
  host: string;
  pid: number;
  /** Kernel start time of the pid, so a recycled pid is not mistaken for the owner. */
  pidStart: string | null;
}

export class DataDirLockedError extends Error {
  readonly dataDir: string;
  readonly owner: LockOwner;

  constructor(dataDir: string, owner: LockOwner) {
    super(
      `The data directory ${dataDir} is in use by another Weerbaar process (pid ${owner.pid} on ${owner.host}). ` +
        'Stop that process first, or start this one with another DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
    this.dataDir = dataDir;
    this.owner = owner;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = path.join(dataDir, 'weerbaar.lock');
  const me: LockOwner = { host: hostname(), pid: process.pid, pidStart: processStartTime(process.pid) };
  const candidate = `${file}.${process.pid}.tmp`;
  writeFileSync(candidate, JSON.stringify(me), { mode: 0o600 });
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        // link() is atomic and fails when the target exists: of two racing processes only one wins.
        linkSync(candidate, file);
        return { file, release: () => releaseIfOwner(file, me) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = readOwner(file);
      if (owner && isAlive(owner)) throw new DataDirLockedError(dataDir, owner);
      // Stale: move it aside. rename() is atomic, so when two processes find the same stale lock only
      // one moves it; the other gets ENOENT and simply tries to link again.
      try {
        renameSync(file, `${file}.stale`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    throw new Error(`Could not lock the data directory ${dataDir}; try again.`);
  } finally {
    unlinkSync(candidate);
  }
}

function releaseIfOwner(file: string, me: LockOwner): void {
  const owner = readOwner(file);
  if (owner && owner.pid === me.pid && owner.host === me.host) {
    try {
      unlinkSync(file);
    } catch {
      // Already gone; nothing to release.
    }
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number' || typeof parsed.host !== 'string') return null;
    return { host: parsed.host, pid: parsed.pid, pidStart: parsed.pidStart ?? null };
  } catch {
    // Unreadable or half-written: treat as stale rather than blocking the start for ever.
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  // A lock from another host (a shared volume) cannot be checked from here; respect it.
  if (owner.host !== hostname()) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStartTime(owner.pid);
  return owner.pidStart === null || start === null || start === owner.pidStart;
}

/** Field 22 of /proc/<pid>/stat (Linux); null where /proc is not available. */
function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses; count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? null;
  } catch {
    return null;
  }
}
