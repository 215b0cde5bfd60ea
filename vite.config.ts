import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { transform } from 'lightningcss';
import { defineConfig, type Plugin, parseAst, type Rollup } from 'vite';
import { DEFAULT_LOCALE } from './src/shared/locale.ts';
import { PUBLIC_TEXT_FILES } from './src/web/i18n/text-groups.ts';

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

const require = createRequire(import.meta.url);

/**
 * The Utrecht React packages set `Component.displayName = '…'` at module level for every component. Such
 * an assignment counts as a side effect, so every component stayed in the bundle whether used or not
 * (the whole library, 250 kB). The names only serve React's developer tools; without them the bundler
 * drops the components nobody imports (the treeshake options below also declare these packages free of
 * side effects).
 */
function utrechtWithoutDisplayNames(): Plugin {
  return {
    name: 'weerbaar:utrecht-without-display-names',
    apply: 'build',
    transform: {
      filter: { id: /node_modules\/@utrecht\/[a-z0-9-]+-react\/dist\/.*\.mjs$/ },
      handler(code) {
        return { code: code.replace(/^[\w$]+\.displayName = (['"])[\w.]*\1;$/gm, ''), map: null };
      },
    },
  };
}

/**
 * Modules in src/shared build their zod schemas at module level, next to constants the web app needs
 * (`SEARCH_QUERY_MAX_LENGTH` beside `packagePartSchema`). A schema derived from another
 * (`packagePartSchema.extend(…)`) is a call the bundler must assume has side effects, so it stayed, and
 * with it zod, in every chunk that imported a constant. For the web build, each top-level `const` whose
 * value is computed by a call becomes `/* @__PURE__ *\/ (() => value)()`: evaluated exactly as before
 * when used, dropped when not.
 */
function sharedModulesTreeShakable(sharedRoot: string): Plugin {
  return {
    name: 'weerbaar:shared-modules-tree-shakable',
    apply: 'build',
    enforce: 'post',
    transform: {
      filter: { id: /\.ts$/ },
      handler(code, id) {
        if (!id.startsWith(sharedRoot) || id.endsWith('.test.ts')) return null;
        const edits: { start: number; end: number }[] = [];
        for (const statement of parseAst(code).body) {
          const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
          if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
          for (const { init } of declaration.declarations) {
            if (init && (init.type === 'CallExpression' || init.type === 'NewExpression')) edits.push(init);
          }
        }
        if (edits.length === 0) return null;
        let result = code;
        for (const { start, end } of edits.sort((a, b) => b.start - a.start)) {
          result = `${result.slice(0, start)}/* @__PURE__ */ (() => ${result.slice(start, end)})()${result.slice(end)}`;
        }
        return { code: result, map: null };
      },
    },
  };
}

const TOKENS_FILE = /node_modules\/@utrecht\/design-tokens\/dist\/index\.css$/;
const TOKEN_REFERENCE = /var\(\s*(--[\w-]+)/g;
const UTRECHT_CSS_IMPORT = /@utrecht\/[a-z0-9-]+-css\/[\w./-]+\.css/g;
const UTRECHT_CLASS = /utrecht-[\w-]+/g;

/**
 * The Utrecht design tokens file (@utrecht/design-tokens, 188 kB) declares some 1,300 custom properties
 * on `.utrecht-theme` (for Utrecht's components and for other NL Design System libraries: `--nl-…`,
 * `--denhaag-…`), plus dark-mode and viewport variants behind classes the app never sets. At build
 * time this keeps the rules whose classes the app uses, and in them the tokens that a style of the app
 * refers to: the Utrecht component CSS it imports, its own CSS, or (transitively) another kept token.
 * Everything it reads comes from the sources, so the asset's content hash still follows the content.
 */
function utrechtTokensInUse(webRoot: string): Plugin {
  return {
    name: 'weerbaar:utrecht-tokens-in-use',
    apply: 'build',
    enforce: 'pre',
    transform: {
      filter: { id: TOKENS_FILE },
      handler(code, id) {
        const sources = webSources(webRoot);
        for (const file of sources) this.addWatchFile(file);
        const texts = sources.map((file) => readFileSync(file, 'utf8'));
        const classes = new Set(texts.flatMap((text) => text.match(UTRECHT_CLASS) ?? []));
        const componentCss = [...new Set(texts.flatMap((text) => text.match(UTRECHT_CSS_IMPORT) ?? []))].map(
          (specifier) => readFileSync(require.resolve(specifier), 'utf8'),
        );
        const roots = new Set(
          [...texts, ...componentCss].flatMap((text) => [...text.matchAll(TOKEN_REFERENCE)].map((m) => m[1] ?? '')),
        );
        return { code: pruneTokens(code, id, classes, roots), map: null };
      },
    },
  };
}

function webSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : webSources(full);
    return /\.(css|ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function pruneTokens(code: string, filename: string, classes: Set<string>, roots: Set<string>): string {
  // A rule stays when every class its selectors name is one the app uses (`.utrecht-theme` does;
  // `.utrecht-theme--media-query-color-scheme` does not).
  const ruleInUse = (selectors: unknown) =>
    [...JSON.stringify(selectors).matchAll(/"type":"class","name":"([^"]+)"/g)].every(([, name]) =>
      classes.has(name ?? ''),
    );
  const referencesOf = new Map<string, string[]>();
  run(code, filename, {
    Rule: { style: (rule) => (ruleInUse(rule.value.selectors) ? undefined : []) },
    Declaration: {
      custom(property) {
        const refs = [...JSON.stringify(property.value).matchAll(/"ident":"(--[\w-]+)"/g)].map((m) => m[1] ?? '');
        referencesOf.set(property.name, [...(referencesOf.get(property.name) ?? []), ...refs]);
      },
    },
  });
  const needed = new Set<string>();
  const pending = [...roots];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (needed.has(name)) continue;
    needed.add(name);
    pending.push(...(referencesOf.get(name) ?? []));
  }
  return run(code, filename, {
    Rule: { style: (rule) => (ruleInUse(rule.value.selectors) ? undefined : []) },
    Declaration: {
      custom: (property) => (needed.has(property.name) ? undefined : []),
    },
  });
}

function run(code: string, filename: string, visitor: Parameters<typeof transform>[0]['visitor']): string {
  return transform({ filename, code: Buffer.from(code), minify: false, visitor }).code.toString();
}

const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|map)$/;
/** Below this, compression gains too little to be worth a second file. */
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * After the build is written: `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip, level 9) for every
 * text asset of at least 1 KiB. Compressing once at the highest level costs seconds at build time and
 * nothing per request; the server picks the variant the browser accepts.
 */
function precompress(): Plugin {
  return {
    name: 'weerbaar:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      await Promise.all(
        Object.values(bundle)
          .filter((file) => COMPRESSIBLE.test(file.fileName) && !file.fileName.startsWith('.vite/'))
          .map(async (file) => {
            const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
            if (source.length < MIN_BYTES) return;
            const target = path.join(outDir, file.fileName);
            const [br, gz] = await Promise.all([
              brotli(source, {
                params: {
                  [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
                  [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
                  [zlibConstants.BROTLI_PARAM_SIZE_HINT]: source.length,
                },
              }),
              gzipAsync(source, { level: zlibConstants.Z_BEST_COMPRESSION }),
            ]);
            await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
          }),
      );
    },
  };
}

/**
 * The public pages' texts in Dutch (the default language) are the one thing the first render waits for
 * beyond the entry's own files: a dynamic import (src/web/i18n), which the browser would only start after
 * running the app's code. A modulepreload in index.html starts it with the rest (issue #13: LCP of `/`).
 * Someone who chose English fetches 4 KiB they do not use; everyone else saves a round trip.
 */
function preloadDefaultTexts(): Plugin {
  return {
    name: 'weerbaar:preload-default-texts',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const texts = Object.values(context.bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.name === `i18n-${DEFAULT_LOCALE}-public`,
        );
        if (!texts) throw new Error(`no i18n-${DEFAULT_LOCALE}-public chunk in the build`);
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${texts.fileName}` },
            injectTo: 'head',
          },
        ];
      },
    },
  };
}

