import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActor } from '../../../../test/helpers/actors.ts';
import { submitSupport } from '../../../../test/helpers/cases.ts';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.ts';
import { ConfigError, parseConfig } from '../../config.ts';

/**
 * /metrics on its own port behind a bearer token: refused without it, nothing on the app's port, and the
 * numbers follow what happens (requests by route pattern, late cases, failed mail, the job queue).
 */
const TOKEN = 'metrics-token-for-tests-0123456789abcdef';

function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const wanted = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return null;
}

describe('metrics', () => {
  let t: TestApp;
  let url: string;
  const scrape = async (token: string | null = TOKEN) =>
    fetch(url, token === null ? {} : { headers: { authorization: `Bearer ${token}` } });
  const scrapeText = async () => {
    const response = await scrape();
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });
    const address = t.app.metrics?.address();
    if (!address) throw new Error('no metrics listener');
    url = `http://127.0.0.1:${address.port}/metrics`;
    await t.app.jobs.start();
  });
  afterAll(() => t.close());

  it('answers only with the token, only on its own port', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    const without = await scrape(null);
    expect(without.status).toBe(401);
    expect(without.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect((await without.text()).includes('weerbaar_')).toBe(false);
    expect((await scrape('not-the-token')).status).toBe(401);
    expect((await scrape(`${TOKEN}x`)).status).toBe(401);
    expect((await fetch(url.replace('/metrics', '/'))).status).toBe(404);

    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    expect(sample(text, 'weerbaar_database_ready')).toBe(1);
    expect(sample(text, 'weerbaar_db_pool_max')).toBeGreaterThanOrEqual(1);
    expect(text).toContain('process_cpu_user_seconds_total');
  });

  it('counts requests by route pattern and status, never by raw URL', async () => {
    const route = { route: '/api/package/parts/:slug', method: 'GET', status_code: '404' };
    const before = sample(await scrapeText(), 'weerbaar_http_request_duration_seconds_count', route) ?? 0;
    for (const slug of ['geen-deel-a1', 'geen-deel-b2', 'geen-deel-c3']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/package/parts/${slug}` })).statusCode).toBe(404);
    }
    await t.app.inject({ method: 'GET', url: '/api/nergens/7f3a9c' });
    const text = await scrapeText();
    expect(sample(text, 'weerbaar_http_request_duration_seconds_count', route)).toBe(before + 3);
    expect(sample(text, 'weerbaar_http_request_duration_seconds_count', { route: 'unmatched' })).toBeGreaterThan(0);
    expect(text).not.toContain('geen-deel');
    expect(text).not.toContain('7f3a9c');
  });

  it('shows late cases, failed mail and the job queue', async () => {
    const before = await scrapeText();
    expect(sample(before, 'weerbaar_cases_late', { type: 'support' })).toBe(0);
    expect(sample(before, 'weerbaar_mail_undelivered', { state: 'failed' })).toBe(0);
    expect(sample(before, 'weerbaar_mail_undelivered', { state: 'dead' })).toBe(0);

    const requester = await createActor(t, ['officeholder'], { office: 'wethouder' });
    const { caseId } = await submitSupport(t, requester);
    // Its first-response reminder is queued for later.
    const queued = await scrapeText();
    const deferred = queued
      .split('\n')
      .filter((line) => line.startsWith('weerbaar_job_queue_deferred{'))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
    expect(deferred).toBeGreaterThanOrEqual(1);
    expect(sample(queued, 'weerbaar_job_queue_oldest_ready_seconds')).not.toBeNull();

    // The target passes without a response; a mail fails to go out, and another is given up.
    await t.app.db.execute(
      sql`UPDATE cases SET first_response_due_at = now() - interval '1 minute' WHERE id = ${caseId}`,
    );
    await t.app.db.execute(
      sql`INSERT INTO mail_outbox (recipient, subject, kind, error)
          VALUES ('x@example.org', 'Melding', 'notice', 'connection:ECONNREFUSED')`,
    );
    await t.app.db.execute(
      sql`INSERT INTO mail_outbox (recipient, subject, kind, error, attempts, dead_at)
          VALUES ('y@example.org', 'Melding', 'notice', 'smtp_permanent:550', 1, now())`,
    );
    const after = await scrapeText();
    expect(sample(after, 'weerbaar_cases_late', { type: 'support' })).toBe(1);
    expect(sample(after, 'weerbaar_mail_undelivered', { state: 'failed' })).toBe(1);
    expect(sample(after, 'weerbaar_mail_undelivered', { state: 'dead' })).toBe(1);
  });

  it('is never public: a listener beyond loopback needs a token', () => {
    expect(() => parseConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => parseConfig({ METRICS_TOKEN: TOKEN })).toThrow(/METRICS_PORT: must be set/);
    expect(() => parseConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'short' })).toThrow(/at least 32/);
    expect(parseConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0', METRICS_TOKEN: TOKEN }).METRICS_PORT).toBe(
      9464,
    );
    expect(parseConfig({ METRICS_PORT: '9464' }).METRICS_HOST).toBe('127.0.0.1');
  });
});
