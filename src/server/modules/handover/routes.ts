import { PassThrough } from 'node:stream';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParamsSchema, noBodySchema } from '../../../shared/admin.ts';
import {
  activationCodeRequestSchema,
  activationCodeResponseSchema,
  editionParamsSchema,
  handedOverBodySchema,
  handoverListQuerySchema,
  handoverListResponseSchema,
  handoverRegisterBodySchema,
  handoverResponseSchema,
  IMPORT_MAX_BYTES,
  IMPORT_RESPONSE_TYPE,
  myPackageResponseSchema,
  pdfLanguageQuerySchema,
  printPackageBodySchema,
  regionListsResponseSchema,
} from '../../../shared/handover.ts';
import { contextOf } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { PDF_RATE_LIMIT, sendPdf } from '../../lib/pdf.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { AUTH_RATE_LIMIT } from '../auth/rate-limit.ts';
import { exchangeCode } from './activation-code.ts';
import type { HandoverDeps } from './deps.ts';
import { recordHandedOver, undoHandedOver } from './handed-over.ts';
import { runImport } from './import.ts';
import { myPackage, myPackagePdf, printPackage } from './print.ts';
import { listHandovers, viewHandover } from './read-service.ts';
import type { RegionIndex } from './regions.ts';
import { registerFromForm } from './register.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const OFFICEHOLDER: RouteAccess = { roles: ['officeholder'] };
const tags = ['handover'];

export const handoverRoutes: FastifyPluginAsyncZod<{ regions: RegionIndex }> = async (app, options) => {
  const deps: HandoverDeps = { uow: app.unitOfWork, config: app.config, keyring: app.keyring };
  const { regions } = options;

  // The CSV upload arrives as raw bytes; its checks decide what it is (UTF-8, CSV, the right columns).
  app.addContentTypeParser(
    ['text/csv', 'application/csv'],
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/admin/handovers',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary:
          'New office holders and their package: open ones (not handed over or not activated) first by installation date',
        querystring: handoverListQuerySchema,
        response: { 200: handoverListResponseSchema },
      },
    },
    async (request) => listHandovers(deps.uow.db, request.query),
  );

  app.get(
    '/api/admin/handovers/regions',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Municipalities, provinces and water boards (reference lists, for autocomplete)',
        response: { 200: regionListsResponseSchema },
      },
    },
    async () => regions.lists,
  );

  app.post(
    '/api/admin/handovers',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Register a newly appointed office holder: person, invitation and handover record',
        body: handoverRegisterBodySchema,
        response: { 201: handoverResponseSchema },
      },
    },
    async (request, reply) => {
      const handover = await registerFromForm(deps, contextOf(request), regions, request.body);
      return reply.status(201).send({ handover });
    },
  );

  app.get(
    '/api/admin/handovers/:id',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One handover with its history',
        params: idParamsSchema,
        response: { 200: handoverResponseSchema },
      },
    },
    async (request) => ({ handover: await viewHandover(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/handovers/:id/package.pdf',
    {
      config: { access: ADMIN, rateLimit: PDF_RATE_LIMIT },
      schema: {
        tags,
        summary:
          'The printable package (PDF). While the person has not activated, a print carries a new activation link (QR code) and short code, ending the previous ones; while a link sent by e-mail is open, only with replaceMailedLink (otherwise the cover says the link was e-mailed)',
        params: idParamsSchema,
        body: printPackageBodySchema,
      },
    },
    async (request, reply) => {
      const printed = await printPackage(deps, contextOf(request), request.params.id, {
        lang: request.body?.lang ?? 'nl',
        replaceMailedLink: request.body?.replaceMailedLink ?? false,
      });
      reply.header('X-Activation-Link-Issued', String(printed.linkIssued));
      return sendPdf(reply, printed.pdf, printed.fileName);
    },
  );

  app.post(
    '/api/admin/handovers/:id/handed-over',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Record when, by whom and how the package was handed over (again: corrects it)',
        params: idParamsSchema,
        body: handedOverBodySchema,
        response: { 200: handoverResponseSchema },
      },
    },
    async (request) => ({
      handover: await recordHandedOver(deps, contextOf(request), request.params.id, request.body),
    }),
  );

  app.delete(
    '/api/admin/handovers/:id/handed-over',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Take back a recorded handover',
        params: idParamsSchema,
        body: noBodySchema,
        response: { 200: handoverResponseSchema },
      },
    },
    async (request) => ({ handover: await undoHandedOver(deps, contextOf(request), request.params.id) }),
  );

  app.post(
    '/api/admin/handovers/imports',
    {
      config: { access: ADMIN },
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        tags,
        summary:
          'Import appointments from a CSV file (text/csv, UTF-8, comma or semicolon); answers JSON lines: progress, then the result. All or nothing',
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new AppError(415, 'unsupported_media_type', 'Unsupported Media Type', 'Send the file as text/csv.');
      }
      const file = request.body;
      const stream = new PassThrough();
      // A browser that stops listening destroys the stream; the import still runs to its end.
      stream.on('error', () => {});
      const write = (event: unknown) => {
        if (!stream.writableEnded && !stream.destroyed) stream.write(`${JSON.stringify(event)}\n`);
      };
      void runImport({ ...deps, regions, log: request.log }, contextOf(request), file, write)
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'handover import stopped');
          write({ type: 'result', outcome: 'failed', code: 'import_failed' });
        })
        .finally(() => stream.end());
      return reply
        .header('Cache-Control', 'no-store')
        .header('X-Accel-Buffering', 'no')
        .type(`${IMPORT_RESPONSE_TYPE}; charset=utf-8`)
        .send(stream);
    },
  );

  app.get(
    '/api/me/package',
    {
      config: { access: OFFICEHOLDER },
      schema: {
        tags,
        summary: 'My appointment and the package versions I can download',
        response: { 200: myPackageResponseSchema },
      },
    },
    async (request) => myPackage(deps, contextOf(request)),
  );

  app.get(
    '/api/me/package/editions/:editionId/pdf',
    {
      config: { access: OFFICEHOLDER, rateLimit: PDF_RATE_LIMIT },
      schema: {
        tags,
        summary: 'My package in this version, as a PDF (nl or en)',
        params: editionParamsSchema,
        querystring: pdfLanguageQuerySchema,
      },
    },
    async (request, reply) => {
      const { pdf, fileName } = await myPackagePdf(
        deps,
        contextOf(request),
        request.params.editionId,
        request.query.lang,
      );
      return sendPdf(reply, pdf, fileName);
    },
  );

  // The printed short code → a fresh activation link. Public, so guarded twice: a request cap per IP and
  // route, and the sign-in back-off per IP for wrong codes.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.post(
      '/api/activation/code',
      {
        config: { access: 'public', rateLimit: AUTH_RATE_LIMIT },
        schema: {
          tags: ['activation'],
          summary: 'Exchange the code printed in the package for a fresh activation link',
          body: activationCodeRequestSchema,
          response: { 200: activationCodeResponseSchema },
        },
      },
      async (request) => exchangeCode(deps, contextOf(request), request.ip, request.body.activationCode),
    );
  });
};
