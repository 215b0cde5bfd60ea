import { createWriteStream } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from '../src/server/config.ts';
import { loggerOptions } from '../src/server/lib/logger.ts';
import type { PreparedScenario } from './baseline.ts';
import { type LoadResult, runLoad } from './load.ts';
import { compare, type ScenarioResult, summarise } from './report.ts';

/** How long and how hard each target is loaded (autocannon). */
export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  rounds: number;
  secondsPerRun: number;
}

export const log = (message: string) => console.log(`· ${message}`);

export const baseUrl = (server: FastifyInstance) => {
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('server is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
};

/**
 * The app's logger as in production (JSON lines at LOG_LEVEL info, redaction, a line per request and
 * per answer), written to a file instead of stdout so the bench's output stays readable: the app pays
 * for serialising and writing every line, as it does in production.
 */
export function productionLogger(config: Config, file: string): FastifyServerOptions['logger'] {
  const options = loggerOptions({ ...config, NODE_ENV: 'production', LOG_LEVEL: 'info' });
  return { ...(typeof options === 'object' ? options : {}), stream: createWriteStream(file, { flags: 'a' }) };
}

/** One request to each target before any load: right status, and (informational) the same JSON. */
export async function checkTargets(prepared: PreparedScenario[], appUrl: string, bareUrl: string): Promise<void> {
  for (const { scenario, request } of prepared) {
    const expected = scenario.expectStatus ?? 200;
    const bodies: unknown[] = [];
    for (const [target, url] of [
      ['app', appUrl],
      ['bare', bareUrl],
    ] as const) {
      const response = await fetch(new URL(request.path, url), {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      const text = await response.text();
      if (response.status !== expected) {
        throw new Error(
          `${scenario.name}: ${target} answered ${response.status}, expected ${expected}: ${text.slice(0, 300)}`,
        );
      }
      bodies.push(text ? JSON.parse(text) : undefined);
    }
    if (expected === 200 && !isDeepStrictEqual(bodies[0], bodies[1])) {
      console.warn(`warning: ${scenario.name}: the app and the bare baseline return different JSON`);
    }
  }
}

/** Each scenario against the app and the bare baseline: warm-up, then alternating measured runs. */
export async function measure(
  settings: LoadSettings,
  prepared: PreparedScenario[],
  appUrl: string,
  bareUrl: string,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const { scenario, request } of prepared) {
    const job = (url: string, seconds: number) => ({
      ...request,
      url,
      seconds,
      connections: settings.connections,
    });
    const targets = { app: appUrl, bare: bareUrl };
    if (settings.warmupSeconds > 0) {
      log(`${scenario.name}: warm-up ${settings.warmupSeconds} s per target`);
      for (const url of Object.values(targets)) await runLoad(job(url, settings.warmupSeconds));
    }
    const runs: Record<'app' | 'bare', LoadResult[]> = { app: [], bare: [] };
    for (let round = 0; round < settings.rounds; round++) {
      // A B B A …: neither target always goes first.
      const order = round % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const);
      for (const target of order) {
        log(`${scenario.name}: round ${round + 1}/${settings.rounds}, ${target}, ${settings.secondsPerRun} s`);
        runs[target].push(await runLoad(job(targets[target], settings.secondsPerRun)));
      }
    }
    results.push(compare(scenario, summarise(runs.app), summarise(runs.bare)));
  }
  return results;
}
