import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isWebPath, matchWebPath, type WebPathName } from '../../shared/web-paths.ts';
import { notFound } from '../lib/errors.ts';
import { markRoutesPublic } from './access.ts';

export interface WebAppOptions {
  /** The Vite build output; when it has no index.html the API still runs and pages answer 503. */
  distDir: string;
  /**
   * For pages named after a record (a part of the package): whether that record exists, so an address
   * like /pakket/bestaat-niet answers 404 like any unknown page. Pages without a check answer 200.
   */
  pageExists?: Partial<Record<WebPathName, (params: Record<string, string>) => Promise<boolean>>>;
  /**
   * The API addresses a page reads before it can show anything. index.html names them as preloads, so the
   * browser fetches them while it loads the app's code rather than after running it (one round trip less
   * before the largest text is painted, issue #13). Only public, cacheable answers belong here.
   */
  pageData?: Partial<Record<WebPathName, (params: Record<string, string>) => string[]>>;
  /**
   * Whether a request carries a session. A prerendered first screen shows the shell as for a visitor;
   * someone signed in gets the app without it, so their menu does not change under their eyes.
   */
  carriesSession?: (request: FastifyRequest) => boolean;
}

type PageParams = Record<string, string>;

/** `<link rel="preload">` for each address; the fetch() that reads it later matches (same mode, credentials). */
function preloadLinks(urls: readonly string[]): string {
  return urls.map((url) => `<link rel="preload" as="fetch" crossorigin href="${escapeAttribute(url)}">`).join('');
}

const escapeAttribute = (value: string) => value.replace(/[&"<>]/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * Serves the built web app from the same process as the API. Hashed assets are cached for a year;
 * index.html never, so a new release is picked up at once. Paths the app does not know get the app
 * with status 404 (it shows its own not-found page); API paths and non-HTML requests get problem details.
 *
 * Assets go out compressed without compressing per request: the build writes a brotli (`.br`) and a gzip
 * (`.gz`) copy next to each (vite.config.ts), and the one the browser accepts is sent.
 */
async function webAppPlugin(app: FastifyInstance, options: WebAppOptions) {
  const indexFile = path.join(options.distDir, 'index.html');
  const indexHtml = existsSync(indexFile) ? readFileSync(indexFile) : null;

  await app.register(async (scope) => {
    markRoutesPublic(scope);
    await scope.register(fastifyStatic, {
      root: path.join(options.distDir, 'assets'),
      prefix: '/assets/',
      immutable: true,
      maxAge: '365d',
      index: false,
      // Only files that exist; a miss falls through to the not-found handler below.
      wildcard: true,
      preCompressed: true,
    });
  });

  const indexText = indexHtml?.toString('utf8') ?? null;
  const firstScreens = readFirstScreens(options.distDir);

  const sendIndex = (reply: FastifyReply, status: number, preloads: readonly string[] = [], page?: WebPathName) => {
    if (!indexHtml || indexText === null) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web app has not been built yet.');
    }
    const base = (page && firstScreens.get(page)) ?? indexText;
    const html = preloads.length > 0 ? base.replace('</head>', `${preloadLinks(preloads)}</head>`) : base;
    return reply.status(status).header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(html);
  };

  const wantsPage = (request: FastifyRequest) =>
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.url.startsWith('/api/') &&
    (request.headers.accept ?? '').includes('text/html');

  // Every page path is answered here: known ones with 200, others with 404 (the app shows its not-found page).
  app.setNotFoundHandler(async (request, reply) => {
    if (!wantsPage(request)) throw notFound();
    const page = knownPage(request.url);
    if (!page || !(await pageExists(page))) return sendIndex(reply, 404);
    if (!page.name) return sendIndex(reply, 200);
    const firstScreen = options.carriesSession?.(request) ? undefined : page.name;
    return sendIndex(reply, 200, options.pageData?.[page.name]?.(page.params) ?? [], firstScreen);
  });

  /** The page an address names, with its parameters decoded; null for an address the app does not know. */
  function knownPage(url: string): { name: WebPathName | null; params: PageParams } | null {
    if (!isWebPath(url)) return null;
    const page = matchWebPath(url.split('?')[0] ?? '');
    if (!page) return { name: null, params: {} };
    // isWebPath has checked that every segment decodes.
    const params = Object.fromEntries(
      Object.entries(page.params).map(([key, value]) => [key, decodeURIComponent(value)]),
    );
    return { name: page.name, params };
  }

  async function pageExists(page: { name: WebPathName | null; params: PageParams }): Promise<boolean> {
    const exists = page.name ? options.pageExists?.[page.name] : undefined;
    return exists ? exists(page.params) : true;
  }
}

/**
 * Pages whose first screen the build rendered ahead (vite.config.ts `prerenderFirstScreens`): a copy of
 * index.html per page, named after it, with the shell and the page's fixed texts in `<div id="root">`,
 * so the largest text paints before the app's code has run (issue #13). The app replaces it (main.tsx).
 */
function readFirstScreens(distDir: string): Map<string, string> {
  const dir = path.join(distDir, 'first-screens');
  if (!existsSync(dir)) return new Map();
  return new Map(
    readdirSync(dir)
      .filter((file) => file.endsWith('.html'))
      .map((file) => [file.slice(0, -'.html'.length), readFileSync(path.join(dir, file), 'utf8')]),
  );
}

export default fp(webAppPlugin, { name: 'web-app' });
