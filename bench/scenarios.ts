import type { Db } from '../src/server/db/index.ts';
import { listPackageParts } from '../src/server/modules/package/repository.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BenchRequest {
  method: HttpMethod;
  /** Path plus optional query string; sent unchanged to the app and to the bare baseline. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * One hot route, measured in the real app and in the bare baseline. The baseline is a Fastify
 * server without plugins that answers the same path with `baseline(db)` on the same database handle,
 * so the ratio shows what the app adds around the query (hooks, validation, serialisation, headers).
 */
export interface Scenario extends BenchRequest {
  /** Short unique name (kebab-case); shown in the table and the results file. */
  name: string;
  /** Status the app and the baseline must answer; checked once before measuring. Default 200. */
  expectStatus?: number;
  /** The database work the app's route does, without the app around it; its result is sent as JSON. */
  baseline(db: Db): Promise<unknown>;
  /**
   * Optional preparation against the running app (e.g. sign in to get a session cookie, create a
   * record); what it returns is merged into the request sent to both targets.
   */
  prepare?(context: { appUrl: string; db: Db }): Promise<Partial<BenchRequest>>;
}

/** Add a capability's hot route here; `BENCH_SCENARIOS=a,b` selects by name. */
export const scenarios: Scenario[] = [
  {
    name: 'package-parts',
    method: 'GET',
    path: '/api/package/parts',
    baseline: async (db) => ({ parts: await listPackageParts(db) }),
  },
];
