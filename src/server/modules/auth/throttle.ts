import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import { rowsOf } from '../../db/index.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import { AppError } from '../../lib/errors.ts';
import { signInThrottle } from './db.ts';
import { accountHash, recognizedDevice } from './device.ts';

/**
 * Defence against guessing (ASVS V6.1.1, V6.3.1), without letting an attacker lock a real person out:
 *
 * - Per account (keyed hash of the normalised e-mail address, so unknown addresses behave exactly like
 *   known ones): from the 5th failure on, each failure blocks the next attempt for 2^(n−5) seconds
 *   (1, 2, 4, … s), at most 15 minutes. A successful sign-in clears it.
 * - Per IP address (keyed hash): the same curve from the 20th failure, against spraying many accounts
 *   from one address while leaving room for a shared office or household address.
 * - Second factor (per account, counted only when the password was right): at most 5 wrong codes per
 *   15 minutes; after that the account answers as if the password were wrong until the window ends.
 *   Nothing tells the caller the password was right.
 * - Counts start over after 15 quiet minutes (no failure, and the last block ended 15 minutes ago), so
 *   at the cap an account gets one guess per 15 minutes.
 * - A browser that signed in to the account before (device.ts) is counted apart: its account, IP and
 *   second-factor budgets are its own. Whoever guesses from elsewhere — or fails on purpose, to lock the
 *   owner out — fills the account's budget, not that browser's; so the owner, on a device they used
 *   before, still gets in (as they do with a passkey, which is never throttled by password failures).
 *   A new device gets the account's budget: there the owner waits like anyone else.
 * - @fastify/rate-limit caps requests per IP per route as a second layer (see routes).
 */
export const THROTTLE = {
  account: { threshold: 5 },
  ip: { threshold: 20 },
  secondFactor: { maxFailures: 5 },
  maxBlockSeconds: 15 * 60,
  windowSeconds: 15 * 60,
} as const;

export interface ThrottleKeys {
  account: string;
  ip: string;
  /** The device id when this browser signed in to the account before (its own budget); null otherwise. */
  device: string | null;
}

/**
 * The throttle keys of a sign-in attempt: the account's and the address's, or, when the browser's device
 * cookie (device.ts) proves it signed in to this account before, this known device's own.
 */
export function throttleKeys(
  keyring: Keyring,
  email: string,
  ipAddress: string,
  deviceCookie?: string | undefined,
): ThrottleKeys {
  const account = accountHash(keyring, email);
  const ip = keyring.keyedHash('sign-in-ip', ipAddress);
  const device = recognizedDevice(keyring, deviceCookie, email);
  if (!device) return { account: `account:${account}`, ip: `ip:${ip}`, device: null };
  const known = keyring.keyedHash('sign-in-known-device', `${account}:${device}`);
  return {
    account: `device:${known}`,
    ip: `device-ip:${keyring.keyedHash('sign-in-known-device', `${known}:${ip}`)}`,
    device,
  };
}

export function secondFactorKey(keyring: Keyring, personId: string, device: string | null = null): string {
  const person = keyring.keyedHash('sign-in-second-factor', personId);
  return device
    ? `second-factor:${person}:${keyring.keyedHash('sign-in-known-device', device)}`
    : `second-factor:${person}`;
}

/** 429 with Retry-After (the errors plugin sets the header the error carries). */
export const signInThrottled = (retryAfterSeconds: number) =>
  new AppError(
    429,
    'sign_in_throttled',
    'Too Many Requests',
    `Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`,
  ).withHeader('Retry-After', String(retryAfterSeconds));

/** Seconds until the longest block among the keys ends; 0 when none is blocked. */
export async function blockedForSeconds(db: DbOrTx, keys: string[]): Promise<number> {
  const rows = await db
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(inArray(signInThrottle.key, keys));
  const now = Date.now();
  let longest = 0;
  for (const row of rows) {
    if (row.blockedUntil && row.blockedUntil.getTime() > now) {
      longest = Math.max(longest, Math.ceil((row.blockedUntil.getTime() - now) / 1000));
    }
  }
  return longest;
}

/** Throws 429 `sign_in_throttled` with Retry-After when any key is blocked. */
export async function assertNotThrottled(db: DbOrTx, keys: string[]): Promise<void> {
  const seconds = await blockedForSeconds(db, keys);
  if (seconds > 0) throw signInThrottled(seconds);
}

/** Counts a failure on a key (atomically) and blocks it per the curve; answers the new failure count. */
export async function recordFailure(
  db: DbOrTx,
  key: string,
  curve: { threshold: number } | { fixedAfter: number },
): Promise<number> {
  const window = `${THROTTLE.windowSeconds} seconds`;
  const result = await db.execute(sql`
    INSERT INTO ${signInThrottle} (key, failures, blocked_until, updated_at)
    VALUES (${key}, 1, NULL, now())
    ON CONFLICT (key) DO UPDATE SET
      failures = CASE
        WHEN ${signInThrottle.updatedAt} < now() - ${window}::interval
          AND (${signInThrottle.blockedUntil} IS NULL OR ${signInThrottle.blockedUntil} <= now() - ${window}::interval)
        THEN 1
        ELSE ${signInThrottle.failures} + 1
      END,
      updated_at = now()
    RETURNING failures`);
  const failures = Number(rowsOf<{ failures: number }>(result)[0]?.failures ?? 1);
  let blockSeconds = 0;
  if ('threshold' in curve) {
    if (failures >= curve.threshold) {
      blockSeconds = Math.min(2 ** Math.min(failures - curve.threshold, 20), THROTTLE.maxBlockSeconds);
    }
  } else if (failures >= curve.fixedAfter) {
    blockSeconds = THROTTLE.windowSeconds;
  }
  if (blockSeconds > 0) {
    await db.execute(sql`
      UPDATE ${signInThrottle}
      SET blocked_until = GREATEST(COALESCE(blocked_until, now()), now() + ${`${blockSeconds} seconds`}::interval)
      WHERE key = ${key}`);
  }
  return failures;
}

export async function clearThrottle(db: DbOrTx, keys: string[]): Promise<void> {
  await db.delete(signInThrottle).where(inArray(signInThrottle.key, keys));
}
