import type { FastifyRequest } from 'fastify';
import { AppError, unauthorized } from '../../lib/errors.ts';

export const stepUpRequired = () =>
  new AppError(
    403,
    'step_up_required',
    'Forbidden',
    'Confirm it is you: sign in again (passkey, or password with a code) and repeat this action.',
  );

/**
 * Demands a fresh full authentication before the most sensitive actions (changing sign-in methods,
 * later: revealing an address, exporting a dossier). Reusable by every module.
 */
export function requireRecentAuthentication(request: FastifyRequest): void {
  const session = request.session;
  if (!session) throw unauthorized();
  const maxAgeMs = request.server.config.STEP_UP_MINUTES * 60_000;
  if (Date.now() - session.actor.authenticatedAt.getTime() > maxAgeMs) throw stepUpRequired();
}
