import Fastify, { type FastifyInstance } from 'fastify';
import type { Db } from '../src/server/db/index.ts';
import type { BenchRequest, Scenario } from './scenarios.ts';

export interface PreparedScenario {
  scenario: Scenario;
  request: BenchRequest;
}

/**
 * The bare baseline: plain Fastify, no plugins, no hooks, no schemas, one route per scenario on the
 * scenario's own path, answering with the scenario's baseline query on the given database handle.
 * Part of the benchmark harness only; it is never the app.
 */
export async function startBareServer(db: Db, prepared: PreparedScenario[]): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  const seen = new Set<string>();
  for (const { scenario, request } of prepared) {
    const url = new URL(request.path, 'http://bench.invalid').pathname;
    const key = `${request.method} ${url}`;
    if (seen.has(key)) {
      throw new Error(`Two bench scenarios use ${key}; the bare baseline needs a distinct path per scenario.`);
    }
    seen.add(key);
    bare.route({
      method: request.method,
      url,
      handler: async (_request, reply) => reply.status(scenario.expectStatus ?? 200).send(await scenario.baseline(db)),
    });
  }
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return bare;
}
