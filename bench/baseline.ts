import Fastify, { type FastifyInstance } from 'fastify';
import type { BenchRequest, Scenario } from './scenarios.ts';

export interface PreparedScenario {
  scenario: Scenario;
  request: BenchRequest;
  baseline(): Promise<unknown>;
}

/**
 * The bare baseline: plain Fastify, no plugins, no hooks, no schemas, one route per scenario on the
 * scenario's own path, answering with the scenario's baseline work on the same database handle.
 * Part of the benchmark harness only; it is never the app.
 */
export async function startBareServer(prepared: PreparedScenario[]): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  const seen = new Set<string>();
  for (const { scenario, request, baseline } of prepared) {
    const url = new URL(request.path, 'http://bench.invalid').pathname;
    const key = `${request.method} ${url}`;
    if (seen.has(key)) {
      throw new Error(`Two bench scenarios use ${key}; the bare baseline needs a distinct path per scenario.`);
    }
    seen.add(key);
    bare.route({
      method: request.method,
      url,
      handler: async (_request, reply) => reply.status(scenario.expectStatus ?? 200).send(await baseline()),
    });
  }
  await bare.listen({ host: '127.0.0.1', port: 0 });
  return bare;
}
