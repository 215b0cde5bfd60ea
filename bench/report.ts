import type { LoadResult } from './load.ts';

/** Several measured runs of one target, summed up. */
export interface TargetSummary {
  requestsPerSecond: number;
  /** The mean of the runs' p99 (autocannon keeps no mergeable histogram across runs). */
  latencyP99Ms: number;
  latencyMeanMs: number;
  /** Lowest and highest req/s of the single runs: a wide range means a noisy machine. */
  requestsPerSecondRange: [number, number];
  requests: number;
  errors: number;
  non2xx: number;
  runs: LoadResult[];
}

export interface ScenarioResult {
  name: string;
  method: string;
  path: string;
  app: TargetSummary;
  bare: TargetSummary;
  /** app / bare: below 1 for req/s and above 1 for p99 means the app costs something. */
  ratio: { requestsPerSecond: number; latencyP99: number };
}

export function summarise(runs: LoadResult[]): TargetSummary {
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const mean = (pick: (run: LoadResult) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
  return {
    requestsPerSecond: seconds > 0 ? requests / seconds : 0,
    latencyP99Ms: mean((run) => run.latencyP99Ms),
    latencyMeanMs: mean((run) => run.latencyMeanMs),
    requestsPerSecondRange: [
      Math.min(...runs.map((run) => run.requestsPerSecond)),
      Math.max(...runs.map((run) => run.requestsPerSecond)),
    ],
    requests,
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    runs,
  };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

export function compare(
  scenario: { name: string; method: string; path: string },
  app: TargetSummary,
  bare: TargetSummary,
): ScenarioResult {
  return {
    name: scenario.name,
    method: scenario.method,
    path: scenario.path,
    app,
    bare,
    ratio: {
      requestsPerSecond: ratio(app.requestsPerSecond, bare.requestsPerSecond),
      latencyP99: ratio(app.latencyP99Ms, bare.latencyP99Ms),
    },
  };
}

/** A plain-text table (also valid Markdown). */
export function formatTable(results: ScenarioResult[]): string {
  const header = [
    'scenario',
    'target',
    'req/s (mean)',
    'runs req/s',
    'p99 ms',
    'mean ms',
    'errors',
    'non-2xx',
    'app/bare req/s',
    'app/bare p99',
  ];
  const rows: string[][] = [];
  for (const result of results) {
    for (const target of ['app', 'bare'] as const) {
      const summary = result[target];
      rows.push([
        target === 'app' ? `${result.name} (${result.method} ${result.path})` : '',
        target,
        summary.requestsPerSecond.toFixed(0),
        summary.requestsPerSecondRange.map((value) => value.toFixed(0)).join('–'),
        summary.latencyP99Ms.toFixed(1),
        summary.latencyMeanMs.toFixed(2),
        String(summary.errors),
        String(summary.non2xx),
        target === 'app' ? `${result.ratio.requestsPerSecond.toFixed(2)}×` : '',
        target === 'app' ? `${result.ratio.latencyP99.toFixed(2)}×` : '',
      ]);
    }
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = (column: number) => column >= 2;
  const line = (cells: string[]) =>
    `| ${cells
      .map((cell, column) => (numeric(column) ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
      .join(' | ')} |`;
  const rule = `|${widths.map((width, column) => (numeric(column) ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
