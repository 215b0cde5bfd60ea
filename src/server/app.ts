import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions, LogController } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditCheckpointFileOf, type Config } from './config.ts';
import type { Database } from './db/index.ts';
import demoSignInPlugin from './demo/sign-in.ts';
import jobsPlugin from './jobs/plugin.ts';
import type { Keyring } from './lib/crypto/index.ts';
import { loggerOptions } from './lib/logger.ts';
import { type AftercareModuleOptions, aftercareModule } from './modules/aftercare/index.ts';
import type { CheckpointSettings } from './modules/audit/checkpoint-writer.ts';
import auditModule from './modules/audit/index.ts';
import auditPlugin from './modules/audit/plugin.ts';
import { authModule } from './modules/auth/index.ts';
import casesModule, { type CasesModuleOptions, type CaseTypeModule } from './modules/cases/index.ts';
import { ensureCurrentEdition } from './modules/handover/editions.ts';
import { handoverModule } from './modules/handover/index.ts';
import idempotencyPlugin from './modules/idempotency/plugin.ts';
import { type IncidentsModuleOptions, incidentsModule } from './modules/incidents/index.ts';
import { incidentShareProvider } from './modules/incidents/share-provider.ts';
import { createMailTransport, type MailTransport } from './modules/mail/transport.ts';
import metricsPlugin from './modules/metrics/index.ts';
import notificationsModule from './modules/notifications/index.ts';
import { packageModule } from './modules/package/index.ts';
import { packagePageData } from './modules/package/page-data.ts';
import { findPackagePart } from './modules/package/repository.ts';
import { peopleModule } from './modules/people/index.ts';
import { platformRoutes } from './modules/platform/routes.ts';
import { privacyModule } from './modules/privacy/index.ts';
import rateLimitPlugin from './modules/rate-limit/plugin.ts';
import sessionsPlugin from './modules/sessions/plugin.ts';
import { sessionRoutes } from './modules/sessions/routes.ts';
import { sipaModule } from './modules/sipa/index.ts';
import { supportModule } from './modules/support/index.ts';
import trainingModule from './modules/training/index.ts';
import { woningscanModule } from './modules/woningscan/index.ts';
import { zelfscanModule, zelfscanResultProvider } from './modules/zelfscan/index.ts';
import { personalDataRegistry } from './personal-data.ts';
import accessPlugin from './plugins/access.ts';
import compressionPlugin from './plugins/compression.ts';
import databasePlugin from './plugins/database.ts';
import errorsPlugin from './plugins/errors.ts';
import keyringPlugin from './plugins/keyring.ts';
import mailPlugin from './plugins/mail.ts';
import openApiPlugin from './plugins/openapi.ts';
import requestInputPlugin from './plugins/request-input.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import unitOfWorkPlugin from './plugins/unit-of-work.ts';
import webAppPlugin from './plugins/web-app.ts';

export const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

/** Limits shared by every route; a route that needs more (file uploads) raises its own. */
export const BODY_LIMIT_BYTES = 100 * 1024;

export interface BuildAppOptions {
  config: Config;
  database: Database;
  /** Keys for encryption at rest and keyed hashes (loadKeyring in main.ts; Keyring.generate() in tests). */
  keyring: Keyring;
  /** Where mail goes; defaults to SMTP_URL, or local mode without it. */
  mailTransport?: MailTransport;
  /** The waits between delivery attempts (tests shorten them); 1 min, 5, 30, 2 h, 12 h by default. */
  mailRetryDelaysMs?: readonly number[];
  /** Whether closing the app closes the database (true in production; tests may share one). */
  ownsDatabase?: boolean;
  webDistDir?: string;
  /** Overrides the logger (tests pass `false` or a stream). */
  logger?: FastifyServerOptions['logger'];
  /** Case settings (first-response targets, reopen window, retention, calendar); defaults per type. */
  cases?: CasesModuleOptions;
  /**
   * More case types, registered after the built-in ones (support, SIPA): each a Fastify plugin that
   * registers its definition with `app.cases.registerType` and its own routes (ARCHITECTURE.md, "How a case type plugs in").
   */
  caseTypes?: readonly CaseTypeModule[];
  /** Start the background jobs (pg-boss) when ready; default yes, except with NODE_ENV=test. */
  startJobs?: boolean;
  /** The clock of the unit of work (tests move it); the real time by default. */
  now?: () => Date;
  /** Signed audit checkpoints; by default from the configuration (off with NODE_ENV=test unless configured). */
  auditCheckpoints?: CheckpointSettings | null;
  /** Incidents: the evidence directory, and a fault seam for the intake tests. */
  incidents?: IncidentsModuleOptions;
  /** Aftercare settings over the deployment's (tests: a shorter rhythm). */
  aftercare?: AftercareModuleOptions;
}

