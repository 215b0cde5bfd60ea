/**
 * The stable problem codes of the sign-in part of "Identity and access" (src/shared/auth.ts, which
 * re-exports them), each answered as an RFC 9457 problem; their texts are in the shared catalogue.
 */

// ---------------------------------------------------------------------------------------------------
// Problem codes
// ---------------------------------------------------------------------------------------------------

/** The stable `code`s these routes answer with (besides the generic ones: validation_failed, …). */
export const AUTH_PROBLEM_CODES = [
  /** 404: the activation link is unknown, expired, used or revoked (always the same answer). */
  'invitation_invalid',
  /** 400 with field `body/email`: `setup` needs an e-mail address, `invite` takes none. */
  'email_required',
  'email_not_allowed',
  /** 409: another account already uses this e-mail address (setup). */
  'email_taken',
  /** 403: staff and admins sign in with a passkey; password + TOTP is not available to them. */
  'passkey_required',
  /** 400 with field `body/password`; further entries carry `password_feedback.<zxcvbn key>` codes. */
  'password_too_weak',
  /** 400: the six-digit code does not match (activation / adding password + TOTP). */
  'totp_invalid',
  /** 409: no pending TOTP secret (call …/start first, with the same password). */
  'totp_setup_missing',
  /** 409: this account already has password + TOTP. */
  'password_totp_exists',
  /** 400: the passkey did not verify (wrong origin, expired or reused challenge, no user verification). */
  'passkey_invalid',
  /** 409: this passkey is already registered. */
  'passkey_exists',
  /** 401: sign-in failed; deliberately the same for every reason. */
  'sign_in_failed',
  /** 429: too many failed attempts; wait `Retry-After` seconds. */
  'sign_in_throttled',
  /** 401: step-up failed (wrong password/code, passkey of someone else). */
  'step_up_failed',
  /** 403: sign in again (step-up) before changing sign-in methods. */
  'step_up_required',
  /** 409: this is the last way to sign in; add another method first. */
  'last_method',
  /** 409: staff and admins must keep at least one passkey. */
  'last_passkey',
  /**
   * Staff sign-in with their organisation (OpenID Connect). The callback redirects to the sign-in page
   * with `?oidc=<code>`, and the page shows the code's text.
   */
  'oidc_state_invalid',
  'oidc_provider_refused',
  'oidc_provider_unreachable',
  'oidc_token_invalid',
  'oidc_mfa_missing',
  'oidc_email_not_allowed',
  'oidc_account_unknown',
  'oidc_passkey_required',
] as const;
export type AuthProblemCode = (typeof AUTH_PROBLEM_CODES)[number];

/** Codes of zxcvbn's feedback, sent as `password_feedback.<key>` next to `password_too_weak`. */
export const PASSWORD_FEEDBACK_PREFIX = 'password_feedback.';
export function passwordFeedbackCode(key: string): string {
  return `${PASSWORD_FEEDBACK_PREFIX}${key}`;
}
