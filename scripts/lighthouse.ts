/**
 * `npm run lighthouse`: Lighthouse (mobile, simulated slow 4G) against the production build, on four pages:
 * `/`, one part of the package, `/zelfscan`, and one signed-in page. Prints the scores, LCP and CLS per page
 * and writes every report plus a summary to test-results/lighthouse/<time>/.
 *
 * The public pages are served by `npm start` with NODE_ENV=production; the signed-in page by `npm run demo`
 * (its sign-in link gives the session cookie), each on a throwaway data directory. Both serve the same
 * web build (dist/web, rebuilt by the server when older than its sources).
 *
 * It fails (exit 1) when a page's accessibility or best-practices score is below 100 or its CLS is 0.1 or
 * more: those do not depend on the machine. Performance and LCP are printed and recorded, never judged:
 * on a shared 2-core machine they move with the load (Lighthouse itself warns about a slow CPU).
 *
 * Lighthouse's mobile preset slows the CPU down 4x, which assumes a fast desktop host (its benchmarkIndex
 * 1500-2000). On a busier or weaker host that overshoots the mid-tier phone it means to emulate, so when
 * the runs measured a lower benchmarkIndex, `/` is run once more with the multiplier Lighthouse's own
 * calibration table gives (docs/throttling.md, "Calibrating the CPU slowdown"); both are recorded.
 *
 * Settings: CHROME_PATH (default /usr/bin/chromium), LH_PORT (default 4173; the demo uses the next port),
 * LH_SIGNED_IN_PATH (default /mijn-zaken), LH_DEMO_ACCOUNT (default Sanne de Vries), LH_OUT_DIR.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const PORT = Number(process.env.LH_PORT ?? 4173);
const SIGNED_IN_PATH = process.env.LH_SIGNED_IN_PATH ?? '/mijn-zaken';
const DEMO_ACCOUNT = process.env.LH_DEMO_ACCOUNT ?? 'Sanne de Vries';
const OUT_DIR =
  process.env.LH_OUT_DIR ??
  path.join(ROOT, 'test-results', 'lighthouse', new Date().toISOString().replace(/[:.]/g, '-'));
const START_TIMEOUT_MS = 180_000;

/** Targets from issue #13. Only the machine-independent ones fail the run. */
const TARGETS = { performance: 90, accessibility: 100, bestPractices: 100, cls: 0.1, lcpMs: 2500 };

const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
].join(' ');

interface PageResult {
  name: string;
  url: string;
  cpuSlowdown: number;
  benchmarkIndex: number;
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  cls: number;
  transferKiB: number;
  failedAudits: string[];
  warnings: string[];
}

interface Server {
  child: ChildProcess;
  output: () => string;
  dataDir: string;
}

function startServer(entry: string, port: number, env: Record<string, string>): Server {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'weerbaar-lighthouse-'));
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      DEMO_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return { child, output: () => output, dataDir };
}

async function waitUntil<T>(what: string, server: Server, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(`the server stopped (exit ${server.child.exitCode}) before ${what}:\n${server.output()}`);
    }
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`timed out waiting for ${what}:\n${server.output()}`);
}