/** Where the build writes each prerendered page (a copy of index.html with its first screen); read by web-app.ts. */
const FIRST_SCREENS_DIR = 'first-screens';
const EMPTY_ROOT = '<div id="root"></div>';

/** The CSS files a lazily loaded module brings (its chunk's and its static imports'), for its first screen. */
function cssOf(bundle: Rollup.OutputBundle, moduleId: string): string[] {
  const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
  const start = chunks.find((chunk) => chunk.facadeModuleId === moduleId);
  if (!start) throw new Error(`no chunk for ${moduleId} in the build`);
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName)) return;
    seen.add(chunk.fileName);
    for (const file of chunk.viteMetadata?.importedCss ?? []) css.add(file);
    for (const imported of chunk.imports) {
      const next = bundle[imported];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(start);
  return [...css];
}
const APP_CODE_TAG = /\s*<(script type="module"|link rel="modulepreload")[^>]*>(<\/script>)?/g;

/**
 * After the build is written: the first screen of each page in `PRERENDERED_PAGES` (home, zelfscan),
 * rendered from the app's components in Node (src/web/prerender.tsx, loaded through a Vite server in SSR
 * mode), put into a copy of index.html at dist/web/first-screens/<page>.html. There the app's script and preloads wait in a `<template>` until
 * the screen is painted (src/web/shell/first-screen-boot.ts, the page's only script), so the largest
 * text paints from the HTML and the CSS alone instead of after the app's code (issue #13: LCP of `/`).
 */
