import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { BenchRequest } from './scenarios.ts';

/** One autocannon run: what the parent sends to the load child. */
export interface LoadJob extends BenchRequest {
  url: string;
  connections: number;
  seconds: number;
}

/** The numbers kept from autocannon's result. */
export interface LoadResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

type ChildMessage = { ok: true; result: LoadResult } | { ok: false; error: string };

const LOAD_FILE = fileURLToPath(import.meta.url);

/**
 * Runs autocannon in a child process, so the load generator does not share the servers' event loop
 * (on a 2-core box it still shares the CPU; both targets pay that cost alike).
 */
export function runLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_FILE, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: ChildMessage | undefined;
    child.on('message', (message: ChildMessage) => {
      answer = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.result);
      else if (answer) reject(new Error(`load child failed: ${answer.error}`));
      else reject(new Error(`load child exited with ${signal ?? code} before sending a result`));
    });
    child.send(job);
  });
}

async function child(job: LoadJob): Promise<LoadResult> {
  const result = await autocannon({
    url: new URL(job.path, job.url).toString(),
    method: job.method,
    headers: job.headers,
    body: job.body,
    connections: job.connections,
    duration: job.seconds,
  });
  return {
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.average,
    latencyMeanMs: result.latency.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, count])),
  };
}

// Started by runLoad(): take one job, answer, exit.
if (process.send && process.argv[1] === LOAD_FILE) {
  process.once('message', (job: LoadJob) => {
    child(job).then(
      (result) => process.send?.({ ok: true, result } satisfies ChildMessage, () => process.exit(0)),
      (error: unknown) =>
        process.send?.({ ok: false, error: String(error) } satisfies ChildMessage, () => process.exit(1)),
    );
  });
}
