import { asc, eq, lt } from 'drizzle-orm';
import { isoOrNull, type JsonRecord, type PersonalDataContribution } from '../../lib/personal-data.ts';
import {
  oidcIdentities,
  passkeys,
  passwordCredentials,
  recoveryCodes,
  signInThrottle,
  totpCredentials,
  webauthnChallenges,
} from './db.ts';

const DAY_MS = 86_400_000;
export const SIGN_IN_THROTTLE_KEEP_DAYS = 30;

/**
 * Sign-in methods: which exist and when they were made and used. Never the secrets themselves (password
 * hash, authenticator seed, recovery code hashes): they identify nothing and would only weaken the account.
 */
export const AUTH_PERSONAL_DATA: PersonalDataContribution = {
  sources: [
    {
      key: 'sign_in_methods',
      tables: ['passkeys', 'password_credentials', 'totp_credentials', 'recovery_codes', 'oidc_identities'],
      async export({ db, personId }) {
        const keys = await db
          .select()
          .from(passkeys)
          .where(eq(passkeys.personId, personId))
          .orderBy(asc(passkeys.createdAt));
        const [password] = await db
          .select()
          .from(passwordCredentials)
          .where(eq(passwordCredentials.personId, personId));
        const [totp] = await db.select().from(totpCredentials).where(eq(totpCredentials.personId, personId));
        const codes = await db.select().from(recoveryCodes).where(eq(recoveryCodes.personId, personId));
        const organisations = await db.select().from(oidcIdentities).where(eq(oidcIdentities.personId, personId));
        const records: JsonRecord[] = [
          ...keys.map((key) => ({
            kind: 'passkey',
            name: key.name,
            createdAt: key.createdAt.toISOString(),
            lastUsedAt: isoOrNull(key.lastUsedAt),
          })),
          ...(password ? [{ kind: 'password', createdAt: password.createdAt.toISOString() }] : []),
          ...(totp
            ? [
                {
                  kind: 'authenticator_app',
                  createdAt: totp.createdAt.toISOString(),
                  confirmedAt: isoOrNull(totp.confirmedAt),
                },
              ]
            : []),
          ...(codes.length
            ? [
                {
                  kind: 'recovery_codes',
                  total: codes.length,
                  used: codes.filter((code) => code.usedAt).length,
                  createdAt: codes[0]?.createdAt.toISOString() ?? null,
                },
              ]
            : []),
          ...organisations.map((link) => ({
            kind: 'organisation_sign_in',
            issuer: link.issuer,
            subject: link.subject,
            createdAt: link.createdAt.toISOString(),
            lastUsedAt: isoOrNull(link.lastUsedAt),
          })),
        ];
        return { records };
      },
    },
  ],
  exclusions: [
    {
      table: 'webauthn_challenges',
      reason:
        'A random challenge lives for minutes while a passkey sign-in is under way; it says nothing about the person and expires before an export could matter.',
    },
  ],
  erasure: [
    {
      name: 'sign_in_methods',
      async run(w, personId) {
        const removed = await w.tx
          .delete(passkeys)
          .where(eq(passkeys.personId, personId))
          .returning({ id: passkeys.id });
        await w.tx.delete(passwordCredentials).where(eq(passwordCredentials.personId, personId));
        await w.tx.delete(totpCredentials).where(eq(totpCredentials.personId, personId));
        await w.tx.delete(recoveryCodes).where(eq(recoveryCodes.personId, personId));
        await w.tx.delete(oidcIdentities).where(eq(oidcIdentities.personId, personId));
        await w.tx.delete(webauthnChallenges).where(eq(webauthnChallenges.personId, personId));
        return { counts: { passkeys: removed.length } };
      },
    },
  ],
  retention: [
    {
      category: 'sign_in_methods',
      tables: ['passkeys', 'password_credentials', 'totp_credentials', 'recovery_codes', 'oidc_identities'],
      keepDays: null,
      startsAt: '—',
      reason:
        'While the account exists; the person removes a method under Mijn account (never the last one), and all go with the account.',
      enforcedBy: 'the person, or account deletion',
    },
    {
      category: 'webauthn_challenges',
      tables: ['webauthn_challenges'],
      keepDays: 0,
      startsAt: 'the challenge expired (minutes after it was issued)',
      reason: 'A used or expired challenge is worthless and must not be answerable later.',
      sweep: async ({ tx: db, now }) => {
        const removed = await db
          .delete(webauthnChallenges)
          .where(lt(webauthnChallenges.expiresAt, now))
          .returning({ challenge: webauthnChallenges.challenge });
        return removed.length;
      },
    },
    {
      category: 'sign_in_throttle',
      tables: ['sign_in_throttle'],
      keepDays: SIGN_IN_THROTTLE_KEEP_DAYS,
      startsAt: 'the last failed sign-in of that account or address (keyed hashes only)',
      reason: 'Long enough to slow down a slow guessing attack; after that the counter starts again.',
      sweep: async ({ tx: db, now }) => {
        const before = new Date(now.getTime() - SIGN_IN_THROTTLE_KEEP_DAYS * DAY_MS);
        const removed = await db
          .delete(signInThrottle)
          .where(lt(signInThrottle.updatedAt, before))
          .returning({ key: signInThrottle.key });
        return removed.length;
      },
    },
  ],
};
