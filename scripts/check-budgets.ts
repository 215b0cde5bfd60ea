/**
 * `npm run check:budgets`: the first load of the web app stays within budget (issue #13). Builds the
 * app, then reads the Vite manifest (dist/web/.vite/manifest.json), follows the entry's static imports
 * (what the browser must load before the first render: the entry script, its modulepreloads and their
 * CSS) and adds up their gzip sizes. Exit 1 when over budget. Dynamic imports (pages, the language
 * catalogues) load on demand and are listed for information only.
 *
 *   npx tsx scripts/check-budgets.ts [dist/web]      (without building first)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const KIB = 1024;
/** Gzip bytes of everything the entry loads up front. */
export const BUDGETS = { js: 150 * KIB, css: 25 * KIB };

interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FileSize {
  file: string;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface FirstLoad {
  js: FileSize[];
  css: FileSize[];
  /** Loaded on demand; the language catalogues among them start right after the first render. */
  onDemand: FileSize[];
}

function sizeOf(distDir: string, file: string): FileSize {
  const content = readFileSync(path.join(distDir, file));
  return {
    file,
    raw: content.length,
    gzip: gzipSync(content, { level: constants.Z_BEST_COMPRESSION }).length,
    brotli: brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
    }).length,
  };
}

/** The entry's files and, through static imports, everything they need before anything runs. */
export function firstLoad(distDir: string): FirstLoad {
  const manifestFile = path.join(distDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: run npm run build first`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry in the manifest, found ${entries.length}`);

  const seen = new Set<string>();
  const js: string[] = [];
  const css: string[] = [];
  const dynamic = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no entry for it`);
    js.push(chunk.file);
    for (const file of chunk.css ?? []) if (!css.includes(file)) css.push(file);
    for (const imported of chunk.imports ?? []) visit(imported);
    for (const imported of chunk.dynamicImports ?? []) dynamic.add(imported);
  };
  for (const entry of entries) visit(entry);

  const onDemand = [...dynamic]
    .filter((key) => !seen.has(key))
    .map((key) => manifest[key]?.file ?? key)
    .filter((file, index, files) => files.indexOf(file) === index);
  return {
    js: js.map((file) => sizeOf(distDir, file)),
    css: css.map((file) => sizeOf(distDir, file)),
    onDemand: onDemand.map((file) => sizeOf(distDir, file)),
  };
}

const kib = (bytes: number) => `${(bytes / KIB).toFixed(1)} KiB`;
const total = (files: FileSize[], key: 'raw' | 'gzip' | 'brotli') => files.reduce((sum, f) => sum + f[key], 0);

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const distDir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'web'));
  const load = firstLoad(distDir);

  console.log('First load (the entry and its static imports), sizes raw / gzip / brotli:');
  for (const file of [...load.js, ...load.css]) {
    console.log(
      `  ${file.file.padEnd(44)} ${kib(file.raw).padStart(10)} ${kib(file.gzip).padStart(10)} ${kib(file.brotli).padStart(10)}`,
    );
  }
  const largestOnDemand = [...load.onDemand].sort((a, b) => b.gzip - a.gzip).slice(0, 5);
  console.log(`\nOn demand: ${load.onDemand.length} files; the largest (gzip):`);
  for (const file of largestOnDemand) console.log(`  ${file.file.padEnd(44)} ${kib(file.gzip).padStart(10)}`);

  const checks = [
    { name: 'initial JS', files: load.js, budget: BUDGETS.js },
    { name: 'initial CSS', files: load.css, budget: BUDGETS.css },
  ];
  console.log('');
  let over = false;
  for (const { name, files, budget } of checks) {
    const gzip = total(files, 'gzip');
    const ok = gzip <= budget;
    over ||= !ok;
    console.log(
      `${ok ? 'ok  ' : 'OVER'} ${name}: ${kib(gzip)} gzip (budget ${kib(budget)}; ${kib(total(files, 'raw'))} raw, ${kib(total(files, 'brotli'))} brotli)`,
    );
  }
  if (over) {
    console.error('\nThe first load is over budget: load the new code on demand (a lazy route) or trim it.');
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
