import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../../db/index.ts';
import type { QueueDepth } from '../../jobs/runner.ts';
import { countLateCases, countUndeliveredMail } from './collectors.ts';

/**
 * Weerbaar's Prometheus metrics, one registry per app (tests build many). Request metrics are recorded as
 * requests finish; everything else is read when Prometheus scrapes, so a scrape shows the state of that
 * moment. README, Operations, lists what to alert on.
 */
export interface MetricsSources {
  database: Database;
  jobDepths: () => Promise<QueueDepth[]>;
  /** Process metrics (CPU, memory, event-loop lag, GC) as prom-client collects them. */
  processMetrics?: boolean;
}

export interface AppMetrics {
  registry: Registry;
  /** One finished request: the route pattern (never the raw URL), the method and the status. */
  observeRequest(route: string, method: string, status: number, seconds: number): void;
}

export function createAppMetrics(sources: MetricsSources): AppMetrics {
  const registry = new Registry();
  const { database } = sources;
  if (sources.processMetrics !== false) collectDefaultMetrics({ register: registry });

  const requests = new Histogram({
    name: 'weerbaar_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status code; _count is the request rate.',
    labelNames: ['route', 'method', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  new Gauge({
    name: 'weerbaar_database_ready',
    help: '1 when the database answers and every migration is applied (as /readyz), else 0.',
    registers: [registry],
    async collect() {
      this.set((await database.isReady()) ? 1 : 0);
    },
  });

  new Gauge({
    name: 'weerbaar_db_pool_connections',
    help: 'Database connections by state: total (open), idle, waiting (queries waiting for a connection); PGlite reports only total.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = database.connectionStats();
      this.set({ state: 'total' }, stats.total);
      if (stats.idle !== null) this.set({ state: 'idle' }, stats.idle);
      if (stats.waiting !== null) this.set({ state: 'waiting' }, stats.waiting);
    },
  });

  new Gauge({
    name: 'weerbaar_db_pool_max',
    help: 'The most database connections this process opens.',
    registers: [registry],
    collect() {
      this.set(database.connectionStats().max);
    },
  });

  const queueGauge = (name: string, help: string, value: (depth: QueueDepth) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const depth of await sources.jobDepths()) this.set({ queue: depth.name }, value(depth));
      },
    });
  queueGauge('weerbaar_job_queue_ready', 'Jobs due now and not yet taken by a worker.', (d) => d.ready);
  queueGauge('weerbaar_job_queue_deferred', 'Jobs waiting for their start time.', (d) => d.deferred);
  queueGauge('weerbaar_job_queue_active', 'Jobs being worked on.', (d) => d.active);
  queueGauge('weerbaar_job_queue_failed', 'Jobs that failed after every retry (kept 7 days).', (d) => d.failed);
  queueGauge(
    'weerbaar_job_queue_oldest_ready_seconds',
    'How long the oldest due job has waited for a worker (0 when none waits).',
    (d) => d.oldestReadySeconds,
  );

  new Gauge({
    name: 'weerbaar_cases_late',
    help: 'Open cases past their first-response target without a first response, by case type.',
    labelNames: ['type'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const late = await countLateCases(database.db);
      // Both types always show, so an alert on > 0 also sees a return to 0.
      for (const type of new Set(['support', 'sipa', ...late.keys()])) this.set({ type }, late.get(type) ?? 0);
    },
  });

  new Gauge({
    name: 'weerbaar_mail_undelivered',
    help: 'Mail in the outbox not delivered: state="pending" (waiting), "failed" (an attempt failed; retried later) or "dead" (given up: dead letters).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const mail = await countUndeliveredMail(database.db);
      this.set({ state: 'pending' }, mail.pending);
      this.set({ state: 'failed' }, mail.failed);
      this.set({ state: 'dead' }, mail.dead);
    },
  });

  return {
    registry,
    observeRequest: (route, method, status, seconds) =>
      requests.observe({ route, method, status_code: String(status) }, seconds),
  };
}
