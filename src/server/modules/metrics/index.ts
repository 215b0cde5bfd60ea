import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Registry } from 'prom-client';
import type { Config } from '../../config.ts';
import { createAppMetrics } from './registry.ts';
import { type MetricsServer, startMetricsServer } from './server.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prometheus metrics; null unless METRICS_PORT is set. */
    metrics: { registry: Registry; address(): AddressInfo | null } | null;
  }
}

export interface MetricsPluginOptions {
  config: Pick<Config, 'METRICS_PORT' | 'METRICS_HOST' | 'METRICS_TOKEN'>;
  /** prom-client's process metrics (CPU, memory, event loop, GC); on unless a test turns them off. */
  processMetrics?: boolean;
}

/**
 * Prometheus metrics (README, Operations): with METRICS_PORT set, every finished request is counted by
 * its route pattern, and a separate listener serves /metrics when the app is ready. Registered before
 * the modules, so its hook sees every route.
 */
async function metricsPlugin(app: FastifyInstance, options: MetricsPluginOptions) {
  const { METRICS_PORT: port, METRICS_HOST: host, METRICS_TOKEN: token } = options.config;
  if (port === undefined) {
    app.decorate('metrics', null);
    return;
  }
  const metrics = createAppMetrics({
    database: app.database,
    jobDepths: () => app.jobs.depths(),
    processMetrics: options.processMetrics ?? true,
  });
  let server: MetricsServer | null = null;
  app.decorate('metrics', { registry: metrics.registry, address: () => server?.address() ?? null });

  app.addHook('onResponse', async (request, reply) => {
    // The route as declared (/api/cases/:caseId), never the URL with its ids; unmatched URLs share one label.
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeRequest(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.addHook('onReady', async () => {
    server = await startMetricsServer({ host, port, token, registry: metrics.registry, log: app.log });
    app.log.info(`metrics on http://${host}:${server.address().port}/metrics${token ? ' (bearer token)' : ''}`);
  });
  app.addHook('onClose', async () => {
    await server?.close();
  });
}

export default fp(metricsPlugin, { name: 'metrics', dependencies: ['database', 'jobs'] });
