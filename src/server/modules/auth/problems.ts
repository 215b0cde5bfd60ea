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
