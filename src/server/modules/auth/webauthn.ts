import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type VerifiedRegistrationResponse,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type WebAuthnCredential,
} from '@simplewebauthn/server';
import { decodeClientDataJSON, isoBase64URL } from '@simplewebauthn/server/helpers';
import { and, eq, isNull, lt } from 'drizzle-orm';
import type {
  PasskeyAuthenticationOptions,
  PasskeyAuthenticationResponse,
  PasskeyRegistrationOptions,
  PasskeyRegistrationResponse,
} from '../../../shared/auth.ts';
import type { Config } from '../../config.ts';
import type { DbOrTx } from '../../db/index.ts';
import { passkeys, webauthnChallenges } from './db.ts';

export const RP_NAME = 'Weerbaar';
/** How long the browser may take, and how long the challenge lives (single use either way). */
const CEREMONY_TIMEOUT_MS = 5 * 60_000;

export interface RelyingParty {
  rpID: string;
  origin: string;
}

/** The passkey's relying party is the host of PUBLIC_URL; only that exact origin is accepted. */
export function relyingParty(config: Config): RelyingParty {
  const url = new URL(config.PUBLIC_URL);
  return { rpID: url.hostname, origin: url.origin };
}

/** The WebAuthn user handle: the person's id (random, not personal data), as bytes. */
export function userHandleOf(personId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(personId);
}

type Purpose = 'register' | 'authenticate';

async function storeChallenge(db: DbOrTx, challenge: string, purpose: Purpose, personId: string | null) {
  await db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, new Date()));
  await db.insert(webauthnChallenges).values({
    challenge,
    purpose,
    personId,
    expiresAt: new Date(Date.now() + CEREMONY_TIMEOUT_MS),
  });
}

/**
 * Takes a challenge out of the store, once: it must have been issued for this purpose and person
 * (`null`: the anonymous sign-in) and not be expired. A second use of the same challenge finds nothing.
 */
async function consumeChallenge(
  db: DbOrTx,
  challenge: string,
  purpose: Purpose,
  personId: string | null,
): Promise<boolean> {
  if (challenge.length === 0 || challenge.length > 200) return false;
  const deleted = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        personId === null ? isNull(webauthnChallenges.personId) : eq(webauthnChallenges.personId, personId),
      ),
    )
    .returning({ expiresAt: webauthnChallenges.expiresAt });
  const [row] = deleted;
  return Boolean(row && row.expiresAt.getTime() > Date.now());
}

function challengeOf(clientDataJSON: string): string | null {
  try {
    return decodeClientDataJSON(clientDataJSON).challenge;
  } catch {
    return null;
  }
}

export async function registrationOptions(
  db: DbOrTx,
  rp: RelyingParty,
  person: { id: string; userName: string; displayName: string },
  existing: { id: string; transports: string | null }[],
): Promise<PasskeyRegistrationOptions> {
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpID,
    userName: person.userName,
    userDisplayName: person.displayName,
    userID: userHandleOf(person.id),
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({
      id: passkey.id,
      transports: splitTransports(passkey.transports),
    })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await storeChallenge(db, options.challenge, 'register', person.id);
  return options as PasskeyRegistrationOptions;
}

export type VerifiedCredential = NonNullable<VerifiedRegistrationResponse['registrationInfo']>['credential'];

/** Verifies a new passkey for the person; null when anything is off (challenge, origin, UV, signature). */
export async function verifyRegistration(
  db: DbOrTx,
  rp: RelyingParty,
  personId: string,
  response: PasskeyRegistrationResponse,
): Promise<VerifiedCredential | null> {
  const challenge = challengeOf(response.response.clientDataJSON);
  if (!challenge || !(await consumeChallenge(db, challenge, 'register', personId))) return null;
  try {
    const result = await verifyRegistrationResponse({
      response: response as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserPresence: true,
      requireUserVerification: true,
    });
    if (!result.verified || !result.registrationInfo.userVerified) return null;
    return result.registrationInfo.credential;
  } catch {
    return null;
  }
}

export async function authenticationOptions(
  db: DbOrTx,
  rp: RelyingParty,
  personId: string | null,
  allow: { id: string; transports: string | null }[],
): Promise<PasskeyAuthenticationOptions> {
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    allowCredentials: allow.map((passkey) => ({ id: passkey.id, transports: splitTransports(passkey.transports) })),
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
  });
  await storeChallenge(db, options.challenge, 'authenticate', personId);
  return options as PasskeyAuthenticationOptions;
}

export type PasskeyRow = typeof passkeys.$inferSelect;

export interface VerifiedAssertion {
  passkey: PasskeyRow;
  newCounter: number;
}

/**
 * Verifies a sign-in assertion. `personId` null: a discoverable sign-in (anyone's passkey, the challenge
 * was issued anonymously); otherwise the passkey must be that person's (step-up). Null on any failure;
 * `passkey` is reported separately so a failure on a known passkey can be audited for its owner.
 */
export async function verifyAssertion(
  db: DbOrTx,
  rp: RelyingParty,
  personId: string | null,
  response: PasskeyAuthenticationResponse,
): Promise<{ ok: VerifiedAssertion | null; passkey: PasskeyRow | null }> {
  const challenge = challengeOf(response.response.clientDataJSON);
  const challengeOk = challenge !== null && (await consumeChallenge(db, challenge, 'authenticate', personId));
  const [passkey] = await db.select().from(passkeys).where(eq(passkeys.id, response.id));
  if (!passkey || (personId !== null && passkey.personId !== personId)) return { ok: null, passkey: null };
  if (!challengeOk || !challenge) return { ok: null, passkey };
  if (response.response.userHandle !== undefined) {
    const expected = isoBase64URL.fromBuffer(userHandleOf(passkey.personId));
    if (isoBase64URL.trimPadding(response.response.userHandle) !== expected) return { ok: null, passkey };
  }
  const credential: WebAuthnCredential = {
    id: passkey.id,
    publicKey: isoBase64URL.toBuffer(passkey.publicKey),
    counter: passkey.counter,
    transports: splitTransports(passkey.transports) as WebAuthnCredential['transports'],
  };
  try {
    const result = await verifyAuthenticationResponse({
      response: response as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential,
      requireUserVerification: true,
    });
    if (!result.verified || !result.authenticationInfo.userVerified) return { ok: null, passkey };
    return { ok: { passkey, newCounter: result.authenticationInfo.newCounter }, passkey };
  } catch {
    return { ok: null, passkey };
  }
}

export function splitTransports(transports: string | null): string[] | undefined {
  return transports ? transports.split(',').filter(Boolean) : undefined;
}

export function encodeCredential(credential: VerifiedCredential) {
  return {
    id: credential.id,
    publicKey: isoBase64URL.fromBuffer(credential.publicKey),
    counter: credential.counter,
    transports: credential.transports?.length ? credential.transports.join(',') : null,
  };
}
