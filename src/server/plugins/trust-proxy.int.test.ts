import type { FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/test-app.ts';

/** A test-only route that shows what the app takes for the client's address and protocol. */
function addWhoAmI(app: FastifyInstance) {
  app.get('/api/test/who-am-i', { config: { access: 'public' } }, async (request) => ({
    ip: request.ip,
    protocol: request.protocol,
  }));
}

/**
 * X-Forwarded-For is a list anyone can start: a client sends `X-Forwarded-For: <any address>`, each proxy
 * appends the address it got the request from. Only hops added by our own proxies may be believed.
 * (app.inject connects from 127.0.0.1: the "proxy" in these tests.)
 */
describe('TRUST_PROXY', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const t of apps) await t.close();
  });
  async function whoAmI(trustProxy: string, headers: Record<string, string>) {
    const t = await createTestApp({ env: { TRUST_PROXY: trustProxy }, beforeReady: addWhoAmI });
    apps.push(t);
    return (await t.app.inject({ method: 'GET', url: '/api/test/who-am-i', headers })).json();
  }
  const forged = { 'x-forwarded-for': '203.0.113.66, 198.51.100.7', 'x-forwarded-proto': 'https' };

  it('false: the socket address, whatever the headers say', async () => {
    expect(await whoAmI('false', forged)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  });

  it('a hop count: the address our one proxy saw, not the one the client wrote first', async () => {
    expect(await whoAmI('1', forged)).toEqual({ ip: '198.51.100.7', protocol: 'https' });
  });

  it('proxy addresses: believed only from those proxies', async () => {
    expect(await whoAmI('127.0.0.1', forged)).toEqual({ ip: '198.51.100.7', protocol: 'https' });
    expect(await whoAmI('127.0.0.0/8,198.51.100.0/24', forged)).toEqual({ ip: '203.0.113.66', protocol: 'https' });
    // A request that does not come from a listed proxy keeps its own address.
    expect(await whoAmI('10.9.9.9', forged)).toEqual({ ip: '127.0.0.1', protocol: 'http' });
  });
});
