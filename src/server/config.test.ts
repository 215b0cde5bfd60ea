import { describe, expect, it } from 'vitest';
import { auditCheckpointFileOf, ConfigError, parseConfig } from './config.ts';

describe('configuration', () => {
  it('works with no variables at all: embedded database under ./data on port 3000', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 3000,
      DATA_DIR: './data',
      PUBLIC_URL: 'http://localhost:3000',
      TRUST_PROXY: false,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('derives the public URL from the port unless it is given', () => {
    expect(parseConfig({ PORT: '8080' }).PUBLIC_URL).toBe('http://localhost:8080');
    expect(parseConfig({ PUBLIC_URL: 'https://weerbaar.example.nl/' }).PUBLIC_URL).toBe('https://weerbaar.example.nl');
  });

  it('treats an empty variable as unset', () => {
    expect(parseConfig({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });

  it.each([
    ['PORT', 'drieduizend'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://localhost/weerbaar'],
    ['DATABASE_URL', 'not a url'],
    ['NODE_ENV', 'staging'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'maybe'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '10.0.0.1,proxy.internal'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['AUDIT_CHECKPOINT_URL', 'syslog://collector'],
    ['AUDIT_CHECKPOINT_SECONDS', '1'],
    ['DATABASE_STARTUP_WAIT_SECONDS', '-5'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['SECURITY_CONTACT', 'someone'],
    ['SECURITY_TXT_EXPIRES', 'next year'],
    ['SUPPORT_FIRST_RESPONSE_URGENT_MINUTES', 'een uur'],
    ['SUPPORT_FIRST_RESPONSE_URGENT_MINUTES', '0'],
    ['SUPPORT_FIRST_RESPONSE_URGENT_MINUTES', '2000'],
    ['SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS', '1.5'],
    ['SUPPORT_REOPEN_DAYS', '-1'],
    ['SUPPORT_RETENTION_DAYS', '10'],
    ['SUPPORT_MAX_REQUESTS_PER_DAY', '0'],
    ['SIPA_FIRST_RESPONSE_URGENT_MINUTES', '4h'],
    ['SIPA_FIRST_RESPONSE_NORMAL_WORKING_DAYS', '0'],
    ['SIPA_REOPEN_DAYS', '400'],
    ['SIPA_RETENTION_DAYS', '0'],
    ['SIPA_MAX_REQUESTS_PER_DAY', 'veel'],
  ])('stops with a message naming %s when it is %j', (name, value) => {
    expect(() => parseConfig({ [name]: value })).toThrow(ConfigError);
    try {
      parseConfig({ [name]: value });
    } catch (error) {
      expect((error as ConfigError).problems).toHaveLength(1);
      expect((error as ConfigError).message).toContain(`${name}:`);
    }
  });

  it('trusts no proxy, a number of hops, or listed proxy addresses, never every hop', () => {
    expect(parseConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.5, 10.0.1.0/24,::1' }).TRUST_PROXY).toEqual([
      '10.0.0.5',
      '10.0.1.0/24',
      '::1',
    ]);
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/every X-Forwarded-For hop/);
  });

  it('keeps keys and audit checkpoints next to the data directory, not in it', () => {
    const config = parseConfig({ DATA_DIR: '/srv/weerbaar/data' });
    expect(auditCheckpointFileOf(config)).toBe('/srv/weerbaar/data-keys/audit-checkpoints.jsonl');
    const placed = parseConfig({ AUDIT_CHECKPOINT_FILE: '/var/log/weerbaar/audit.jsonl' });
    expect(auditCheckpointFileOf(placed)).toBe('/var/log/weerbaar/audit.jsonl');
  });

  it('names every wrong variable at once', () => {
    try {
      parseConfig({ PORT: 'x', LOG_LEVEL: 'y' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((problem) => problem.split(':')[0]).sort()).toEqual([
        'LOG_LEVEL',
        'PORT',
      ]);
    }
  });

  it("has the case types' own settings as defaults", () => {
    expect(parseConfig({})).toMatchObject({
      SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: 60,
      SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: 1,
      SUPPORT_REOPEN_DAYS: 30,
      SUPPORT_RETENTION_DAYS: 365,
      SUPPORT_MAX_REQUESTS_PER_DAY: 10,
      SIPA_FIRST_RESPONSE_URGENT_MINUTES: 240,
      SIPA_FIRST_RESPONSE_NORMAL_WORKING_DAYS: 1,
      SIPA_REOPEN_DAYS: 30,
      SIPA_RETENTION_DAYS: 730,
      SIPA_MAX_REQUESTS_PER_DAY: 10,
    });
  });

  it('reads case settings as whole numbers', () => {
    expect(
      parseConfig({
        SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: '30',
        SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: '2',
        SUPPORT_REOPEN_DAYS: '0',
        SUPPORT_RETENTION_DAYS: '90',
        SIPA_MAX_REQUESTS_PER_DAY: '3',
      }),
    ).toMatchObject({
      SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: 30,
      SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: 2,
      SUPPORT_REOPEN_DAYS: 0,
      SUPPORT_RETENTION_DAYS: 90,
      SIPA_MAX_REQUESTS_PER_DAY: 3,
    });
  });

  it('refuses a retention shorter than the reopen period, naming the retention variable', () => {
    try {
      parseConfig({ SIPA_REOPEN_DAYS: '60', SIPA_RETENTION_DAYS: '45' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['SIPA_RETENTION_DAYS: must be at least SIPA_REOPEN_DAYS (60)']);
    }
  });

  it("refuses the browser tests' clock file in production", () => {
    const production = { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.nl:587' };
    expect(() => parseConfig({ ...production, TEST_CLOCK_FILE: '/tmp/clock' })).toThrow(
      /TEST_CLOCK_FILE: is for tests/,
    );
    expect(parseConfig({ TEST_CLOCK_FILE: '/tmp/clock' }).TEST_CLOCK_FILE).toBe('/tmp/clock');
  });

  it('refuses local mail mode in production unless it is allowed explicitly', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/SMTP_URL: must be set in production/);
    expect(parseConfig({ NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example.nl:587' }).SMTP_URL).toBeDefined();
    expect(parseConfig({ NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' }).SMTP_URL).toBeUndefined();
    expect(parseConfig({ NODE_ENV: 'development' }).ALLOW_LOCAL_MAIL_IN_PRODUCTION).toBe(false);
  });

  it('takes staff sign-in with an organisation (OIDC) as a whole, off without OIDC_ISSUER', () => {
    const oidc = {
      OIDC_ISSUER: 'https://login.example.nl',
      OIDC_CLIENT_ID: 'weerbaar',
      OIDC_CLIENT_SECRET: 'secret',
      OIDC_ALLOWED_EMAIL_DOMAINS: ' Example.nl, nvvb.nl ,',
    };
    expect(parseConfig({}).OIDC_ISSUER).toBeUndefined();
    const config = parseConfig(oidc);
    expect(config.OIDC_ALLOWED_EMAIL_DOMAINS).toEqual(['example.nl', 'nvvb.nl']);
    expect(config.OIDC_MFA_CLAIM).toBe('amr=mfa');
    expect(() => parseConfig({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      /OIDC_CLIENT_ID: must be set with OIDC_ISSUER/,
    );
    expect(() => parseConfig({ ...oidc, OIDC_ALLOWED_EMAIL_DOMAINS: 'not a domain' })).toThrow(
      /OIDC_ALLOWED_EMAIL_DOMAINS: must be e-mail domains/,
    );
    expect(() => parseConfig({ ...oidc, OIDC_MFA_CLAIM: 'mfa' })).toThrow(/OIDC_MFA_CLAIM: must be claim=value/);
    expect(parseConfig({ ...oidc, OIDC_MFA_CLAIM: 'acr=urn:example:mfa' }).OIDC_MFA_CLAIM).toBe('acr=urn:example:mfa');
    const production = { ...oidc, NODE_ENV: 'production', ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true' };
    expect(() => parseConfig({ ...production, OIDC_ISSUER: 'http://login.example.nl' })).toThrow(
      /OIDC_ISSUER: must be an https:\/\/ URL in production/,
    );
    expect(parseConfig(production).OIDC_ISSUER).toBe('https://login.example.nl');
  });

  it('accepts a PostgreSQL URL', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://weerbaar@db:5432/weerbaar' }).DATABASE_URL).toBe(
      'postgres://weerbaar@db:5432/weerbaar',
    );
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const { configSchema } = await import('./config.ts');
    const example = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    const documented = new Set([...example.matchAll(/^#?\s?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]));
    expect(Object.keys(configSchema.shape).filter((name) => !documented.has(name))).toEqual([]);
  });
});
