import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database.ts';
import { buildApp } from '../app.ts';
import { parseConfig } from '../config.ts';
import { Keyring } from '../lib/crypto/index.ts';
import { compressesAnswers } from './compression.ts';

/** A build as Vite writes it: an asset with its brotli and gzip copies (vite.config.ts, precompress). */
const SCRIPT = `console.log(${JSON.stringify('weerbaar '.repeat(400))});`;

describe('compressed answers', () => {
  let app: FastifyInstance;
  let testDatabase: TestDatabase;
  let distDir: string;

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-web-'));
    writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><html lang="nl"><title>Weerbaar</title></html>');
    await mkdir(path.join(distDir, 'assets'));
    const asset = path.join(distDir, 'assets', 'index-abc123.js');
    writeFileSync(asset, SCRIPT);
    writeFileSync(`${asset}.br`, brotliCompressSync(SCRIPT));
    writeFileSync(`${asset}.gz`, gzipSync(SCRIPT));
    testDatabase = await createTestDatabase();
    app = await buildApp({
      config: parseConfig({ NODE_ENV: 'test' }),
      database: testDatabase.database,
      keyring: Keyring.generate(),
      mailTransport: { local: true, deliver: async () => {} },
      ownsDatabase: false,
      webDistDir: distDir,
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await testDatabase.destroy();
    rmSync(distDir, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends the build’s brotli or gzip copy of an asset, whichever the browser accepts', async () => {
    const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toContain('accept-encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('compresses API reads of 1 KiB and more, and nothing for a client that did not ask', async () => {
    const plain = await get('/api/package/parts');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);

    const br = await get('/api/package/parts', 'br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());

    const gz = await get('/api/package/parts', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());
  });

  it('never compresses an answer that carries the CSRF token', async () => {
    const session = await get('/api/auth/session', 'br, gzip');
    expect(session.statusCode).toBe(200);
    expect(session.headers['content-encoding']).toBeUndefined();
    expect(session.json()).toHaveProperty('csrfToken');
  });

  it('compresses reads only, and of those not the ones that carry secrets', () => {
    expect(compressesAnswers({ method: 'GET', url: '/api/package/parts' })).toBe(true);
    expect(compressesAnswers({ method: ['GET', 'HEAD'], url: '/assets/*' })).toBe(true);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect(compressesAnswers({ method, url: '/api/me/recovery-codes' }), method).toBe(false);
    }
    expect(compressesAnswers({ method: ['GET', 'POST'], url: '/api/x' })).toBe(false);
    expect(compressesAnswers({ method: 'GET', url: '/api/auth/session' })).toBe(false);
    expect(compressesAnswers({ method: 'GET', url: '/api/admin/outbox/:id' })).toBe(false);
  });
});
