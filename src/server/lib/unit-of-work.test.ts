import { describe, expect, it, vi } from 'vitest';
import type { Db } from '../db/index.ts';
import { UnitOfWork, type UnitOfWorkDeps } from './unit-of-work.ts';

/** A database whose transaction records when it commits, so the tests can see what ran inside it. */
function fakeDeps(events: string[]): UnitOfWorkDeps {
  const db = {
    transaction: async <T>(fn: (tx: unknown) => Promise<T>) => {
      events.push('begin');
      const result = await fn({});
      events.push('commit');
      return result;
    },
  } as unknown as Db;
  return {
    db,
    log: { error: (_obj, msg) => events.push(`logged: ${msg}`) },
    jobs: { send: async (name) => events.push(`job ${name}`) },
    flushMail: async () => void events.push('mail'),
    now: () => new Date('2026-12-04T12:00:00Z'),
  };
}

const ctx = { actor: null, requestId: null, ipHash: null };

describe('UnitOfWork', () => {
  it('runs effects only after the commit, jobs and other effects in order, mail last', async () => {
    const events: string[] = [];
    const uow = new UnitOfWork(fakeDeps(events));
    const result = await uow.run(ctx, async (w) => {
      w.deliverMail();
      w.sendJob('a', {});
      w.afterCommit('b', async () => void events.push('effect b'));
      events.push('work');
      return 42;
    });
    expect(result).toBe(42);
    expect(events).toEqual(['begin', 'work', 'commit', 'job a', 'effect b', 'mail']);
  });

  it('runs no effect when the work throws', async () => {
    const events: string[] = [];
    const uow = new UnitOfWork(fakeDeps(events));
    await expect(
      uow.run(ctx, async (w) => {
        w.deliverMail();
        w.sendJob('a', {});
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(events).toEqual(['begin']);
  });

  it('logs a failed effect and still runs the rest', async () => {
    const events: string[] = [];
    const uow = new UnitOfWork(fakeDeps(events));
    await uow.run(ctx, async (w) => {
      w.afterCommit('broken', async () => {
        throw new Error('down');
      });
      w.deliverMail();
    });
    expect(events).toEqual(['begin', 'commit', 'logged: an effect after commit failed', 'mail']);
  });

  it('gives the whole change one moment from the clock', async () => {
    const events: string[] = [];
    const now = vi.fn(() => new Date('2026-12-04T12:00:00Z'));
    const uow = new UnitOfWork({ ...fakeDeps(events), now });
    const seen = await uow.run(ctx, async (w) => [w.now, w.now]);
    expect(seen[0]).toBe(seen[1]);
    expect(now).toHaveBeenCalledTimes(1);
  });
});
