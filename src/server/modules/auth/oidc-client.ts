import * as oidc from 'openid-client';
import type { Config } from '../../config.ts';

/**
 * The OpenID Connect relying party for staff sign-in (openid-client): authorization code flow with PKCE
 * (S256), state and nonce. openid-client checks the ID token's signature (the provider's JWKS), issuer,
 * audience (our client id), expiry and issue time (30 s tolerance), nonce and the `iss` of the
 * authorization response; oidc-service.ts then checks MFA, e-mail and the account. Off unless OIDC_ISSUER
 * is set (config.ts makes the rest required with it).
 */

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  allowedEmailDomains: readonly string[];
  /** The claim that proves a second factor, and the values (any one) that count. */
  mfa: { claim: string; values: readonly string[] };
  redirectUri: string;
}

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

export function oidcSettingsOf(config: Config): OidcSettings | null {
  const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_ALLOWED_EMAIL_DOMAINS } = config;
  if (!OIDC_ISSUER || !OIDC_CLIENT_ID || !OIDC_CLIENT_SECRET || !OIDC_ALLOWED_EMAIL_DOMAINS) return null;
  const split = config.OIDC_MFA_CLAIM.indexOf('=');
  return {
    issuer: new URL(OIDC_ISSUER),
    clientId: OIDC_CLIENT_ID,
    clientSecret: OIDC_CLIENT_SECRET,
    allowedEmailDomains: OIDC_ALLOWED_EMAIL_DOMAINS,
    mfa: {
      claim: config.OIDC_MFA_CLAIM.slice(0, split),
      values: config.OIDC_MFA_CLAIM.slice(split + 1)
        .split(',')
        .map((value) => value.trim())
        .filter((value) => value !== ''),
    },
    redirectUri: `${config.PUBLIC_URL}${OIDC_CALLBACK_PATH}`,
  };
}

/** What the browser must bring back to the callback (kept in a signed cookie, oidc-state.ts). */
export interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** What the provider said about the person, after the token checks. */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  /** Whether the configured MFA claim has one of the configured values. */
  mfa: boolean;
}

/** Why the provider's answer was not accepted: the provider said no, or its answer did not check out. */
export class OidcExchangeError extends Error {
  readonly reason: 'provider_refused' | 'token_invalid' | 'provider_unreachable';
  /** openid-client's error code or the provider's `error`, a plain code for the audit trail. */
  readonly code: string;

  constructor(reason: OidcExchangeError['reason'], code: string) {
    super(`OpenID Connect sign-in failed: ${reason} (${code})`);
    this.name = 'OidcExchangeError';
    this.reason = reason;
    this.code = code;
  }
}

export class OidcClient {
  /** The provider's metadata, discovered at the first sign-in (not at start: the app must start without it). */
  private metadata: Promise<oidc.ServerMetadata> | null = null;

  readonly settings: OidcSettings;
  /** The app's clock: openid-client's time checks follow it (a test moves it past a token's expiry). */
  private readonly now: () => Date;

  constructor(settings: OidcSettings, now: () => Date) {
    this.settings = settings;
    this.now = now;
  }

  /** http:// issuers only outside production (config.ts refuses them there): a provider on this machine. */
  private get insecure(): boolean {
    return this.settings.issuer.protocol === 'http:';
  }

  private async configuration(): Promise<oidc.Configuration> {
    if (!this.metadata) {
      const { issuer, clientId, clientSecret } = this.settings;
      const discovered = oidc
        .discovery(issuer, clientId, clientSecret, undefined, {
          ...(this.insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
          timeout: 10,
        })
        .then((configuration) => configuration.serverMetadata());
      // A provider that was down is asked again at the next sign-in.
      discovered.catch(() => {
        if (this.metadata === discovered) this.metadata = null;
      });
      this.metadata = discovered;
    }
    const metadata = await this.metadata;
    const skewSeconds = Math.round((this.now().getTime() - Date.now()) / 1000);
    const configuration = new oidc.Configuration(metadata, this.settings.clientId, {
      client_secret: this.settings.clientSecret,
      [oidc.clockSkew]: skewSeconds,
    });
    if (this.insecure) oidc.allowInsecureRequests(configuration);
    return configuration;
  }

  /** Where to send the browser, and what it must bring back. */
  async start(): Promise<{ url: URL; pending: PendingSignIn }> {
    const configuration = await this.configuration().catch((error: unknown) => {
      throw new OidcExchangeError('provider_unreachable', codeOf(error));
    });
    const pending: PendingSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url, pending };
  }

  /** Redeems the code from the callback URL and checks the ID token; the e-mail from userinfo if needed. */
  async finish(callbackUrl: URL, pending: PendingSignIn): Promise<ProviderIdentity> {
    try {
      const configuration = await this.configuration();
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new OidcExchangeError('token_invalid', 'id_token_missing');
      let email: unknown = claims.email;
      let verified: unknown = claims.email_verified;
      // A provider may keep the e-mail for the userinfo endpoint (only the ID token's `sub` is asked).
      if (typeof email !== 'string') {
        const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = info.email;
        verified = info.email_verified;
      }
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof email === 'string' ? email : null,
        emailVerified: verified === true,
        mfa: this.hasMfa(claims[this.settings.mfa.claim]),
      };
    } catch (error) {
      if (error instanceof OidcExchangeError) throw error;
      if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
        throw new OidcExchangeError('provider_refused', plainCode(error.error));
      }
      if (error instanceof oidc.ClientError) throw new OidcExchangeError('token_invalid', codeOf(error));
      throw new OidcExchangeError('provider_unreachable', codeOf(error));
    }
  }

  private hasMfa(value: unknown): boolean {
    const given = Array.isArray(value) ? value : [value];
    return given.some((item) => typeof item === 'string' && this.settings.mfa.values.includes(item));
  }
}

function codeOf(error: unknown): string {
  if (error instanceof oidc.ClientError && error.code) return plainCode(error.code);
  return error instanceof TypeError ? 'network_error' : 'unexpected_error';
}

/** Codes from outside go into the audit trail: letters, digits and underscores only, bounded. */
function plainCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 60) || 'unknown';
}
