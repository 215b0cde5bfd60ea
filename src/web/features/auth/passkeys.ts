import {
  type AuthenticationResponseJSON,
  browserSupportsWebAuthn,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  startAuthentication,
  startRegistration,
  WebAuthnError,
} from '@simplewebauthn/browser';
import type { PasskeyAuthenticationOptions, PasskeyRegistrationOptions } from '../../../shared/auth.ts';
import type { LocalProblem } from '../../api/problems.ts';

/** Why the browser's passkey step did not finish, in terms the page can explain. */
export type PasskeyProblem = 'cancelled' | 'exists' | 'unsupported' | 'failed';

/** A passkey step the browser did not finish: a problem found here, with its own text for the page. */
export class PasskeyError extends Error implements LocalProblem {
  constructor(readonly problem: PasskeyProblem) {
    super(`passkey: ${problem}`);
    this.name = 'PasskeyError';
  }

  get messageKey(): string {
    return `auth.passkey.problems.${this.problem}`;
  }
}

function toPasskeyError(error: unknown): PasskeyError {
  if (error instanceof WebAuthnError) {
    if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') return new PasskeyError('exists');
    if (error.code === 'ERROR_CEREMONY_ABORTED') return new PasskeyError('cancelled');
  }
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError')) {
    return new PasskeyError('cancelled');
  }
  return new PasskeyError('failed');
}

export function passkeysSupported(): boolean {
  return browserSupportsWebAuthn();
}

/** Lets the browser (or phone, or security key) create a passkey with the server's options. */
export async function createPasskey(options: PasskeyRegistrationOptions): Promise<RegistrationResponseJSON> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported');
  try {
    return await startRegistration({ optionsJSON: options as unknown as PublicKeyCredentialCreationOptionsJSON });
  } catch (error) {
    throw toPasskeyError(error);
  }
}

/** Lets the browser sign the server's challenge with a passkey. */
export async function signWithPasskey(options: PasskeyAuthenticationOptions): Promise<AuthenticationResponseJSON> {
  if (!passkeysSupported()) throw new PasskeyError('unsupported');
  try {
    return await startAuthentication({ optionsJSON: options as unknown as PublicKeyCredentialRequestOptionsJSON });
  } catch (error) {
    throw toPasskeyError(error);
  }
}
