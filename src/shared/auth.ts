import { z } from 'zod';
import { sensitive } from './sensitive.ts';
import { roleSchema } from './session.ts';

/**
 * Request and response shapes of the sign-in part of "Identity and access": activation, sign-in,
 * step-up and "my sign-in methods". Shared by the server routes and the web app.
 *
 * Conventions
 * - Every request body is a strict object: unknown fields are refused (400 `validation_failed`).
 * - Errors are RFC 9457 problems (src/shared/problem.ts) with the stable codes in AUTH_PROBLEM_CODES.
 * - After a route that signs in (activation complete, sign-in) the web app reads `GET /api/auth/session`
 *   for the CSRF token of the new session.
 * - Secret fields are marked `sensitive()`, so they never reach a log line.
 */

// ---------------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------------

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score (0–4) a new password needs at least. */
export const PASSWORD_MIN_SCORE = 3;
export const RECOVERY_CODE_COUNT = 10;
export const DISPLAY_NAME_MAX_LENGTH = 100;
export const PASSKEY_NAME_MAX_LENGTH = 60;

/** The invitation token from the activation link's fragment (`/activeren#token=…`). */
export const invitationTokenSchema = sensitive(z.string().min(1).max(200));

/** A password someone already has (sign-in, step-up): only bounded, never judged. */
export const existingPasswordSchema = sensitive(z.string().min(1).max(PASSWORD_MAX_LENGTH));

/**
 * A password being chosen: 12 to 128 characters, no composition rules. The server also refuses weak
 * ones (zxcvbn score below 3, with the person's e-mail and name counted against it): 400
 * `password_too_weak`, see passwordFeedbackCode().
 */
export const newPasswordSchema = sensitive(z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH));

/** Six digits from the authenticator app (30-second steps). */
export const totpCodeSchema = sensitive(
  z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
);

/**
 * A recovery code as printed (`xxxx-xxxx-xxxx`, lower-case letters and digits). Spaces, dashes and case
 * do not matter when typed back.
 */
export const recoveryCodeSchema = sensitive(z.string().trim().min(1).max(64));

export const displayNameSchema = z.string().trim().min(1).max(DISPLAY_NAME_MAX_LENGTH);
export const passkeyNameSchema = z.string().trim().min(1).max(PASSKEY_NAME_MAX_LENGTH);
export const emailSchema = z.string().trim().max(254).pipe(z.email());

/** Optional on every change of sign-in methods: also sign out every other device (default false). */
export const endOtherSessionsSchema = z.boolean().optional();

/** A body that must be empty (`{}`), or absent (Fastify then hands the validator `null`). */
export const emptyBodySchema = z.strictObject({}).nullish();

const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*={0,2}$/, 'base64url');

// ---------------------------------------------------------------------------------------------------
// WebAuthn (shapes of @simplewebauthn/browser's startRegistration / startAuthentication)
// ---------------------------------------------------------------------------------------------------

const credentialDescriptorSchema = z.object({
  id: z.string(),
  type: z.literal('public-key'),
  transports: z.array(z.string()).optional(),
});

/** What `startRegistration({ optionsJSON })` takes. Unknown keys are passed through to the browser. */
export const passkeyRegistrationOptionsSchema = z.looseObject({
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ type: z.literal('public-key'), alg: z.number() })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(credentialDescriptorSchema).optional(),
  authenticatorSelection: z.looseObject({}).optional(),
  hints: z.array(z.string()).optional(),
  attestation: z.string().optional(),
  extensions: z.looseObject({}).optional(),
});
export type PasskeyRegistrationOptions = z.infer<typeof passkeyRegistrationOptionsSchema>;

/** What `startAuthentication({ optionsJSON })` takes. */
export const passkeyAuthenticationOptionsSchema = z.looseObject({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptorSchema).optional(),
  userVerification: z.string().optional(),
  hints: z.array(z.string()).optional(),
  extensions: z.looseObject({}).optional(),
});
export type PasskeyAuthenticationOptions = z.infer<typeof passkeyAuthenticationOptionsSchema>;

