import { generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/**
 * A real OpenID Connect provider (oidc-provider) on a free port of this machine, for the staff sign-in
 * tests: discovery, JWKS, authorization with PKCE, the token endpoint and userinfo are the package's own.
 * Only the login screen is the test's: whoever `signInAs` named logs in at once, with the `amr` given
 * (`['pwd']` is a sign-in without a second factor). Two clients are registered: Weerbaar's, and
 * another application's at the same provider.
 */

export interface TestIdentity {
  sub: string;
  email: string;
  emailVerified?: boolean;
  /** Authentication methods the provider reports, e.g. `['pwd', 'mfa']`. */
  amr: string[];
}

export interface TestProvider {
  issuer: string;
  client: { id: string; secret: string };
  otherClient: { id: string; secret: string };
  /** Who logs in at the provider's next login screen. */
  signInAs(identity: TestIdentity): void;
  /**
   * Sign the ID tokens of the next token responses again with this audience: the provider's own key, so
   * only the audience is wrong — an ID token made for another application. Null: as issued.
   */
  setIdTokenAudience(audience: string | null): void;
  /**
   * The browser's part at the provider: follows its redirects (with its cookies) from the authorization
   * URL to the redirect back to the app, which it answers without following.
   */
  authorize(authorizationUrl: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestProvider(options: { redirectUri: string }): Promise<TestProvider> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const identities = new Map<string, TestIdentity>();
  let next: TestIdentity | null = null;
  let idTokenAudience: string | null = null;
  const client = { id: 'weerbaar', secret: randomBytes(24).toString('base64url') };
  const otherClient = { id: 'other-application', secret: randomBytes(24).toString('base64url') };

  let handle: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.statusCode = 503;
    response.end();
  };
  const server = createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const registered = (entry: { id: string; secret: string }) => ({
    client_id: entry.id,
    client_secret: entry.secret,
    redirect_uris: [options.redirectUri],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: 'client_secret_post',
  });
  const provider = new Provider(issuer, {
    clients: [registered(client), registered(otherClient)],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // `amr` with the openid scope: the ID token reports how the person logged in, as real providers do.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], acr: null, auth_time: null, sid: null },
    findAccount: async (_ctx: unknown, sub: string) => {
      const identity = identities.get(sub);
      if (!identity) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: identity.email, email_verified: identity.emailVerified ?? true }),
      };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { IdToken: 300 },
    // First-party: no consent screen; the grant covers what Weerbaar asks for.
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
  });
  provider.use(async (ctx, nextMiddleware) => {
    await nextMiddleware();
    const body = ctx.body as { id_token?: unknown } | null;
    if (idTokenAudience && ctx.path === '/token' && ctx.status === 200 && typeof body?.id_token === 'string') {
      ctx.body = { ...body, id_token: withAudience(body.id_token, idTokenAudience, privateKey) };
    }
  });
  const callback = provider.callback();
  handle = (request, response) => {
    if (!request.url?.startsWith('/interaction/')) return callback(request, response);
    login(provider, request, response, next).catch((error: unknown) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  };

  return {
    issuer,
    client,
    otherClient,
    signInAs(identity) {
      identities.set(identity.sub, identity);
      next = identity;
    },
    setIdTokenAudience(audience) {
      idTokenAudience = audience;
    },
    authorize: (authorizationUrl) => followToRedirectUri(authorizationUrl, options.redirectUri),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface GrantContext {
  oidc: {
    provider: { Grant: new (init: { clientId: string; accountId: string }) => TestGrant };
    client: { clientId: string };
    session: { accountId: string };
  };
}
interface TestGrant {
  addOIDCScope(scope: string): void;
  save(): Promise<string>;
}

async function login(
  provider: Provider,
  request: IncomingMessage,
  response: ServerResponse,
  identity: TestIdentity | null,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name !== 'login' || !identity) throw new Error(`unexpected prompt ${details.prompt.name}`);
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: identity.sub, amr: identity.amr } },
    { mergeWithLastSubmission: false },
  );
}

/** Signs the token's header and claims again, with `aud` replaced, under the provider's own key. */
function withAudience(idToken: string, audience: string, key: KeyObject): string {
  const [header = '', payload = ''] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  const body = Buffer.from(JSON.stringify({ ...claims, aud: audience }), 'utf8').toString('base64url');
  const signature = sign('sha256', Buffer.from(`${header}.${body}`), key).toString('base64url');
  return `${header}.${body}.${signature}`;
}

async function followToRedirectUri(start: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = new URL(start);
  for (let hop = 0; hop < 10; hop += 1) {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const split = pair.indexOf('=');
      const name = pair.slice(0, split).trim();
      const value = pair.slice(split + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const location = response.headers.get('location');
    if (!location)
      throw new Error(`the provider answered ${response.status} without a redirect: ${await response.text()}`);
    await response.body?.cancel();
    url = new URL(location, url);
    if (url.href.startsWith(redirectUri)) return url;
  }
  throw new Error('the provider kept redirecting');
}
