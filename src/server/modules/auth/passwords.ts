import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nlBe from '@zxcvbn-ts/language-nl-be';
import { PASSWORD_MIN_SCORE, passwordFeedbackCode } from '../../../shared/auth.ts';
import type { FieldError } from '../../../shared/problem.ts';
import { badRequest } from '../../lib/errors.ts';

/**
 * argon2id with the OWASP minimum (m = 19 MiB, t = 2, p = 1): about 20–40 ms here. `algorithm` is left
 * at the library default, which is argon2id (the const enum cannot be named under isolatedModules); a
 * test checks the stored hashes start with `$argon2id$`.
 */
const ARGON2_OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The hashing functions, as an object so a test can watch that a sign-in for an unknown account still
 * runs a full verification (same time as a wrong password).
 */
export const passwordHasher = {
  hash: (password: string): Promise<string> => hash(password, ARGON2_OPTIONS),
  verify: (encoded: string, password: string): Promise<boolean> => verify(encoded, password).catch(() => false),
};

let dummyHash: Promise<string> | null = null;

/** A hash of a random password nobody knows: verified against when an account has no password. */
function getDummyHash(): Promise<string> {
  dummyHash ??= passwordHasher.hash(randomBytes(32).toString('base64url'));
  return dummyHash;
}

/**
 * Verifies a password against a stored hash, or, when there is none (unknown account, passkey-only
 * account), against a dummy hash with the same cost, so both take the same time. Never true without a hash.
 */
export async function verifyPasswordOrDummy(stored: string | null | undefined, password: string): Promise<boolean> {
  const ok = await passwordHasher.verify(stored ?? (await getDummyHash()), password);
  return Boolean(stored) && ok;
}

let zxcvbn: ZxcvbnFactory | null = null;

function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...nlBe.dictionary },
    graphs: common.adjacencyGraphs,
  });
  return zxcvbn;
}

/** Words about the person and the site that make a password easier to guess. */
export function personalInputs(person: { email?: string | null; displayName?: string | null }): string[] {
  const inputs = ['weerbaar', 'weerbaarbestuur', 'bestuur', 'veiligheidspakket'];
  if (person.email) {
    inputs.push(person.email);
    const [local, domain] = person.email.split('@');
    if (local) inputs.push(local, ...local.split(/[._+-]+/));
    if (domain) inputs.push(domain, ...domain.split('.'));
  }
  if (person.displayName) inputs.push(person.displayName, ...person.displayName.split(/\s+/));
  return [...new Set(inputs.filter((input) => input.length >= 3).map((input) => input.toLowerCase()))];
}

export interface StrengthVerdict {
  score: number;
  /** zxcvbn's feedback keys (e.g. `commonWords`, `userInputs`, `anotherWord`). */
  feedback: string[];
}

export function passwordStrength(password: string, userInputs: string[]): StrengthVerdict {
  const result = estimator().check(password, userInputs);
  const feedback = [result.feedback.warning, ...result.feedback.suggestions].filter(
    (key): key is string => typeof key === 'string' && key.length > 0,
  );
  return { score: result.score, feedback: [...new Set(feedback)] };
}

/** Throws 400 `password_too_weak` (field `body/password`, plus one entry per feedback key) when weak. */
export function assertStrongPassword(password: string, userInputs: string[]): void {
  const verdict = passwordStrength(password, userInputs);
  if (verdict.score >= PASSWORD_MIN_SCORE) return;
  const errors: FieldError[] = [
    { field: 'body/password', code: 'password_too_weak', message: 'This password is too easy to guess.' },
    ...verdict.feedback.map((key) => ({
      field: 'body/password',
      code: passwordFeedbackCode(key),
      message: key,
    })),
  ];
  throw badRequest('password_too_weak', 'Choose a password that is harder to guess.', errors);
}
