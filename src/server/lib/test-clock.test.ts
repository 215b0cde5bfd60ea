import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fileClock } from './test-clock.ts';

describe('fileClock', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'weerbaar-clock-'));
  const file = path.join(dir, 'offset');
  afterEach(() => {
    vi.useRealTimers();
    rmSync(file, { force: true });
  });

  it('runs with the real time while there is no file, and ahead by the offset once there is', () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
    const now = fileClock(file);
    expect(now().toISOString()).toBe('2026-12-05T10:00:00.000Z');
    writeFileSync(file, String(7 * 86_400_000));
    vi.advanceTimersByTime(250);
    expect(now().toISOString()).toBe('2026-12-12T10:00:00.250Z');
  });

  it('ignores what is not a whole number of milliseconds', () => {
    vi.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
    writeFileSync(file, 'next week');
    expect(fileClock(file)().toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });
});
