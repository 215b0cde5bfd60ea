import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../lib/actor.ts';
import { AppError, unauthorized } from '../../lib/errors.ts';

export const stepUpRequired = () =>
  new AppError(
    403,
    'step_up_required',
    'Forbidden',
    'Confirm it is you: sign in again (passkey, or password with a code) and repeat this action.',
  );

/**
 * The step-up check for a service: the actor's session fully (re-)authenticated at most `stepUpMinutes`
 * ago. An actor without a session time (the CLI, jobs) has no session to renew and is refused too;
 * callers that run outside HTTP do not come here.
 */
export function requireFreshActor(actor: Actor | null, stepUpMinutes: number, now: Date = new Date()): void {
  if (!actor) throw unauthorized();
  if (!actor.authenticatedAt) throw stepUpRequired();
  if (now.getTime() - actor.authenticatedAt.getTime() > stepUpMinutes * 60_000) throw stepUpRequired();
}

/**
 * Demands a fresh full authentication before the most sensitive actions (changing sign-in methods,
 * granting a role that reads cases, revealing an address, exporting a dossier). Reusable by every module.
 */
export function requireRecentAuthentication(request: FastifyRequest): void {
  const session = request.session;
  if (!session) throw unauthorized();
  requireFreshActor(session.actor, request.server.config.STEP_UP_MINUTES);
}
