import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import type { TotpSetupResponse } from '../../../shared/auth.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import { contextAad, type Keyring } from '../../lib/crypto/index.ts';
import { totpCredentials } from './db.ts';

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side of the server's clock (±30 s) for clock drift; never the client's time. */
const TOTP_TOLERANCE_SECONDS = 30;
const ISSUER = 'Weerbaar';

const secretAad = (personId: string) => contextAad('totp_credentials', 'secret', personId);

/**
 * A fresh 160-bit secret from the CSPRNG, stored encrypted and unconfirmed for the person (replacing an
 * earlier unconfirmed one; a confirmed secret is never replaced). Answers what the authenticator app needs.
 */
export async function startTotpSetup(
  db: DbOrTx,
  keyring: Keyring,
  person: { id: string; email: string },
): Promise<TotpSetupResponse | null> {
  const secret = generateSecret({ length: 20 });
  const envelope = keyring.encrypt(secret, secretAad(person.id));
  const stored = await db
    .insert(totpCredentials)
    .values({ personId: person.id, secretEnvelope: envelope, confirmedAt: null, lastUsedStep: null })
    .onConflictDoUpdate({
      target: totpCredentials.personId,
      set: { secretEnvelope: envelope, lastUsedStep: null, createdAt: new Date() },
      setWhere: isNull(totpCredentials.confirmedAt),
    })
    .returning({ personId: totpCredentials.personId });
  if (stored.length === 0) return null;
  const otpauthUri = generateURI({ issuer: ISSUER, label: person.email, secret });
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { totpSecret: secret, otpauthUri, qrSvg };
}

export interface StoredTotp {
  secret: string;
  lastUsedStep: number | null;
  confirmed: boolean;
}

export async function loadTotp(db: DbOrTx, keyring: Keyring, personId: string): Promise<StoredTotp | null> {
  const [row] = await db.select().from(totpCredentials).where(eq(totpCredentials.personId, personId));
  if (!row) return null;
  return {
    secret: keyring.decryptString(row.secretEnvelope, secretAad(personId)),
    lastUsedStep: row.lastUsedStep,
    confirmed: row.confirmedAt !== null,
  };
}

/**
 * The time step a code belongs to, if it is valid now (server time, ±1 step) and later than the last
 * accepted one; null otherwise.
 */
export async function checkTotpCode(secret: string, code: string, lastUsedStep: number | null): Promise<number | null> {
  try {
    const result = await verify({
      secret,
      token: code.trim(),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_TOLERANCE_SECONDS,
      ...(lastUsedStep !== null ? { afterTimeStep: lastUsedStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}

/**
 * Records a confirmed secret's accepted step, once: of two requests with the same code only one updates
 * the row, so a code is never accepted twice.
 */
export async function acceptTotpStep(tx: Tx, personId: string, step: number): Promise<boolean> {
  const updated = await tx
    .update(totpCredentials)
    .set({ lastUsedStep: step })
    .where(
      and(
        eq(totpCredentials.personId, personId),
        isNotNull(totpCredentials.confirmedAt),
        or(isNull(totpCredentials.lastUsedStep), lt(totpCredentials.lastUsedStep, step)),
      ),
    )
    .returning({ personId: totpCredentials.personId });
  return updated.length > 0;
}

/** Confirms a pending secret with the step of the code that proved it. */
export async function confirmTotp(tx: Tx, personId: string, step: number): Promise<boolean> {
  const updated = await tx
    .update(totpCredentials)
    .set({ confirmedAt: new Date(), lastUsedStep: step })
    .where(and(eq(totpCredentials.personId, personId), isNull(totpCredentials.confirmedAt)))
    .returning({ personId: totpCredentials.personId });
  return updated.length > 0;
}
