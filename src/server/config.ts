import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { defaultKeyFilePath } from './lib/crypto/index.ts';

/**
 * All configuration comes from environment variables, validated once at start.
 * Every variable is documented in `.env.example`; keep the two in step.
 */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
  .optional();

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` });
const minutes = wholeNumber(1, 24 * 60);
const workingDays = wholeNumber(1, 20);
const reopenDays = wholeNumber(0, 365);
const retentionDays = wholeNumber(1, 3650);
const requestsPerDay = wholeNumber(1, 1000);

/** `a.b.c.d`, an IPv6 address, or either with a `/prefix`. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

/**
 * Which reverse proxies may tell us the client's address (X-Forwarded-For) and protocol: none (`false`),
 * the nearest N hops (`1` for one proxy in front), or only the proxies at these addresses. `true` (trust
 * every hop, so any client can forge its address) is refused on purpose.
 */
const trustProxy = z.string().transform((value, context): false | number | string[] => {
  const text = value.trim().toLowerCase();
  if (['false', '0', 'no'].includes(text)) return false;
  if (['true', 'yes'].includes(text)) {
    context.addIssue({
      code: 'custom',
      message:
        'true would trust every X-Forwarded-For hop (anyone could forge their address); give the number of proxies in front (e.g. 1) or their addresses (e.g. 10.0.0.5,10.0.1.0/24)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops >= 1 && hops <= 10) return hops;
    context.addIssue({ code: 'custom', message: 'a hop count must be 1 to 10' });
    return z.NEVER;
  }
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const wrong = entries.find((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || wrong !== undefined) {
    context.addIssue({
      code: 'custom',
      message: `must be false, a hop count (1-10) or a comma-separated list of proxy addresses or ranges${wrong ? ` ("${wrong}" is none)` : ''}`,
    });
    return z.NEVER;
  }
  return entries;
});

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('localhost'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The address people use to reach the portal; used in links, security.txt and (later) passkeys. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: postgresUrl,
  /** Where incident evidence files are kept (encrypted); default DATA_DIR/evidence. Shared storage with several instances. */
  EVIDENCE_DIR: z.string().min(1).optional(),
  /** Browser tests only: a file holding how many ms the server's clock runs ahead (refused in production). */
  TEST_CLOCK_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Which reverse proxies' X-Forwarded-* headers to trust: false, a hop count, or their addresses. */
  TRUST_PROXY: trustProxy.default(false),
  SECURITY_CONTACT: z
    .string()
    .regex(/^(mailto:|https:\/\/)\S+$/, 'must start with mailto: or https://')
    .default('mailto:security@weerbaarbestuur.nl'),
  /** Expiry date written into security.txt (RFC 9116); defaults to 180 days after the process starts. */
  SECURITY_TXT_EXPIRES: z.iso.datetime({ offset: true }).optional(),
  /** Key-encryption keys for data at rest; without it (and without KEY_FILE) a key file is made in DATA_DIR. */
  MASTER_KEY: z.string().min(1).optional(),
  /** A key file made earlier (e.g. mounted as a secret); used when MASTER_KEY is unset. */
  KEY_FILE: z.string().min(1).optional(),
  /** The append-only log of signed audit checkpoints; default beside the key file, `<DATA_DIR>-keys/audit-checkpoints.jsonl`. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  /** An external sink that receives every audit checkpoint as a JSON POST (a log collector). */
  AUDIT_CHECKPOINT_URL: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  /** How often a checkpoint is written when the audit trail grew (seconds). */
  AUDIT_CHECKPOINT_SECONDS: wholeNumber(5, 3600).default(60),
  /** How long start-up waits for PostgreSQL to accept connections before giving up (seconds). */
  DATABASE_STARTUP_WAIT_SECONDS: wholeNumber(0, 3600).default(120),
  /** Folder of pg_dump and pg_restore for `npm run cli -- backup/restore` on PostgreSQL; default: the PATH. */
  PG_BIN_DIR: z.string().min(1).optional(),
  /**
   * Prometheus metrics: with METRICS_PORT, a listener of their own on METRICS_HOST serves GET /metrics,
   * only to `Authorization: Bearer <METRICS_TOKEN>` when a token is set (required beyond loopback).
   * Without METRICS_PORT there are no metrics. 0 picks a free port (tests).
   */
  METRICS_TOKEN: z.string().min(32, { error: 'must be at least 32 characters (e.g. openssl rand -hex 32)' }).optional(),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  /** Outgoing mail server, e.g. smtp://user:pass@mail.example.nl:587. Unset: local mode (outbox in the app). */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Weerbaar <no-reply@weerbaarbestuur.nl>'),
  /**
   * Local mail mode (no SMTP_URL) keeps every mail on this server, readable by admins in the outbox. In
   * production that is refused unless this is set; the outbox and console then never show a link's token.
   */
  ALLOW_LOCAL_MAIL_IN_PRODUCTION: booleanFromEnv.default(false),
  /** Sessions end after this much inactivity: staff (15 min) and officeholders and relatives (30 min). */
  SESSION_IDLE_MINUTES_STAFF: z.coerce.number().int().min(1).max(240).default(15),
  SESSION_IDLE_MINUTES_MEMBER: z.coerce.number().int().min(1).max(240).default(30),
  /** Sessions end after this many hours whatever the activity. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24).default(12),
  /** Sensitive changes need a sign-in (or re-authentication) at most this many minutes ago. */
  STEP_UP_MINUTES: z.coerce.number().int().min(1).max(60).default(5),
  /** Demo mode (set by `npm run demo`): seeded accounts, sign-in links, a DEMO banner on every page. */
  DEMO_MODE: booleanFromEnv.default(false),
  // Case types (Ondersteuningsteam support, SIPA advice): first-response targets, reopen period,
  // retention and how many requests one person may make per 24 hours. The defaults are the types' own.
  /** Support: first response to an urgent request within this many minutes, around the clock. */
  SUPPORT_FIRST_RESPONSE_URGENT_MINUTES: minutes.default(60),
  /** Support: first response to any other request within this many working days. */
  SUPPORT_FIRST_RESPONSE_NORMAL_WORKING_DAYS: workingDays.default(1),
  /** Support: days after closing in which the requester may reopen. */
  SUPPORT_REOPEN_DAYS: reopenDays.default(30),
  /** Support: days after closing after which the content is destroyed (at least the reopen period). */
  SUPPORT_RETENTION_DAYS: retentionDays.default(365),
  /** Support: new requests one person may make in 24 hours. */
  SUPPORT_MAX_REQUESTS_PER_DAY: requestsPerDay.default(10),
  SIPA_FIRST_RESPONSE_URGENT_MINUTES: minutes.default(240),
  SIPA_FIRST_RESPONSE_NORMAL_WORKING_DAYS: workingDays.default(1),
  SIPA_REOPEN_DAYS: reopenDays.default(30),
  SIPA_RETENTION_DAYS: retentionDays.default(730),
  SIPA_MAX_REQUESTS_PER_DAY: requestsPerDay.default(10),
  // Nazorg (modules/aftercare): the check-in rhythm after a plan starts (domain.md §7: about a week and
  // about four weeks; the intervals are illustrative, so a deployment sets its own), the one reminder,
  // when the confidant hears of a missed check-in, and when a plan ends by itself after its last one.
  /** Aftercare: days after the plan starts on which check-ins fall due, comma-separated, e.g. `7,28`. */
  AFTERCARE_CHECK_IN_DAYS: z
    .string()
    .transform((value, context): number[] => {
      const days = value.split(',').map((part) => Number(part.trim()));
      const valid = days.every((day) => Number.isInteger(day) && day >= 1 && day <= 365);
      const rising = days.every((day, i) => i === 0 || day > (days[i - 1] as number));
      if (days.length === 0 || days.length > 10 || !valid || !rising) {
        context.addIssue({ code: 'custom', message: 'must be rising whole days between 1 and 365, like 7,28' });
        return z.NEVER;
      }
      return days;
    })
    .default([7, 28]),
  /** Aftercare: hours after a check-in fell due without an answer before the one reminder. */
  AFTERCARE_REMINDER_AFTER_HOURS: wholeNumber(1, 24 * 14).default(72),
  /** Aftercare: hours after the reminder without an answer before the confidant is told (once). */
  AFTERCARE_MISSED_AFTER_HOURS: wholeNumber(1, 24 * 14).default(72),
  /** Aftercare: days after the last check-in fell due before the plan ends by itself (unless extended). */
  AFTERCARE_END_AFTER_LAST_DAYS: wholeNumber(1, 90).default(14),
  // Staff sign-in through their organisation's OpenID Connect provider (modules/auth/oidc-*.ts): off
  // unless OIDC_ISSUER is set; then the client id, secret and allowed e-mail domains are needed too.
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(255).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(1000).optional(),
  /** Comma-separated e-mail domains whose staff may sign in this way, e.g. `ministerie.nl,nvvb.nl`. */
  OIDC_ALLOWED_EMAIL_DOMAINS: z
    .string()
    .transform((value, context): string[] => {
      const domains = value
        .split(',')
        .map((domain) => domain.trim().toLowerCase())
        .filter((domain) => domain !== '');
      if (domains.length === 0 || domains.some((domain) => !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain))) {
        context.addIssue({ code: 'custom', message: 'must be e-mail domains, comma-separated, like example.nl' });
        return z.NEVER;
      }
      return domains;
    })
    .optional(),
  /** The ID-token claim that proves a second factor: `claim=value[,value…]`, e.g. `amr=mfa` or `acr=…`. */
  OIDC_MFA_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]+=[^,=\s][^=\s]*$/, 'must be claim=value[,value…], e.g. amr=mfa')
    .default('amr=mfa'),
});

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Retention shorter than the reopen period would destroy a case the requester may still reopen. */
const checkedConfigSchema = configSchema.superRefine((config, context) => {
  // Metrics are never public: a listener beyond this machine needs the token.
  if (config.METRICS_PORT !== undefined && !config.METRICS_TOKEN && !LOOPBACK_HOSTS.has(config.METRICS_HOST)) {
    context.addIssue({
      code: 'custom',
      path: ['METRICS_TOKEN'],
      message: `must be set when METRICS_HOST (${config.METRICS_HOST}) is not a loopback address`,
    });
  }
  if (config.METRICS_PORT !== undefined && config.METRICS_PORT !== 0 && config.METRICS_PORT === config.PORT) {
    context.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
  }
  if (config.METRICS_TOKEN && config.METRICS_PORT === undefined) {
    context.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must be set with METRICS_TOKEN' });
  }
  if (config.NODE_ENV === 'production' && !config.SMTP_URL && !config.ALLOW_LOCAL_MAIL_IN_PRODUCTION) {
    context.addIssue({
      code: 'custom',
      path: ['SMTP_URL'],
      message:
        'must be set in production: without it mail stays on this server (local mode). ' +
        'Set ALLOW_LOCAL_MAIL_IN_PRODUCTION=true to run in local mode anyway',
    });
  }
  if (config.NODE_ENV === 'production' && config.TEST_CLOCK_FILE) {
    context.addIssue({
      code: 'custom',
      path: ['TEST_CLOCK_FILE'],
      message: 'is for tests and must not be set in production',
    });
  }
  if (config.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOWED_EMAIL_DOMAINS'] as const) {
      if (!config[name]) context.addIssue({ code: 'custom', path: [name], message: 'must be set with OIDC_ISSUER' });
    }
    if (config.NODE_ENV === 'production' && !config.OIDC_ISSUER.startsWith('https://')) {
      context.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be an https:// URL in production' });
    }
  }
  for (const type of ['SUPPORT', 'SIPA'] as const) {
    if (config[`${type}_RETENTION_DAYS`] < config[`${type}_REOPEN_DAYS`]) {
      context.addIssue({
        code: 'custom',
        path: [`${type}_RETENTION_DAYS`],
        message: `must be at least ${type}_REOPEN_DAYS (${config[`${type}_REOPEN_DAYS`]})`,
      });
    }
  }
});

export type Config = z.infer<typeof configSchema> & { PUBLIC_URL: string };

/**
 * The log of signed audit checkpoints: AUDIT_CHECKPOINT_FILE, else beside the local key file
 * (`<DATA_DIR>-keys/`), outside the data directory, so whoever holds a copy of the data cannot rewrite it.
 */
export function auditCheckpointFileOf(config: Pick<Config, 'DATA_DIR' | 'AUDIT_CHECKPOINT_FILE'>): string {
  return path.resolve(
    config.AUDIT_CHECKPOINT_FILE ??
      path.join(path.dirname(defaultKeyFilePath(config.DATA_DIR)), 'audit-checkpoints.jsonl'),
  );
}

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses the environment; throws a ConfigError naming every wrong variable. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = checkedConfigSchema.safeParse(cleaned);
  if (!result.success) {
    // One message per variable: the first thing wrong with it.
    const problems = new Map<string, string>();
    for (const issue of result.error.issues) {
      const name = issue.path.join('.') || '(environment)';
      if (!problems.has(name)) problems.set(name, `${name}: ${issue.message}`);
    }
    throw new ConfigError([...problems.values()]);
  }
  const config = result.data;
  return {
    ...config,
    PUBLIC_URL: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, ''),
  };
}

/** Loads an optional `.env` file (real environment variables win), then parses. */
export function loadConfig(cwd = process.cwd()): Config {
  const envFile = path.join(cwd, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return parseConfig(process.env);
}
