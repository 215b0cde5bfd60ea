import { and, eq, gt, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/index.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Work } from '../../lib/unit-of-work.ts';
import { recordAudit } from '../audit/service.ts';
import { invitations, people } from '../people/db.ts';
import { findPersonByEmail, findPersonById, normaliseEmail, type PersonWithRoles } from '../people/repository.ts';
import { isStaff } from '../sessions/policy.ts';
import { startSession } from '../sessions/service.ts';
import { oidcIdentities } from './db.ts';
import type { AuthClient, AuthDeps } from './deps.ts';
import { type OidcClient, OidcExchangeError, type PendingSignIn, type ProviderIdentity } from './oidc-client.ts';
import { type OidcRefusal, oidcRefused } from './problems.ts';
import type { StartedSession } from './sign-in-service.ts';

/**
 * Staff sign-in with their organisation's identity provider. The provider proves who the person is (and,
 * through the configured claim, that they used a second factor); Weerbaar decides whether that person
 * may come in: only an existing staff account (invited by an admin, or active), never an officeholder or
 * relative, never an admin (admins keep their passkey), and never with roles taken from the provider's
 * claims. The first sign-in matches on the verified e-mail address and links issuer + subject to the
 * account; later ones match on that link. Every refusal is audited and answers its own problem code.
 */

export interface OidcDeps extends AuthDeps {
  oidc: OidcClient;
}

export async function startOidcSignIn(deps: OidcDeps): Promise<{ url: URL; pending: PendingSignIn }> {
  try {
    return await deps.oidc.start();
  } catch (error) {
    if (error instanceof OidcExchangeError) throw oidcRefused(error.reason);
    throw error;
  }
}

export async function finishOidcSignIn(
  deps: OidcDeps,
  ctx: ServiceContext,
  client: AuthClient,
  callbackUrl: URL,
  pending: PendingSignIn | null,
): Promise<StartedSession> {
  if (!pending) return refuse(deps, ctx, 'state_invalid', null);
  let identity: ProviderIdentity;
  try {
    identity = await deps.oidc.finish(callbackUrl, pending);
  } catch (error) {
    if (!(error instanceof OidcExchangeError)) throw error;
    return refuse(deps, ctx, error.reason, null, { code: error.code });
  }
  const db = deps.uow.db;
  const linked = await linkedPerson(db, identity);
  const person = linked ?? (await personByVerifiedEmail(deps, identity));
  if (!identity.mfa) return refuse(deps, ctx, 'mfa_missing', person);
  if (!person) {
    const reason = emailAllowed(deps, identity) ? 'account_unknown' : 'email_not_allowed';
    return refuse(deps, ctx, reason, null);
  }
  if (!linked && (await hasOtherLink(db, person.id, identity))) return refuse(deps, ctx, 'account_unknown', person);
  if (person.roles.includes('admin')) return refuse(deps, ctx, 'passkey_required', person);
  const memberRole = person.roles.some((role) => role === 'officeholder' || role === 'relative');
  if (!isStaff(person.roles) || memberRole || person.status === 'deactivated') {
    return refuse(deps, ctx, 'account_unknown', person);
  }
  const acting: ServiceContext = { ...ctx, actor: { personId: person.id, roles: person.roles } };
  const session = await deps.uow.run(acting, async (w) => {
    if (person.status === 'invited' && !(await activate(w, person.id))) return null;
    await rememberLink(w, person.id, identity, linked !== null);
    return startSession(w, deps.config, client, person.id, 'oidc');
  });
  return session ?? refuse(deps, ctx, 'account_unknown', person);
}

/** The account linked to this provider identity at an earlier sign-in. */
async function linkedPerson(db: DbOrTx, identity: ProviderIdentity): Promise<PersonWithRoles | null> {
  const [link] = await db
    .select({ personId: oidcIdentities.personId })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
  return link ? findPersonById(db, link.personId) : null;
}

function emailAllowed(deps: OidcDeps, identity: ProviderIdentity): identity is ProviderIdentity & { email: string } {
  if (!identity.email || !identity.emailVerified) return false;
  const domain = normaliseEmail(identity.email).split('@').pop() ?? '';
  return deps.oidc.settings.allowedEmailDomains.includes(domain);
}

/** First sign-in: the account with the provider's verified e-mail address, in an allowed domain. */
async function personByVerifiedEmail(deps: OidcDeps, identity: ProviderIdentity): Promise<PersonWithRoles | null> {
  return emailAllowed(deps, identity) ? findPersonByEmail(deps.uow.db, identity.email) : null;
}

/** The account is already linked to another identity at this provider: a second one may not take it over. */
async function hasOtherLink(db: DbOrTx, personId: string, identity: ProviderIdentity): Promise<boolean> {
  const [link] = await db
    .select({ subject: oidcIdentities.subject })
    .from(oidcIdentities)
    .where(and(eq(oidcIdentities.personId, personId), eq(oidcIdentities.issuer, identity.issuer)));
  return link !== undefined && link.subject !== identity.subject;
}

/**
 * An invited staff member's first sign-in activates the account, like an activation link would: only
 * while an invitation is open (a withdrawn or expired one means: not invited), which is then used up.
 */
async function activate(w: Work, personId: string): Promise<boolean> {
  const used = await w.tx
    .update(invitations)
    .set({ usedAt: w.now })
    .where(
      and(
        eq(invitations.personId, personId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, w.now),
      ),
    )
    .returning({ id: invitations.id });
  if (used.length === 0) return false;
  const activated = await w.tx
    .update(people)
    .set({ status: 'active', activatedAt: w.now })
    .where(and(eq(people.id, personId), eq(people.status, 'invited')))
    .returning({ id: people.id });
  if (activated.length === 0) return false;
  for (const invitation of used) {
    await recordAudit(w.tx, w, {
      action: 'invitation.accepted',
      actorPersonId: personId,
      subjectPersonId: personId,
      recordType: 'invitation',
      recordId: invitation.id,
      details: { method: 'oidc' },
    });
  }
  return true;
}

async function rememberLink(w: Work, personId: string, identity: ProviderIdentity, known: boolean): Promise<void> {
  if (known) {
    await w.tx
      .update(oidcIdentities)
      .set({ lastUsedAt: w.now })
      .where(and(eq(oidcIdentities.issuer, identity.issuer), eq(oidcIdentities.subject, identity.subject)));
    return;
  }
  await w.tx
    .insert(oidcIdentities)
    .values({ issuer: identity.issuer, subject: identity.subject, personId, createdAt: w.now, lastUsedAt: w.now });
  await recordAudit(w.tx, w, {
    action: 'auth.oidc_linked',
    actorPersonId: personId,
    subjectPersonId: personId,
    recordType: 'person',
    recordId: personId,
  });
}

/** Audits the refusal (no e-mail address, no claim values: the reason and plain codes) and throws its problem. */
async function refuse(
  deps: OidcDeps,
  ctx: ServiceContext,
  reason: OidcRefusal,
  person: PersonWithRoles | null,
  extra: { code?: string } = {},
): Promise<never> {
  await deps.uow.run(ctx, (w) =>
    recordAudit(w.tx, w, {
      action: 'session.sign_in_failed',
      outcome: 'failure',
      actorPersonId: null,
      subjectPersonId: person?.id ?? null,
      recordType: 'person',
      ...(person ? { recordId: person.id } : {}),
      details: { method: 'oidc', reason, ...extra },
    }),
  );
  throw oidcRefused(reason);
}
