import { AppError, conflict } from '../../lib/errors.ts';

/** The auth module's problems (codes and texts for people: src/shared/catalogue/problems-auth.ts). */

export const invitationInvalid = () =>
  new AppError(
    404,
    'invitation_invalid',
    'Not Found',
    'This activation link is unknown, expired, already used or withdrawn. Ask for a new one.',
  );
export const passkeyRequired = () =>
  new AppError(403, 'passkey_required', 'Forbidden', 'This account signs in with a passkey only.');
export const passkeyInvalid = () =>
  new AppError(400, 'passkey_invalid', 'Bad Request', 'The passkey could not be verified. Please try again.');
export const passkeyExists = () => conflict('passkey_exists', 'This passkey is already registered.');
export const signInFailed = () =>
  new AppError(
    401,
    'sign_in_failed',
    'Unauthorized',
    'Signing in did not work. Check what you entered and try again, or use a recovery code.',
  );
export const stepUpFailed = () =>
  new AppError(401, 'step_up_failed', 'Unauthorized', 'That did not confirm it is you. Please try again.');
export const totpInvalid = () =>
  new AppError(400, 'totp_invalid', 'Bad Request', 'The code does not match. Check the time on your phone.', [
    { field: 'body/totpCode', code: 'totp_invalid', message: 'The code does not match.' },
  ]);
export const totpSetupMissing = () =>
  new AppError(409, 'totp_setup_missing', 'Conflict', 'Start the authenticator app set-up first.');
export const lastMethod = () =>
  conflict('last_method', 'This is your last way to sign in. Add another one before removing this one.');
export const lastPasskey = () => conflict('last_passkey', 'Your account needs at least one passkey.');
export const passwordTotpExists = () =>
  conflict('password_totp_exists', 'Password and authenticator app are already set up for your account.');

/** Staff sign-in with their organisation (OpenID Connect): each refusal says why, in the person's words. */
export type OidcRefusal =
  | 'state_invalid'
  | 'provider_refused'
  | 'provider_unreachable'
  | 'token_invalid'
  | 'mfa_missing'
  | 'email_not_allowed'
  | 'account_unknown'
  | 'passkey_required';

const OIDC_REFUSALS: Record<OidcRefusal, [status: number, title: string, detail: string]> = {
  state_invalid: [400, 'Bad Request', 'Signing in with your organisation expired or was interrupted. Start again.'],
  provider_refused: [401, 'Unauthorized', 'Your organisation did not approve the sign-in.'],
  provider_unreachable: [503, 'Service Unavailable', "Your organisation's sign-in service cannot be reached now."],
  token_invalid: [401, 'Unauthorized', 'The answer from your organisation was not valid (expired or not for us).'],
  mfa_missing: [401, 'Unauthorized', 'Your organisation does not report a sign-in with two steps (MFA).'],
  email_not_allowed: [403, 'Forbidden', 'This e-mail address cannot sign in through your organisation.'],
  account_unknown: [
    403,
    'Forbidden',
    'There is no staff account in Weerbaar for you; an administrator must invite you.',
  ],
  passkey_required: [403, 'Forbidden', 'Administrators sign in with their passkey, not through their organisation.'],
};

export const oidcRefused = (reason: OidcRefusal) => {
  const [status, title, detail] = OIDC_REFUSALS[reason];
  return new AppError(status, `oidc_${reason}`, title, detail);
};