function prerenderFirstScreens(webRoot: string): Plugin {
  return {
    name: 'weerbaar:prerender-first-screens',
    apply: 'build',
    async writeBundle(options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') throw new Error('no index.html in the build');
      const indexHtml = index.source.toString();
      if (!indexHtml.includes(EMPTY_ROOT)) throw new Error(`index.html has no ${EMPTY_ROOT}`);
      const { createServer, transformWithOxc } = await import('vite');
      const outDir = options.dir ?? '';
      const bootFile = path.join(webRoot, 'shell', 'first-screen-boot.ts');
      const boot = (await transformWithOxc(readFileSync(bootFile, 'utf8'), bootFile, { lang: 'ts' })).code;
      const bootName = `assets/first-screen-${createHash('sha256').update(boot).digest('base64url').slice(0, 8)}.js`;
      await writeFile(path.join(outDir, bootName), boot);
      const appCode = (indexHtml.match(APP_CODE_TAG) ?? []).map((tag) => tag.trim()).join('');
      const head = `<template id="weerbaar-app-code">${appCode}</template><script type="module" src="/${bootName}"></script></head>`;
      const pageHtml = indexHtml.replace(APP_CODE_TAG, '').replace('</head>', head);

      const server = await createServer({
        configFile: false,
        root: webRoot,
        logLevel: 'warn',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        optimizeDeps: { noDiscovery: true, include: [] },
      });
      try {
        const prerender = '/prerender.tsx';
        const { renderFirstScreens } = (await server.ssrLoadModule(
          prerender,
        )) as typeof import('./src/web/prerender.tsx');
        await mkdir(path.join(outDir, FIRST_SCREENS_DIR), { recursive: true });
        const { PRERENDERED_PAGES } = (await server.ssrLoadModule(
          prerender,
        )) as typeof import('./src/web/prerender.tsx');
        for (const [name, html] of Object.entries(await renderFirstScreens())) {
          const lazyModule = PRERENDERED_PAGES[name as keyof typeof PRERENDERED_PAGES].lazyModule;
          const css = (lazyModule ? cssOf(bundle, path.join(webRoot, lazyModule)) : []).filter(
            (file) => !pageHtml.includes(`/${file}"`),
          );
          const links = css.map((file) => `<link rel="stylesheet" crossorigin href="/${file}">`).join('');
          const file = path.join(outDir, FIRST_SCREENS_DIR, `${name}.html`);
          const withCss = pageHtml.replace('<template id=', `${links}<template id=`);
          await writeFile(file, withCss.replace(EMPTY_ROOT, `<div id="root" data-first-screen>${html}</div>`));
        }
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * The web app: built into dist/web and served by the Fastify process (src/server/plugins/web-app.ts).
 * What keeps the first load small (README "Performance"; `npm run check:budgets` reads the manifest):
 * tree-shaking of the Utrecht React library and of zod schemas, per-component CSS, only the design
 * tokens in use (the plugins above), and a brotli and gzip copy of every asset written once, here.
 */
export default defineConfig({
  root: here('./src/web'),
  plugins: [
    react(),
    utrechtWithoutDisplayNames(),
    sharedModulesTreeShakable(here('./src/shared/')),
    utrechtTokensInUse(here('./src/web')),
    preloadDefaultTexts(),
    precompress(),
    prerenderFirstScreens(here('./src/web')),
  ],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // dist/web/.vite/manifest.json: which files the entry loads, for the budget check (not served).
    manifest: true,
    // The CSP forbids inline scripts and styles; keep every asset a file.
    assetsInlineLimit: 0,
    sourcemap: false,
    rolldownOptions: {
      // Writing the brotli and gzip copies at their highest levels takes seconds, on purpose: no timing report.
      checks: { bundlerTimings: false },
      treeshake: {
        moduleSideEffects: [
          // The Utrecht React packages declare no `sideEffects`; they have none (utrechtWithoutDisplayNames above).
          { test: /node_modules\/@utrecht\/[a-z0-9-]+-react\//, sideEffects: false },
          // Our own components (src/web/ui) have none either, but `forwardRef(…)` at module level looks like one:
          // the first load imports the barrel for a button and a link, and kept every form control with them.
          { test: /\/src\/web\/ui\/.*\.tsx?$/, sideEffects: false },
        ],
        // Schemas in src/shared are built at module level (`z.object(…)`); the web app often imports only
        // constants and types from those modules. Declaring zod's builders pure drops unused schemas, and
        // with them zod itself from pages that validate nothing.
        manualPureFunctions: ['z', 'sensitive'],
      },
      output: {
        // Only the catalogues are called i18n-<locale>…: a chunk named after the src/web/i18n code is not one.
        chunkFileNames: (chunk) => (chunk.name === 'i18n' ? 'assets/texts-[hash].js' : 'assets/[name]-[hash].js'),
        codeSplitting: {
          // Two files per language for the message catalogues that load on demand (src/web/i18n): the
          // public pages' texts and the others, rather than one small request per feature file.
          groups: [
            {
              name: (id) => {
                const [, locale, file = ''] = /\/i18n\/locales\/(nl|en)\/([\w-]+)\.json$/.exec(id) ?? [];
                if (!locale || file === 'shell') return null;
                return PUBLIC_TEXT_FILES.includes(file) ? `i18n-${locale}-public` : `i18n-${locale}`;
              },
            },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite` serves the app with hot reload and sends API calls to `npm start` on port 3000.
    proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000' },
  },
});
