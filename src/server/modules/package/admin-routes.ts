import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  packageAdminPartResponseSchema,
  packageAdminPartsResponseSchema,
  packageAdminRevisionParamsSchema,
  packageAdminSlugParamsSchema,
  packageRestoreBodySchema,
  packageRevisionResponseSchema,
  packageSaveBodySchema,
} from '../../../shared/package-admin.ts';
import { problemSchema } from '../../../shared/problem.ts';
import { contextOf } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import type { RouteAccess } from '../../plugins/access.ts';
import { adminPart, listAdminParts, type PackageAdminDeps, restoreRevision, saveRevision } from './admin-service.ts';
import { findRevision } from './revisions.ts';

const ADMIN: RouteAccess = { roles: ['admin'] };
const tags = ['package-admin'];

export interface PackageAdminOptions {
  /**
   * Called after a save or restore has committed, e.g. to make the new text a package version for
   * printing (the handover module's ensureCurrentEdition; passed in by app.ts, so this module does not
   * import the module that imports it).
   */
  onContentChanged?: PackageAdminDeps['onContentChanged'];
}

/** /api/admin/package/…: admins edit the package texts, see each part's history and restore a revision. */
export const packageAdminRoutes: FastifyPluginAsyncZod<PackageAdminOptions> = async (app, options) => {
  const deps: PackageAdminDeps = { uow: app.unitOfWork, onContentChanged: options.onContentChanged };

  app.get(
    '/api/admin/package/parts',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Every part with its current revision, when it last changed and by whom',
        response: { 200: packageAdminPartsResponseSchema },
      },
    },
    async () => ({ parts: await listAdminParts(app.db) }),
  );

  app.get(
    '/api/admin/package/parts/:slug',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One part for editing: its current texts and its history, newest first',
        params: packageAdminSlugParamsSchema,
        response: { 200: packageAdminPartResponseSchema, 404: problemSchema },
      },
    },
    async (request) => ({ part: await adminPart(app.db, request.params.slug) }),
  );

  app.get(
    '/api/admin/package/parts/:slug/revisions/:revision',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'One revision of a part, with its texts',
        params: packageAdminRevisionParamsSchema,
        response: { 200: packageRevisionResponseSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const revision = await findRevision(app.db, request.params.slug, request.params.revision);
      if (!revision) throw notFound('This part has no such revision.');
      return { revision };
    },
  );

  app.post(
    '/api/admin/package/parts/:slug/revisions',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary:
          'Save new texts as the next revision; 409 when the base revision is not the current one, 422 with the content check’s reasons',
        params: packageAdminSlugParamsSchema,
        body: packageSaveBodySchema,
        response: { 201: packageAdminPartResponseSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { slug } = request.params;
      await saveRevision(deps, contextOf(request), slug, request.body);
      return reply.status(201).send({ part: await adminPart(app.db, slug) });
    },
  );

  app.post(
    '/api/admin/package/parts/:slug/revisions/:revision/restore',
    {
      config: { access: ADMIN },
      schema: {
        tags,
        summary: 'Restore an earlier revision: a new revision with its texts',
        params: packageAdminRevisionParamsSchema,
        body: packageRestoreBodySchema,
        response: { 201: packageAdminPartResponseSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { slug, revision } = request.params;
      await restoreRevision(deps, contextOf(request), slug, revision, request.body);
      return reply.status(201).send({ part: await adminPart(app.db, slug) });
    },
  );
};
