import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { isCaseReadingRole, ROLES, type Role, rolesConflict } from '../../../shared/roles.ts';
import type { Config } from '../../config.ts';
import type { DbOrTx, Tx } from '../../db/index.ts';
import type { Actor } from '../../lib/actor.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { notFound, unauthorized } from '../../lib/errors.ts';
import type { UnitOfWork, Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { people, personRoles } from '../people/db.ts';
import { sessions } from './db.ts';
import { absoluteLifetimeMs, idleTimeoutMs } from './policy.ts';
import { hashSecretToken, newSecretToken } from './tokens.ts';

export type SignInMethod = 'passkey' | 'password_totp' | 'password_recovery' | 'activation' | 'demo_link' | 'oidc';
export type EndReason =
  | 'signed_out'
  | 'signed_out_everywhere'
  | 'ended_by_owner'
  | 'idle'
  | 'expired'
  | 'deactivated'
  | 'account_deleted';

/** Writes of `last_seen_at` are skipped when the last one is this recent, so reads stay reads. */
const TOUCH_INTERVAL_MS = 30_000;

/** Starts a session (a new id and token at every sign-in) and audits it, in the caller's transaction. */
export async function createSession(
  tx: Tx,
  ctx: ServiceContext,
  input: { personId: string; method: SignInMethod; userAgent?: string },
  config: Config,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newSecretToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + absoluteLifetimeMs(config));
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: hashSecretToken(token),
      personId: input.personId,
      method: input.method,
      createdAt: now,
      lastSeenAt: now,
      authenticatedAt: now,
      expiresAt,
      userAgent: input.userAgent?.slice(0, 200) ?? null,
      ipHash: ctx.ipHash,
    })
    .returning({ id: sessions.id });
  if (!row) throw new Error('session insert returned nothing');
  await recordAudit(tx, ctx, {
    action: 'session.signed_in',
    actorPersonId: input.personId,
    subjectPersonId: input.personId,
    recordType: 'session',
    recordId: row.id,
    details: { method: input.method },
  });
  return { token, sessionId: row.id, expiresAt };
}

/** Who is signing in, as far as the request tells: the session it came with (if any), and its browser. */
export interface SignInClient {
  previous: { personId: string; sessionId: string } | null;
  userAgent?: string | undefined;
}

/**
 * Starts a new session for the person inside the caller's unit of work, and ends the session the request
 * came with, if any (a new token at every sign-in, ASVS V7.2.4). The caller sets the cookie after the commit.
 */
export async function startSession(
  w: Work,
  config: Config,
  client: SignInClient,
  personId: string,
  method: SignInMethod,
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  if (client.previous) await endOwnSession(w.tx, w, client.previous.personId, client.previous.sessionId, 'signed_out');
  return createSession(w.tx, w, { personId, method, userAgent: client.userAgent }, config);
}

export interface ResolvedSession {
  actor: Actor & { sessionId: string; authenticatedAt: Date };
  expiresAt: Date;
  idleExpiresAt: Date;
}

/**
 * Finds the live session for a cookie token, with the person's roles as they are right now: a role
 * removed or an account deactivated takes effect on the very next request. Lapsed sessions are ended.
 */
export async function resolveSession(
  db: DbOrTx,
  token: string,
  config: Config,
  options: { touch?: boolean } = {},
): Promise<ResolvedSession | null> {
  const [row] = await db
    .select({
      id: sessions.id,
      personId: sessions.personId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      authenticatedAt: sessions.authenticatedAt,
      status: people.status,
      // The roles in the same statement: one round trip per request for who is asking.
      roles: sql<
        string[] | string | null
      >`(select json_agg(${personRoles.role}) from ${personRoles} where ${personRoles.personId} = ${sessions.personId})`,
    })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.tokenHash, hashSecretToken(token)), isNull(sessions.endedAt)))
    .limit(1);
  if (!row) return null;
  const now = new Date();
  if (row.status !== 'active') {
    await endSessionById(db, row.id, 'deactivated');
    return null;
  }
  const held = rolesOf(row.roles);
  // Separation of duties, failing closed: the database refuses admin with a case-reading role, but should
  // such a pair exist anyway (restored from an old backup), the session acts as admin only.
  const roles = rolesConflict(held) ? held.filter((role) => !isCaseReadingRole(role)) : held;
  const idleExpiresAt = new Date(row.lastSeenAt.getTime() + idleTimeoutMs(roles, config));
  if (row.expiresAt <= now || idleExpiresAt <= now) {
    await endSessionById(db, row.id, row.expiresAt <= now ? 'expired' : 'idle');
    return null;
  }
  if (options.touch !== false && now.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  }
  return {
    actor: { personId: row.personId, roles, sessionId: row.id, authenticatedAt: row.authenticatedAt },
    expiresAt: row.expiresAt,
    idleExpiresAt:
      options.touch === false
        ? idleExpiresAt
        : new Date(Math.max(idleExpiresAt.getTime(), now.getTime() + idleTimeoutMs(roles, config))),
  };
}

