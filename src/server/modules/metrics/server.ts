import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { constantTimeEqual } from '../../lib/crypto/index.ts';

/**
 * The metrics listener: its own port (METRICS_PORT on METRICS_HOST, 127.0.0.1 by default), apart from
 * the app, so no proxy route, CORS rule or session ever reaches it. It serves `GET /metrics` and nothing
 * else; with METRICS_TOKEN only to `Authorization: Bearer <token>` (config.ts requires the token when it
 * listens beyond loopback).
 */
export interface MetricsServer {
  address(): AddressInfo;
  close(): Promise<void>;
}

export async function startMetricsServer(options: {
  host: string;
  port: number;
  token: string | undefined;
  registry: Registry;
  log: { error(obj: unknown, message: string): void };
}): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://metrics').pathname;
    if (request.method !== 'GET' || pathname !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not Found\n');
      return;
    }
    if (options.token !== undefined && !hasToken(request, options.token)) {
      response
        .writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' })
        .end('Unauthorized\n');
      return;
    }
    options.registry.metrics().then(
      (body) => response.writeHead(200, { 'content-type': options.registry.contentType }).end(body),
      (error: unknown) => {
        options.log.error({ err: error }, 'metrics collection failed');
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics unavailable\n');
      },
    );
  });
  // Scrapes are short; a stuck client must not hold a socket for ever.
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] !== undefined && constantTimeEqual(match[1], token);
}