async function stopServer(server: Server) {
  if (server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await once(server.child, 'exit');
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

async function ready(base: string): Promise<true | undefined> {
  const response = await fetch(`${base}/readyz`);
  return response.ok ? true : undefined;
}

/** Lighthouse's default CPU slowdown for its mobile preset. */
const DEFAULT_CPU_SLOWDOWN = 4;

/**
 * The multiplier that takes this host to a mid-tier phone, from Lighthouse's table (docs/throttling.md):
 * high-end desktop (benchmarkIndex 1500-2000) 4x, low-end desktop (1000-1500) 2x, high-end mobile
 * (800-1200) 2x, mid-tier mobile (125-800) 1x.
 */
function calibratedCpuSlowdown(benchmarkIndex: number): number {
  if (benchmarkIndex >= 1500) return 4;
  if (benchmarkIndex >= 800) return 2;
  return 1;
}

interface RunOptions {
  headers?: Record<string, string>;
  cpuSlowdown?: number;
}

/** Tries a page twice: on a busy machine Lighthouse now and then loses its trace (NO_NAVSTART). */
async function runLighthouse(name: string, url: string, options: RunOptions = {}): Promise<PageResult> {
  try {
    return await runLighthouseOnce(name, url, options);
  } catch (error) {
    console.error(`${name}: ${error instanceof Error ? error.message : error}; trying once more`);
    return runLighthouseOnce(name, url, options);
  }
}

async function runLighthouseOnce(name: string, url: string, options: RunOptions): Promise<PageResult> {
  const { headers, cpuSlowdown = DEFAULT_CPU_SLOWDOWN } = options;
  const outputPath = path.join(OUT_DIR, `${name}.json`);
  const args = [
    path.join(ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js'),
    url,
    '--only-categories=performance,accessibility,best-practices',
    `--chrome-flags=${CHROME_FLAGS}`,
    '--output=json',
    `--output-path=${outputPath}`,
    '--quiet',
    `--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`,
    ...(headers ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, CHROME_PATH },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`lighthouse exited with ${code} for ${url}`);
  return summarise(name, url, cpuSlowdown, JSON.parse(readFileSync(outputPath, 'utf8')) as LighthouseReport);
}

interface LighthouseReport {
  environment: { benchmarkIndex: number };
  runWarnings?: string[];
  runtimeError?: { message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { score: number | null; numericValue?: number; title: string; scoreDisplayMode: string; details?: unknown }
  >;
}

/** What a failing audit found (for inspector issues: which kind, and where), short enough for a CI log. */
function findings(details: unknown): string {
  const items = (details as { items?: unknown[] } | undefined)?.items;
  if (!Array.isArray(items) || items.length === 0) return '';
  const text = JSON.stringify(items);
  return ` — ${text.length > 600 ? `${text.slice(0, 600)}…` : text}`;
}

function summarise(name: string, url: string, cpuSlowdown: number, report: LighthouseReport): PageResult {
  if (report.runtimeError) throw new Error(`lighthouse could not test ${url}: ${report.runtimeError.message}`);
  const score = (category: string) => Math.round((report.categories[category]?.score ?? 0) * 100);
  const value = (audit: string) => report.audits[audit]?.numericValue ?? Number.NaN;
  // What kept accessibility or best practices from 100: the failing audits that count in those scores.
  const failedAudits = ['accessibility', 'best-practices'].flatMap((category) =>
    (report.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => ({ id: ref.id, audit: report.audits[ref.id] }))
      .filter(({ audit }) => audit && audit.scoreDisplayMode === 'binary' && audit.score !== 1)
      .map(({ id, audit }) => `${category}: ${id} (${audit?.title})${findings(audit?.details)}`),
  );
  return {
    name,
    url,
    cpuSlowdown,
    benchmarkIndex: Math.round(report.environment.benchmarkIndex),
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcpMs: Math.round(value('largest-contentful-paint')),
    fcpMs: Math.round(value('first-contentful-paint')),
    tbtMs: Math.round(value('total-blocking-time')),
    cls: Math.round(value('cumulative-layout-shift') * 1000) / 1000,
    transferKiB: Math.round(value('total-byte-weight') / 1024),
    failedAudits,
    warnings: report.runWarnings ?? [],
  };
}

/** The demo prints one sign-in link under each account's name; the cookie comes from following it. */
async function demoSessionCookie(server: Server, base: string): Promise<string> {
  const link = await waitUntil('the demo sign-in links', server, async () => {
    const lines = server.output().split('\n');
    const at = lines.findIndex((line) => line.trimStart().startsWith(DEMO_ACCOUNT));
    const candidate = at >= 0 ? lines[at + 1]?.trim() : undefined;
    return candidate?.includes('/api/demo/sign-in?token=') ? candidate : undefined;
  });
  await waitUntil('the demo to answer', server, () => ready(base));
  const response = await fetch(link, { redirect: 'manual' });
  const cookie = response.headers.getSetCookie().find((value) => value.includes('weerbaar_session='));
  if (response.status !== 303 || !cookie)
    throw new Error(`the demo sign-in answered ${response.status} without a session`);
  return cookie.split(';')[0] ?? '';
}

function printTable(results: PageResult[]) {
  const rows = [
    ['page', 'CPU', 'bench', 'perf', 'a11y', 'best', 'LCP', 'FCP', 'TBT', 'CLS', 'KiB'],
    ...results.map((r) => [
      r.name,
      `${r.cpuSlowdown}x`,
      String(r.benchmarkIndex),
      String(r.performance),
      String(r.accessibility),
      String(r.bestPractices),
      `${(r.lcpMs / 1000).toFixed(2)} s`,
      `${(r.fcpMs / 1000).toFixed(2)} s`,
      `${r.tbtMs} ms`,
      r.cls.toFixed(3),
      String(r.transferKiB),
    ]),
  ];
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  for (const row of rows) console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}

async function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  const results: PageResult[] = [];

  const publicBase = `http://127.0.0.1:${PORT}`;
  const app = startServer('src/server/main.ts', PORT, {
    NODE_ENV: 'production',
    // Measured as production serves it; its mail stays in the local outbox (no SMTP server here).
    ALLOW_LOCAL_MAIL_IN_PRODUCTION: 'true',
  });
  try {
    await waitUntil('npm start to answer', app, () => ready(publicBase));
    const parts = (await (await fetch(`${publicBase}/api/package/parts`)).json()) as { parts: { slug: string }[] };
    const slug = parts.parts[0]?.slug;
    if (!slug) throw new Error('the package has no parts to test');
    results.push(await runLighthouse('home', `${publicBase}/`));
    results.push(await runLighthouse('package-part', `${publicBase}/pakket/${encodeURIComponent(slug)}`));
    results.push(await runLighthouse('zelfscan', `${publicBase}/zelfscan`));
    const benchmarks = results.map((r) => r.benchmarkIndex).sort((a, b) => a - b);
    const calibrated = calibratedCpuSlowdown(benchmarks[Math.floor(benchmarks.length / 2)] ?? 0);
    if (calibrated !== DEFAULT_CPU_SLOWDOWN) {
      results.push(await runLighthouse(`home-cpu-${calibrated}x`, `${publicBase}/`, { cpuSlowdown: calibrated }));
    }
  } finally {
    await stopServer(app);
  }

  const demoBase = `http://127.0.0.1:${PORT + 1}`;
  const demo = startServer('src/server/demo.ts', PORT + 1, { NODE_ENV: 'development' });
  try {
    const cookie = await demoSessionCookie(demo, demoBase);
    results.push(await runLighthouse('signed-in', `${demoBase}${SIGNED_IN_PATH}`, { headers: { Cookie: cookie } }));
  } finally {
    await stopServer(demo);
  }

  console.log(
    `\nLighthouse ${readLighthouseVersion()} (mobile, simulated slow 4G; CPU: the slowdown used, bench: the host's benchmarkIndex), reports in ${OUT_DIR}\n`,
  );
  printTable(results);
  const problems = results.flatMap((r) => [
    ...(r.accessibility < TARGETS.accessibility ? [`${r.name}: accessibility ${r.accessibility} < 100`] : []),
    ...(r.bestPractices < TARGETS.bestPractices ? [`${r.name}: best practices ${r.bestPractices} < 100`] : []),
    ...(r.cls >= TARGETS.cls ? [`${r.name}: CLS ${r.cls} ≥ ${TARGETS.cls}`] : []),
    ...r.failedAudits.map((audit) => `${r.name}: ${audit}`),
  ]);
  const notes = results.flatMap((r) => [
    ...(r.performance < TARGETS.performance
      ? [`${r.name}: performance ${r.performance} < ${TARGETS.performance}`]
      : []),
    ...(r.lcpMs >= TARGETS.lcpMs ? [`${r.name}: LCP ${r.lcpMs} ms ≥ ${TARGETS.lcpMs} ms`] : []),
    ...r.warnings.map((warning) => `${r.name}: ${warning}`),
  ]);
  writeFileSync(
    path.join(OUT_DIR, 'summary.json'),
    `${JSON.stringify({ at: new Date().toISOString(), targets: TARGETS, results, problems, notes }, null, 2)}\n`,
  );
  if (notes.length > 0) console.log(`\nnot judged (machine load moves these):\n  ${notes.join('\n  ')}`);
  if (problems.length > 0) {
    console.error(`\nFAILED:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\naccessibility, best practices and CLS on target');
}

function readLighthouseVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8'));
  return (manifest as { version: string }).version;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
