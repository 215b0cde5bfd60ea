import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { type ImportEvent, type ImportResult, importEventSchema } from '../../src/shared/handover.ts';
import { freshIp, post, sessionHeaders } from './auth-kit.ts';
import { SoftAuthenticator } from './soft-authenticator.ts';
import type { TestApp } from './test-app.ts';

/** The token of an activation link (`…/activeren#token=…`). */
export function tokenOf(link: string): string {
  const token = /\/activeren#token=([A-Za-z0-9_-]+)$/.exec(link)?.[1];
  if (!token) throw new Error(`not an activation link: ${link}`);
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
