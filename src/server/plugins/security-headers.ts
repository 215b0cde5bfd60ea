import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Headers on every response, errors and static files included. The CSP allows nothing inline and
 * nothing from another origin: the web app is one self-hosted bundle.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'frame-src': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'script-src-attr': ["'none'"],
};

/**
 * Only what the portal itself uses; passkeys need the publickey-credentials features on our own origin. Only
 * features Chromium knows: an unknown one ('bluetooth') makes it warn in the console on every page.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'hid=()',
  'browsing-topics=()',
  'interest-cohort=()',
  'publickey-credentials-create=(self)',
  'publickey-credentials-get=(self)',
].join(', ');

const ONE_YEAR_SECONDS = 31_536_000;

export interface SecurityHeadersOptions {
  /** Served over HTTPS (PUBLIC_URL): HSTS on every answer, and stray http:// requests are upgraded. */
  https: boolean;
}

async function securityHeadersPlugin(app: FastifyInstance, options: SecurityHeadersOptions) {
  const directives = options.https
    ? { ...CONTENT_SECURITY_POLICY, 'upgrade-insecure-requests': [] }
    : CONTENT_SECURITY_POLICY;
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives },
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Set below, from PUBLIC_URL rather than from how this one request arrived.
    hsts: false,
    xPoweredBy: true,
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    reply.header('X-Request-Id', request.id);
    // Whenever the portal is meant to be reached over HTTPS: behind a proxy that terminates TLS the
    // request itself may look like plain HTTP here. Browsers ignore the header on a plain connection.
    if (options.https) reply.header('Strict-Transport-Security', `max-age=${ONE_YEAR_SECONDS}; includeSubDomains`);
    // API answers are never cached by browsers or proxies; later, signed-in answers rely on this too.
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
  });
}

export default fp(securityHeadersPlugin, { name: 'security-headers' });
