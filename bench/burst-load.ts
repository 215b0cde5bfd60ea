import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchRequest } from './scenarios.ts';

/** One burst: every request sent at the same moment, each on its own connection. */
export interface BurstJob {
  url: string;
  requests: BenchRequest[];
}

export interface BurstResult {
  requests: number;
  /** From the first send to the last answer. */
  wallMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  errors: number;
  statusCodes: Record<string, number>;
}

type ChildMessage = { ok: true; result: BurstResult } | { ok: false; error: string };

const FILE = fileURLToPath(import.meta.url);

/** Runs the burst from a child process, so the client does not share the servers' event loop. */
export function runBurst(job: BurstJob): Promise<BurstResult> {
  return new Promise((resolve, reject) => {
    const child = fork(FILE, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answer: ChildMessage | undefined;
    child.on('message', (message: ChildMessage) => {
      answer = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (answer?.ok) resolve(answer.result);
      else if (answer) reject(new Error(`burst child failed: ${answer.error}`));
      else reject(new Error(`burst child exited with ${signal ?? code} before sending a result`));
    });
    child.send(job);
  });
}

/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

async function burst(job: BurstJob): Promise<BurstResult> {
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  const started = performance.now();
  const latencies = await Promise.all(
    job.requests.map(async (request) => {
      const sent = performance.now();
      try {
        const response = await fetch(new URL(request.path, job.url), {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        await response.arrayBuffer();
        statusCodes[response.status] = (statusCodes[response.status] ?? 0) + 1;
      } catch {
        errors++;
      }
      return performance.now() - sent;
    }),
  );
  const wallMs = performance.now() - started;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: job.requests.length,
    wallMs,
    latencyP50Ms: percentile(sorted, 50),
    latencyP99Ms: percentile(sorted, 99),
    latencyMaxMs: sorted.at(-1) ?? 0,
    errors,
    statusCodes,
  };
}

// Started by runBurst(): take one job, answer, exit.
if (process.send && process.argv[1] === FILE) {
  process.once('message', (job: BurstJob) => {
    burst(job).then(
      (result) => process.send?.({ ok: true, result } satisfies ChildMessage, () => process.exit(0)),
      (error: unknown) =>
        process.send?.({ ok: false, error: String(error) } satisfies ChildMessage, () => process.exit(1)),
    );
  });
}
