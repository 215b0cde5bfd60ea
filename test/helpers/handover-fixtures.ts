import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import {
  type HandoverDetail,
  type ImportEvent,
  type ImportResult,
  importEventSchema,
} from '../../src/shared/handover.ts';
import { ROLES, type Role } from '../../src/shared/roles.ts';
import { createActor, type TestActor } from './actors.ts';
import { freshIp, post, sessionHeaders } from './auth-kit.ts';
import { extractPdfText } from './pdf-text.ts';
import { SoftAuthenticator } from './soft-authenticator.ts';
import { createTestApp, type TestApp } from './test-app.ts';

/** The token of an activation link (`…/activeren#token=…`). */
export function tokenOf(link: string): string {
  const token = /\/activeren#token=([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not an activation link: ${link}`);
  return token;
}

/** The token of the activation link in a mail's text. */
export function activationTokenIn(text: string): string {
  const token = /\/activeren#token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
  if (!token) throw new Error('no activation link in the mail');
  return token;
}

/** The short code on a printed cover (`ABCDE-FGHJK`). */
export function codeOn(text: string): string {
  const code = /\b([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no activation code in:\n${text}`);
  return code;
}

/** Activates an invitation token with a (software) passkey through the routes; answers session headers. */
export async function activateToken(t: TestApp, token: string, displayName: string): Promise<Record<string, string>> {
  const authenticator = new SoftAuthenticator(new URL(t.config.PUBLIC_URL).origin);
  const ip = freshIp();
  const options = await post(t, '/api/activation/passkey/options', { token }, { ip });
  expect(options.statusCode, options.body).toBe(200);
  const verify = await post(
    t,
    '/api/activation/passkey/verify',
    { token, displayName, response: authenticator.register(options.json()) },
    { ip },
  );
  expect(verify.statusCode, verify.body).toBe(200);
  return sessionHeaders(t, verify);
}

/** The JSON lines of an import answer, each checked against the contract. */
export function importEvents(response: LightMyRequestResponse): ImportEvent[] {
  return response.body
    .split('\n')
    .filter(Boolean)
    .map((line) => importEventSchema.parse(JSON.parse(line)));
}

export function importResult(response: LightMyRequestResponse): ImportResult {
  const last = importEvents(response).at(-1);
  if (last?.type !== 'result') throw new Error(`no result line in:\n${response.body}`);
  return last;
}

/**
 * One app with an admin and one signed-in person per role, and the requests the handover tests make:
 * `start()` in a beforeAll, `stop()` in an afterAll. The helpers are arrow properties, so they can be
 * taken out of the object.
 */
export class HandoverBench {
  #t: TestApp | null = null;
  #admin: TestActor | null = null;
  readonly actors = new Map<Role, TestActor>();
  #counter = 0;

  get t(): TestApp {
    if (!this.#t) throw new Error('HandoverBench: call start() in a beforeAll first');
    return this.#t;
  }

  get admin(): TestActor {
    if (!this.#admin) throw new Error('HandoverBench: call start() in a beforeAll first');
    return this.#admin;
  }

  async start(): Promise<void> {
    this.#t = await createTestApp();
    this.#admin = await createActor(this.#t, ['admin'], { displayName: 'Anna Beheer' });
    for (const role of ROLES) this.actors.set(role, await createActor(this.#t, [role]));
  }

  stop = async (): Promise<void> => {
    await this.#t?.close();
  };

  request = (
    actor: TestActor | null,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    payload?: unknown,
    extra: { ip?: string } = {},
  ) =>
    this.t.app.inject({
      method,
      url,
      headers: actor?.headers ?? {},
      remoteAddress: extra.ip ?? '127.0.0.1',
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  /** A new appointment for the form, different each time. */
  appointment = (overrides: Record<string, unknown> = {}) => {
    this.#counter += 1;
    return {
      name: `Olga Wethouder ${this.#counter}`,
      office: 'wethouder',
      region: 'Zwolle',
      installationDate: '2025-03-12',
      email: `olga.${this.#counter}@zwolle.example`,
      ...overrides,
    };
  };

  register = async (overrides: Record<string, unknown> = {}): Promise<HandoverDetail> => {
    const response = await this.request(this.admin, 'POST', '/api/admin/handovers', this.appointment(overrides));
    expect(response.statusCode, response.body).toBe(201);
    return response.json().handover;
  };

  print = async (id: string, lang?: 'nl' | 'en') => {
    const response = await this.request(
      this.admin,
      'POST',
      `/api/admin/handovers/${id}/package.pdf`,
      lang ? { lang } : undefined,
    );
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return { response, pdf: extractPdfText(response.rawPayload) };
  };

  detail = async (id: string): Promise<HandoverDetail> =>
    (await this.request(this.admin, 'GET', `/api/admin/handovers/${id}`)).json().handover;
}
