import { createRequire } from 'node:module';
import path from 'node:path';
import type { RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentDisposition } from './content-disposition.ts';

/**
 * The one pdfmake set-up of the server (pdfmake 0.3, its server entry is a CommonJS singleton): the
 * Roboto fonts that ship with pdfmake, embedded as subsets; no network access, and no file access
 * beyond those fonts. Every PDF the app makes goes through renderPdf().
 */

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(definition: unknown): { getBuffer(): Promise<Buffer> };
}

/** A pdfmake content node (loosely typed: pdfmake 0.3 ships no types). */
export type PdfNode = Record<string, unknown> | string;

let pdfmake: PdfMake | null = null;

export function loadPdfMake(): PdfMake {
  if (pdfmake) return pdfmake;
  const require = createRequire(import.meta.url);
  const instance = require('pdfmake') as PdfMake;
  const fontDir = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  instance.setFonts({
    Roboto: {
      normal: path.join(fontDir, 'Roboto-Regular.ttf'),
      bold: path.join(fontDir, 'Roboto-Medium.ttf'),
      italics: path.join(fontDir, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fontDir, 'Roboto-MediumItalic.ttf'),
    },
  });
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fontDir));
  pdfmake = instance;
  return instance;
}

/** A pdfmake document definition as a PDF file. */
export function renderPdf(definition: unknown): Promise<Buffer> {
  return loadPdfMake().createPdf(definition).getBuffer();
}

/** A PDF download: always an attachment, never cached, sandboxed if a browser opens it anyway. */
export function sendPdf(reply: FastifyReply, pdf: Buffer, fileName: string) {
  return reply
    .header('Content-Disposition', contentDisposition(fileName))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "sandbox; default-src 'none'; frame-ancestors 'none'")
    .header('Cache-Control', 'no-store')
    .type('application/pdf')
    .send(pdf);
}

/**
 * Rendering a PDF takes a noticeable slice of a CPU: a cap per person (per IP address when signed out)
 * and route keeps one account from tying up the server. A person needs a handful a minute; an admin printing a batch of packages, a few more.
 * Routes ask for it with `config: { rateLimit: PDF_RATE_LIMIT }`; the app registers @fastify/rate-limit once,
 * counting in the database, so the cap holds across instances.
 */
export const PDF_RATE_LIMIT: RateLimitOptions = {
  max: 20,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => request.actor?.personId ?? request.ip,
};
