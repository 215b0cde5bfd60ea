import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Keyring } from '../../lib/crypto/index.ts';
import type { UnitOfWork, UnitOfWorkLog } from '../../lib/unit-of-work.ts';
import { signInClientOf } from '../sessions/plugin.ts';
import type { SignInClient } from '../sessions/service.ts';
import { deviceCookieOf } from './device.ts';
import { type RelyingParty, relyingParty } from './webauthn.ts';

/** What the auth services need: the one unit of work, configuration, keys, the passkey relying party, a log. */
export interface AuthDeps {
  uow: UnitOfWork;
  config: Config;
  keyring: Keyring;
  rp: RelyingParty;
  log: UnitOfWorkLog;
}

export function authDepsOf(app: FastifyInstance): AuthDeps {
  return {
    uow: app.unitOfWork,
    config: app.config,
    keyring: app.keyring,
    rp: relyingParty(app.config),
    log: app.log,
  };
}

/**
 * The request as a sign-in sees it: the session it came with, its browser, its address and its device
 * cookie (the last two for throttling, device.ts).
 */
export interface AuthClient extends SignInClient {
  ip: string;
  deviceCookie: string | undefined;
}

export function authClientOf(request: FastifyRequest): AuthClient {
  return { ...signInClientOf(request), ip: request.ip, deviceCookie: deviceCookieOf(request) };
}