/**
 * TRUST_PROXY as Fastify takes it. A hop count trusts the nearest N hops whatever their address (Fastify
 * itself no longer accepts a bare number): only for an app reachable through its proxies alone; a list
 * of proxy addresses is safer.
 */
export function trustProxyOption(setting: Config['TRUST_PROXY']): FastifyServerOptions['trustProxy'] {
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return setting;
}

/** Where the audit checkpoints go, per the configuration; tests write none unless they ask. */
export function auditCheckpointSettings(config: Config): CheckpointSettings | null {
  if (config.NODE_ENV === 'test' && !config.AUDIT_CHECKPOINT_FILE && !config.AUDIT_CHECKPOINT_URL) return null;
  return {
    file: auditCheckpointFileOf(config),
    url: config.AUDIT_CHECKPOINT_URL ?? null,
    intervalSeconds: config.AUDIT_CHECKPOINT_SECONDS,
  };
}

/**
 * The only way to make the app: main.ts, the tests, the CLI and the benchmark all call this, so what
 * is tested is what runs. Order: cross-cutting plugins first, then the capability modules.
 */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config),
    genReqId: () => randomUUID(),
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: true,
    // Prototype-poisoned JSON is refused instead of silently cleaned.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin, { https: config.PUBLIC_URL.startsWith('https://') });
  // Before any route: it attaches itself to each route as it is added.
  await app.register(compressionPlugin);
  await app.register(databasePlugin, { database: options.database, closeOnAppClose: options.ownsDatabase ?? true });
  await app.register(keyringPlugin, { keyring: options.keyring });
  await app.register(auditPlugin, {
    checkpoints: options.auditCheckpoints !== undefined ? options.auditCheckpoints : auditCheckpointSettings(config),
  });
  // Sessions before access: its onRequest hook resolves request.actor, which the access check reads.
  await app.register(sessionsPlugin, { config });
  await app.register(accessPlugin);
  await app.register(requestInputPlugin);
  await app.register(idempotencyPlugin);
  await app.register(jobsPlugin, { start: options.startJobs ?? config.NODE_ENV !== 'test' });
  await app.register(mailPlugin, {
    transport: options.mailTransport ?? createMailTransport(config),
    ...(options.now ? { now: options.now } : {}),
    ...(options.mailRetryDelaysMs ? { retryDelaysMs: options.mailRetryDelaysMs } : {}),
  });
  // Request caps (config.rateLimit on a route), counted in the database: before the routes, once for all.
  await app.register(rateLimitPlugin);
  // Before the routes, so its hook sees them all; a listener of its own only with METRICS_PORT.
  await app.register(metricsPlugin, { config });
  await app.register(unitOfWorkPlugin, options.now ? { now: options.now } : {});
  await app.register(openApiPlugin, { publicUrl: config.PUBLIC_URL, browsableDocs: config.NODE_ENV !== 'production' });

  await app.register(platformRoutes, {
    securityContact: config.SECURITY_CONTACT,
    securityTxtExpires: config.SECURITY_TXT_EXPIRES
      ? new Date(config.SECURITY_TXT_EXPIRES)
      : new Date(Date.now() + 180 * 24 * 60 * 60 * 1000),
    publicUrl: config.PUBLIC_URL,
  });
  // A saved text becomes a new package version at once, so the next print carries it (and its number).
  await app.register(packageModule, { onContentChanged: ensureCurrentEdition });
  await app.register(sessionRoutes);
  await app.register(auditModule);
  await app.register(authModule);
  // Before people: role requests notify the admins (four eyes).
  await app.register(notificationsModule);
  await app.register(peopleModule);
  // Demo sign-in links exist only in demo mode (npm run demo), and never in production.
  if (config.DEMO_MODE && config.NODE_ENV !== 'production') await app.register(demoSignInPlugin);
  await app.register(casesModule, options.cases ?? {});
  await app.register(supportModule, { zelfscan: zelfscanResultProvider(app), incidents: incidentShareProvider(app) });
  await app.register(sipaModule);
  await app.register(woningscanModule);
  for (const caseType of options.caseTypes ?? []) await app.register(caseType);
  await app.register(zelfscanModule);
  await app.register(handoverModule);
  await app.register(incidentsModule, options.incidents ?? {});
  await app.register(trainingModule);
  await app.register(aftercareModule, options.aftercare ?? {});
  // Last: the AVG rights work on every module's personal data (src/server/personal-data.ts).
  await app.register(privacyModule, { registry: personalDataRegistry(app) });

  await app.register(webAppPlugin, {
    distDir: options.webDistDir ?? path.resolve(DEFAULT_WEB_DIST),
    pageExists: { packagePart: async ({ slug = '' }) => (await findPackagePart(app.db, slug)) !== null },
    pageData: packagePageData,
  });
  return app;
}