/** The roles of the session's person as json_agg gave them (text on a driver that does not parse json). */
function rolesOf(value: string[] | string | null): Role[] {
  const list: unknown = typeof value === 'string' ? JSON.parse(value) : (value ?? []);
  return (Array.isArray(list) ? list : []).filter((role): role is Role => (ROLES as readonly string[]).includes(role));
}

async function endSessionById(db: DbOrTx, sessionId: string, reason: EndReason) {
  await db
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Ends one of the person's own sessions; another person's session id simply matches nothing. */
export async function endOwnSession(
  tx: Tx,
  ctx: ServiceContext,
  personId: string,
  sessionId: string,
  reason: EndReason,
): Promise<boolean> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(and(eq(sessions.id, sessionId), eq(sessions.personId, personId), isNull(sessions.endedAt)))
    .returning({ id: sessions.id });
  if (ended.length === 0) return false;
  await recordAudit(tx, ctx, {
    action: reason === 'signed_out' ? 'session.signed_out' : 'session.ended',
    subjectPersonId: personId,
    recordType: 'session',
    recordId: sessionId,
    details: { reason },
  });
  return true;
}

/** Ends every live session of a person (sign out everywhere, deactivation, credential reset). */
export async function endAllSessions(
  tx: Tx,
  ctx: ServiceContext,
  personId: string,
  reason: EndReason,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ endedAt: new Date(), endReason: reason })
    .where(
      and(
        eq(sessions.personId, personId),
        isNull(sessions.endedAt),
        options.exceptSessionId ? ne(sessions.id, options.exceptSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  await recordAudit(tx, ctx, {
    action: 'session.ended_all',
    subjectPersonId: personId,
    recordType: 'person',
    recordId: personId,
    details: { reason, count: ended.length },
  });
  return ended.length;
}

export async function listLiveSessions(db: DbOrTx, personId: string) {
  return db
    .select({
      id: sessions.id,
      method: sessions.method,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.personId, personId), isNull(sessions.endedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.lastSeenAt));
}

/**
 * A fresh full authentication inside the session (step-up): sensitive changes check this time. The
 * session keeps its id and lifetime but gets a new token (ASVS 5.0 V7.2.4): a token copied before the
 * step-up cannot ride on it. Answers the new token for the cookie.
 */
export async function markReauthenticated(
  tx: Tx,
  ctx: ServiceContext,
  sessionId: string,
  personId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecretToken();
  const [row] = await tx
    .update(sessions)
    .set({ authenticatedAt: new Date(), tokenHash: hashSecretToken(token) })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)))
    .returning({ expiresAt: sessions.expiresAt });
  if (!row) throw new Error('step-up on a session that ended meanwhile');
  await recordAudit(tx, ctx, {
    action: 'session.reauthenticated',
    subjectPersonId: personId,
    recordType: 'session',
    recordId: sessionId,
  });
  return { token, expiresAt: row.expiresAt };
}

// ---------------------------------------------------------------------------------------------------
// My sessions (the routes of this module): each change in the one unit of work
// ---------------------------------------------------------------------------------------------------

/** The signed-in actor with the session the request came with; anonymous callers get the 401. */
function sessionActor(ctx: ServiceContext): { personId: string; sessionId: string } {
  const actor = ctx.actor;
  if (!actor?.sessionId) throw unauthorized();
  return { personId: actor.personId, sessionId: actor.sessionId };
}

/** Who is signed in: the account fields the web app shows, as they are now. */
export async function signedInPerson(db: DbOrTx, personId: string) {
  const [person] = await db
    .select({
      id: people.id,
      displayName: people.displayName,
      email: people.email,
      office: people.office,
      region: people.region,
    })
    .from(people)
    .where(eq(people.id, personId));
  return person ?? null;
}

/** Signing out: ends the session the request came with (no session: nothing to end). */
export async function signOut(uow: UnitOfWork, ctx: ServiceContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  const sessionId = actor.sessionId;
  await uow.run(ctx, (w) => endOwnSession(w.tx, w, actor.personId, sessionId, 'signed_out'));
}

/** My live sessions, newest activity first, the current one marked. */
export async function listMySessions(db: DbOrTx, ctx: ServiceContext) {
  const actor = sessionActor(ctx);
  const rows = await listLiveSessions(db, actor.personId);
  return rows.map((row) => ({ ...row, current: row.id === actor.sessionId }));
}

/** Ends one of my sessions; answers whether it was the one this request came with. Another's: 404. */
export async function endMySession(
  uow: UnitOfWork,
  ctx: ServiceContext,
  sessionId: string,
): Promise<{ wasCurrent: boolean }> {
  const actor = sessionActor(ctx);
  const ended = await uow.run(ctx, (w) => endOwnSession(w.tx, w, actor.personId, sessionId, 'ended_by_owner'));
  if (!ended) throw notFound();
  return { wasCurrent: sessionId === actor.sessionId };
}

/** Signs me out everywhere, this session included; answers how many sessions ended. */
export async function endAllMySessions(uow: UnitOfWork, ctx: ServiceContext): Promise<number> {
  const actor = sessionActor(ctx);
  return uow.run(ctx, (w) => endAllSessions(w.tx, w, actor.personId, 'signed_out_everywhere'));
}