const clientExtensionResultsSchema = z.record(z.string().max(64), z.unknown());

/** What `startRegistration()` resolves to (RegistrationResponseJSON). */
export const passkeyRegistrationResponseSchema = z.strictObject({
  id: base64url.min(1).max(1024),
  rawId: base64url.min(1).max(1024),
  response: z.strictObject({
    clientDataJSON: base64url,
    attestationObject: base64url,
    authenticatorData: base64url.optional(),
    transports: z.array(z.string().max(32)).max(10).optional(),
    publicKeyAlgorithm: z.number().int().optional(),
    publicKey: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: clientExtensionResultsSchema,
  type: z.literal('public-key'),
});
export type PasskeyRegistrationResponse = z.infer<typeof passkeyRegistrationResponseSchema>;

/** What `startAuthentication()` resolves to (AuthenticationResponseJSON). */
export const passkeyAuthenticationResponseSchema = z.strictObject({
  id: base64url.min(1).max(1024),
  rawId: base64url.min(1).max(1024),
  response: z.strictObject({
    clientDataJSON: base64url,
    authenticatorData: base64url,
    signature: base64url,
    userHandle: base64url.optional(),
  }),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
  clientExtensionResults: clientExtensionResultsSchema,
  type: z.literal('public-key'),
});
export type PasskeyAuthenticationResponse = z.infer<typeof passkeyAuthenticationResponseSchema>;

// ---------------------------------------------------------------------------------------------------
// Common responses
// ---------------------------------------------------------------------------------------------------

export const okResponseSchema = z.object({ ok: z.literal(true) });

/** Ten single-use codes, shown once; the server keeps only their hashes. */
export const recoveryCodesResponseSchema = z.object({
  recoveryCodes: sensitive(z.array(z.string())),
});
export type RecoveryCodesResponse = z.infer<typeof recoveryCodesResponseSchema>;

/**
 * A new TOTP secret to put in an authenticator app: type `totpSecret` by hand, or scan `qrSvg` (an SVG
 * document made on the server; render it as an <img> from a Blob URL or inline, no data: URL needed).
 */
export const totpSetupResponseSchema = z.object({
  totpSecret: sensitive(z.string()),
  otpauthUri: sensitive(z.string()),
  qrSvg: sensitive(z.string()),
});
export type TotpSetupResponse = z.infer<typeof totpSetupResponseSchema>;

/** Answer of every change of sign-in methods: how many other sessions were ended. */
export const credentialChangeResponseSchema = z.object({ endedSessions: z.number().int() });

// ---------------------------------------------------------------------------------------------------
// Activation (public): POST /api/activation/…
// ---------------------------------------------------------------------------------------------------

/** POST /api/activation/inspect — any unusable token answers 404 `invitation_invalid`. */
export const activationInspectRequestSchema = z.strictObject({ token: invitationTokenSchema });
export const activationInspectResponseSchema = z.object({
  /** The invited address; null for `setup` (the first admin gives their address on activation). */
  email: z.string().nullable(),
  /** Name the inviter entered, to pre-fill; may be null. */
  displayName: z.string().nullable(),
  kind: z.enum(['invite', 'setup']),
  roles: z.array(roleSchema),
  /** True for staff and admins (any role besides officeholder/relative): password + TOTP not offered. */
  passkeyRequired: z.boolean(),
  expiresAt: z.iso.datetime(),
  /**
   * For a relative: the officeholder who invited them (their name and office code), shown once the token
   * is verified. The mail leaves it out: a mailbox is no safe place for who is family of whom.
   */
  invitedBy: z.object({ displayName: z.string().nullable(), office: z.string().nullable() }).nullable(),
});
export type ActivationInspect = z.infer<typeof activationInspectResponseSchema>;

/** POST /api/activation/passkey/options → passkeyRegistrationOptionsSchema */
export const activationPasskeyOptionsRequestSchema = z.strictObject({ token: invitationTokenSchema });

/** POST /api/activation/passkey/verify → recoveryCodesResponseSchema (and a session cookie). */
export const activationPasskeyVerifyRequestSchema = z.strictObject({
  token: invitationTokenSchema,
  displayName: displayNameSchema,
  /** Required for `setup`, refused for `invite`. */
  email: emailSchema.optional(),
  response: passkeyRegistrationResponseSchema,
  passkeyName: passkeyNameSchema.optional(),
});

/** POST /api/activation/password/start → totpSetupResponseSchema. 403 `passkey_required` for staff. */
export const activationPasswordStartRequestSchema = z.strictObject({
  token: invitationTokenSchema,
  password: newPasswordSchema,
});

/** POST /api/activation/password/complete → recoveryCodesResponseSchema (and a session cookie). */
export const activationPasswordCompleteRequestSchema = z.strictObject({
  token: invitationTokenSchema,
  displayName: displayNameSchema,
  /** Only for `setup` invitations, which are passkey-only: always refused in practice. */
  email: emailSchema.optional(),
  password: newPasswordSchema,
  totpCode: totpCodeSchema,
});

// ---------------------------------------------------------------------------------------------------
// Sign-in (public): POST /api/auth/…
// ---------------------------------------------------------------------------------------------------

/** POST /api/auth/passkey/options (body `{}`) → passkeyAuthenticationOptionsSchema (discoverable). */
export const signInPasskeyOptionsRequestSchema = emptyBodySchema;

/** POST /api/auth/passkey/verify → okResponseSchema (and a session cookie). 401 `sign_in_failed`. */
export const signInPasskeyVerifyRequestSchema = z.strictObject({ response: passkeyAuthenticationResponseSchema });

const exactlyOneSecondFactor = (value: { totpCode?: string | undefined; recoveryCode?: string | undefined }) =>
  (value.totpCode === undefined) !== (value.recoveryCode === undefined);
const secondFactorIssue = { message: 'Give exactly one of totpCode and recoveryCode.', path: ['totpCode'] };

/**
 * POST /api/auth/password → okResponseSchema (and a session cookie). Give exactly one of `totpCode` and
 * `recoveryCode`. Failures: 401 `sign_in_failed` (whatever was wrong), 429 `sign_in_throttled` with
 * Retry-After.
 */
export const signInPasswordRequestSchema = z
  .strictObject({
    email: z.string().trim().min(1).max(254),
    password: existingPasswordSchema,
    totpCode: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine(exactlyOneSecondFactor, secondFactorIssue);

// ---------------------------------------------------------------------------------------------------
// Step-up (signed in): POST /api/auth/step-up/… → stepUpResponseSchema
// ---------------------------------------------------------------------------------------------------

/**
 * A step-up gives the session a new cookie token (ASVS 5.0 V7.2.4), so the CSRF token bound to it
 * changes too: the client uses this one from now on.
 */
export const stepUpResponseSchema = z.object({ ok: z.literal(true), csrfToken: z.string() });
export type StepUpResponse = z.infer<typeof stepUpResponseSchema>;

/** POST /api/auth/step-up/passkey/options (body `{}`) → passkeyAuthenticationOptionsSchema */
export const stepUpPasskeyOptionsRequestSchema = emptyBodySchema;
/** POST /api/auth/step-up/passkey/verify → stepUpResponseSchema; 401 `step_up_failed`. */
export const stepUpPasskeyVerifyRequestSchema = z.strictObject({ response: passkeyAuthenticationResponseSchema });
/** POST /api/auth/step-up/password → stepUpResponseSchema; 401 `step_up_failed`, 429 `sign_in_throttled`. */
export const stepUpPasswordRequestSchema = z
  .strictObject({
    password: existingPasswordSchema,
    totpCode: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine(exactlyOneSecondFactor, secondFactorIssue);

// ---------------------------------------------------------------------------------------------------
// My sign-in methods (signed in). Every change needs a recent step-up (403 `step_up_required`).
// ---------------------------------------------------------------------------------------------------

export const passkeySummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
});
export type PasskeySummary = z.infer<typeof passkeySummarySchema>;

/** GET /api/me/credentials */
export const credentialsResponseSchema = z.object({
  passkeys: z.array(passkeySummarySchema),
  /** Password + authenticator app is set up. */
  passwordTotp: z.boolean(),
  recoveryCodesRemaining: z.number().int(),
  /** Staff and admins: passkeys only; password + TOTP cannot be added and the last passkey stays. */
  passkeyRequired: z.boolean(),
});
export type Credentials = z.infer<typeof credentialsResponseSchema>;

/** POST /api/me/passkeys/options (body `{}`) → passkeyRegistrationOptionsSchema */
export const addPasskeyOptionsRequestSchema = emptyBodySchema;

/** POST /api/me/passkeys → credentialChangeResponseSchema */
export const addPasskeyRequestSchema = z.strictObject({
  response: passkeyRegistrationResponseSchema,
  name: passkeyNameSchema,
  endOtherSessions: endOtherSessionsSchema,
});

/**
 * DELETE /api/me/passkeys/:id → credentialChangeResponseSchema. Removing a method always ends every
 * other session (it may be a lost device). 409 `last_method` / `last_passkey`; 404 for an id that is
 * not one of mine.
 */
export const passkeyIdParamsSchema = z.strictObject({ id: base64url.min(1).max(1024) });

/** POST /api/me/recovery-codes → recoveryCodesResponseSchema & credentialChangeResponseSchema */
export const regenerateRecoveryCodesRequestSchema = z
  .strictObject({ endOtherSessions: endOtherSessionsSchema })
  .nullish();
export const regenerateRecoveryCodesResponseSchema = recoveryCodesResponseSchema.extend({
  endedSessions: z.number().int(),
});

/** POST /api/me/password-totp/start → totpSetupResponseSchema. 403 `passkey_required` for staff. */
export const passwordTotpStartRequestSchema = z.strictObject({ password: newPasswordSchema });

/** POST /api/me/password-totp/complete → credentialChangeResponseSchema */
export const passwordTotpCompleteRequestSchema = z.strictObject({
  password: newPasswordSchema,
  totpCode: totpCodeSchema,
  endOtherSessions: endOtherSessionsSchema,
});

/** DELETE /api/me/password-totp → credentialChangeResponseSchema (ends every other session). */

// Problem codes: src/shared/auth-problems.ts
export * from './auth-problems.ts';

// ---------------------------------------------------------------------------------------------------
// Request bodies, as the server's services receive them
// ---------------------------------------------------------------------------------------------------

export type ActivationPasskeyVerifyRequest = z.infer<typeof activationPasskeyVerifyRequestSchema>;
export type ActivationPasswordStartRequest = z.infer<typeof activationPasswordStartRequestSchema>;
export type ActivationPasswordCompleteRequest = z.infer<typeof activationPasswordCompleteRequestSchema>;
export type SignInPasswordRequest = z.infer<typeof signInPasswordRequestSchema>;
export type StepUpPasswordRequest = z.infer<typeof stepUpPasswordRequestSchema>;
export type AddPasskeyRequest = z.infer<typeof addPasskeyRequestSchema>;
export type RegenerateRecoveryCodesRequest = z.infer<typeof regenerateRecoveryCodesRequestSchema>;
export type PasswordTotpStartRequest = z.infer<typeof passwordTotpStartRequestSchema>;
export type PasswordTotpCompleteRequest = z.infer<typeof passwordTotpCompleteRequestSchema>;

// ---------------------------------------------------------------------------------------------------
// Staff sign-in with their organisation (OpenID Connect)
// ---------------------------------------------------------------------------------------------------

/** `GET /api/auth/oidc`: whether "Sign in with your organisation" is configured on this server. */
export const oidcStatusResponseSchema = z.object({ enabled: z.boolean() });
export type OidcStatus = z.infer<typeof oidcStatusResponseSchema>;

/** Where the browser starts it (a full page navigation, not a fetch: it leaves for the provider). */
export const OIDC_START_PATH = '/api/auth/oidc/start';

/** The query the provider sends back to the callback (bounded; other parameters are ignored). */
export const oidcCallbackQuerySchema = z.object({
  code: sensitive(z.string().min(1).max(2048)).optional(),
  state: z.string().min(1).max(512).optional(),
  iss: z.string().max(2048).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
});
