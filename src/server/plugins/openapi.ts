import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { markRoutesPublic } from './access.ts';

export interface OpenApiOptions {
  publicUrl: string;
  /** Browsable documentation at /api/docs; the JSON document is always served. */
  browsableDocs: boolean;
}

/** OpenAPI 3 generated from the zod route schemas: the schemas are the single source of truth. */
async function openApiPlugin(app: FastifyInstance, options: OpenApiOptions) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Weerbaar API',
        description: 'The API behind Weerbaar, the digital Veiligheidspakket for Dutch political office holders.',
        version: '1',
      },
      servers: [{ url: options.publicUrl }],
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (options.browsableDocs) {
    await app.register(async (scope) => {
      markRoutesPublic(scope);
      await scope.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { deepLinking: false } });
    });
  }
}

export default fp(openApiPlugin, { name: 'openapi' });
