import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import type { AdminPersonResponse, RoleGrantResponse } from '../../../src/shared/admin.ts';
import type { PasskeyAuthenticationOptions, PasskeyRegistrationOptions } from '../../../src/shared/auth.ts';
import type { Role } from '../../../src/shared/roles.ts';
import type { SessionInfo } from '../../../src/shared/session.ts';
import { SoftAuthenticator } from '../../helpers/soft-authenticator.ts';

/**
 * A server of its own for the case journeys: a fresh data directory, so this file becomes the first
 * admin through the one-time setup link no matter in which order the other e2e files run. People are
 * invited and activated through the real API (passkeys from the software authenticator), and their
 * session cookie is handed to a browser context, so the browser part starts signed in.
 */

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const HOST = '127.0.0.1';
/** A busy machine (CI, other work) may need longer: E2E_READY_TIMEOUT_MS. */
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS) || 60_000;
const LINK = /https?:\/\/[^\s]+\/activeren#token=([A-Za-z0-9_-]+)/g;
const MAIL_MARKER = 'Mail (local mode, not sent) to ';

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  if (address === null || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class CaseServer {
  private output = '';
  /** The admins made so far (the first, and a second one when a role request needs approving). */
  readonly admins: ApiPerson[] = [];

  private constructor(
    readonly baseUrl: string,
    private child: ChildProcess,
    private readonly dataDir: string,
    private readonly extraEnv: Record<string, string>,
  ) {
    this.listen(child);
  }

  private listen(child: ChildProcess) {
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
  }

  private static spawn(baseUrl: string, dataDir: string, extraEnv: Record<string, string>): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST,
        PORT: new URL(baseUrl).port,
        PUBLIC_URL: baseUrl,
        SMTP_URL: '',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        LOG_LEVEL: 'warn',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /**
   * Starts `src/server/main.ts` as `npm start` does (the web build is made by the e2e global setup).
   * `env` may add variables once the address is known (e.g. an identity provider that redirects back to it).
   */
  static async start(
    options: { env?: (baseUrl: string) => Promise<Record<string, string>> } = {},
  ): Promise<CaseServer> {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'weerbaar-e2e-cases-'));
    const port = await freePort();
    // localhost: PUBLIC_URL's host is the passkeys' relying party and the origin the server checks.
    const baseUrl = `http://localhost:${port}`;
    // The server's clock runs ahead by what moveClock() writes here (sessions keep the real time).
    const extraEnv = { TEST_CLOCK_FILE: `${dataDir}-clock`, ...((await options.env?.(baseUrl)) ?? {}) };
    const child = CaseServer.spawn(baseUrl, dataDir, extraEnv);
    const server = new CaseServer(baseUrl, child, dataDir, extraEnv);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The case server stopped:\n${server.output}`);
      if (server.output.includes('/activeren#token=')) {
        try {
          const response = await fetch(`${baseUrl}/readyz`);
          if (response.status === 200) return server;
        } catch {
          // not listening yet
        }
      }
      await sleep(200);
    }
    await server.stop();
    throw new Error(`The case server was not ready in time:\n${server.output}`);
  }

  /**
   * Moves the server's clock (the unit of work's: due check-ins, deadlines, reminders) `ms` ahead of the
   * real time; later calls replace the offset. The server reads it within 200 ms; wait for the effect.
   */
  async moveClock(ms: number): Promise<void> {
    await writeFile(`${this.dataDir}-clock`, String(Math.round(ms)));
  }

  async stop(): Promise<void> {
    await this.stopProcess();
    await rm(`${this.dataDir}-clock`, { force: true });
    await rm(this.dataDir, { recursive: true, force: true });
    await rm(`${this.dataDir}-keys`, { recursive: true, force: true });
  }

  private async stopProcess(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = once(this.child, 'exit');
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
  }

  /**
   * Stops the server (gracefully, as on a deploy), lets the test work on the stopped data directory
   * (e.g. to let time pass), and starts it again on the same address and data.
   */
  async restart(whileStopped?: (dataDir: string) => Promise<void>): Promise<void> {
    await this.stopProcess();
    await whileStopped?.(this.dataDir);
    this.child = CaseServer.spawn(this.baseUrl, this.dataDir, this.extraEnv);
    this.listen(this.child);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`The case server stopped:\n${this.output}`);
      try {
        if ((await fetch(`${this.baseUrl}/readyz`)).status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
    throw new Error(`The case server did not come back in time:\n${this.output.slice(-4000)}`);
  }

  setupToken(): string {
    const start = this.output.lastIndexOf('Weerbaar has no active admin yet');
    const match = [...this.output.slice(Math.max(0, start)).matchAll(LINK)][0];
    if (!match?.[1]) throw new Error(`No setup link printed:\n${this.output}`);
    return match[1];
  }

  /** The activation token in the latest mail to `email` printed on the console (local mail mode). */
  async invitationToken(email: string): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const mails = this.output
        .split(MAIL_MARKER)
        .slice(1)
        .filter((block) => block.slice(0, block.indexOf('\n')).trim().toLowerCase() === email.toLowerCase());
      const token = [...(mails.at(-1) ?? '').matchAll(LINK)].at(-1)?.[1];
      if (token) return token;
      await sleep(200);
    }
    throw new Error(`No invitation mail to ${email}:\n${this.output.slice(-4000)}`);
  }
}

/** A person signed in through the API: their cookie, CSRF token and passkey. */
export class ApiPerson {
  csrfToken = '';

  constructor(
    readonly server: CaseServer,
    /** Changes at a step-up (the session gets a new token). */
    public cookie: string,
    readonly email: string,
    readonly displayName: string,
    readonly personId: string,
    /** The passkey made at activation, for confirming it is them again (a step-up). */
    readonly authenticator: SoftAuthenticator,
  ) {}

  async request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /**
   * As `request`, for an action that needs a recent sign-in: when the server asks for a step-up, confirms
   * it is them with their passkey and sends it once more. The step-up gives the session a new token, so
   * a browser context given the old cookie before is signed out; call this before handing it on.
   */
  async requestFresh<T>(method: 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
    const first = await this.send(method, path, body);
    if (first.status === 403 && (await first.clone().json()).code === 'step_up_required') {
      await this.stepUp();
      return this.request<T>(method, path, body);
    }
    const text = await first.text();
    if (!first.ok) throw new Error(`${method} ${path} answered ${first.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Confirms it is them (a step-up with their passkey), as the step-up dialog does. */
  async stepUp(): Promise<void> {
    const options = await this.request<PasskeyAuthenticationOptions>('POST', '/api/auth/step-up/passkey/options', {});
    const response = await this.send('POST', '/api/auth/step-up/passkey/verify', {
      response: this.authenticator.authenticate(options),
    });
    if (!response.ok) throw new Error(`Step-up answered ${response.status}: ${await response.text()}`);
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('weerbaar_session='));
    if (cookie) this.cookie = cookie.split(';')[0] ?? this.cookie;
    const session = (await (
      await fetch(`${this.server.baseUrl}/api/auth/session`, {
        headers: { Cookie: this.cookie, Accept: 'application/json' },
      })
    ).json()) as SessionInfo;
    this.csrfToken = session.csrfToken ?? '';
  }

  private async send(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Cookie: this.cookie,
      Origin: this.server.baseUrl,
    };
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrfToken;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(`${this.server.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  /** Gives a browser context this person's session, so pages open signed in. */
  async signInBrowser(context: BrowserContext): Promise<void> {
    const [name, value] = this.cookie.split('=');
    await context.addCookies([{ name: name ?? '', value: value ?? '', url: this.server.baseUrl }]);
  }
}

async function post<T>(server: CaseServer, path: string, body: unknown): Promise<{ json: T; cookie: string | null }> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', Origin: server.baseUrl },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
  const cookie = response.headers.getSetCookie().find((header) => header.startsWith('weerbaar_session='));
  return { json: (text ? JSON.parse(text) : undefined) as T, cookie: cookie ? (cookie.split(';')[0] ?? null) : null };
}

/** Activates an invitation (or the setup link) with a new passkey and returns the signed-in person. */
export async function activate(
  server: CaseServer,
  token: string,
  details: { displayName: string; email: string; setup?: boolean },
): Promise<ApiPerson> {
  const authenticator = new SoftAuthenticator(server.baseUrl);
  const { json: options } = await post<PasskeyRegistrationOptions>(server, '/api/activation/passkey/options', {
    token,
  });
  const response = authenticator.register(options);
  const { cookie } = await post(server, '/api/activation/passkey/verify', {
    token,
    displayName: details.displayName,
    ...(details.setup ? { email: details.email } : {}),
    response,
  });
  if (!cookie) throw new Error('Activation gave no session cookie');
  const session = (await (
    await fetch(`${server.baseUrl}/api/auth/session`, { headers: { Cookie: cookie, Accept: 'application/json' } })
  ).json()) as SessionInfo;
  if (!session.person) throw new Error('Activated, but not signed in');
  const person = new ApiPerson(server, cookie, details.email, details.displayName, session.person.id, authenticator);
  person.csrfToken = session.csrfToken ?? '';
  return person;
}

export interface Invitee {
  displayName: string;
  email: string;
  roles: Role[];
  office?: string;
  region?: string;
  association?: string;
  expertField?: string;
}

/**
 * The admin invites someone; they activate from the mailed link. A role that reads cases is a request
 * a second admin approves (four eyes): the helper makes that second admin once per server and approves,
 * and the invitation mail goes out with the approval.
 */
export async function inviteAndActivate(admin: ApiPerson, invitee: Invitee): Promise<ApiPerson> {
  const { displayName, email, roles, ...details } = invitee;
  const { person } = await admin.requestFresh<AdminPersonResponse>('POST', '/api/admin/people', {
    email,
    displayName,
    roles,
    ...details,
  });
  if (person.pendingRoleGrant) {
    const approver = await anotherAdmin(admin);
    await approver.requestFresh<RoleGrantResponse>(
      'POST',
      `/api/admin/role-grants/${person.pendingRoleGrant.id}/approve`,
    );
  }
  const token = await admin.server.invitationToken(email);
  const activated = await activate(admin.server, token, { displayName, email });
  if (roles.includes('admin')) admin.server.admins.push(activated);
  return activated;
}

/** An admin other than `admin`: one made before, or a second admin invited now. */
export async function anotherAdmin(admin: ApiPerson): Promise<ApiPerson> {
  const other = admin.server.admins.find((candidate) => candidate.personId !== admin.personId);
  if (other) return other;
  return inviteAndActivate(admin, {
    displayName: 'Tweede Beheerder',
    email: 'tweede.beheer@example.org',
    roles: ['admin'],
  });
}

export async function firstAdmin(server: CaseServer): Promise<ApiPerson> {
  const admin = await activate(server, server.setupToken(), {
    displayName: 'Beheer Test',
    email: 'beheer@example.org',
    setup: true,
  });
  server.admins.push(admin);
  return admin;
}

/** A context for one person's browser, in Dutch, on the case server. */
export async function personContext(
  browser: Browser,
  person: ApiPerson,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL: person.server.baseUrl,
    locale: 'nl-NL',
    viewport,
    acceptDownloads: true,
  });
  await person.signInBrowser(context);
  return context;
}
