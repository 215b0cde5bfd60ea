import rateLimit from '@fastify/rate-limit';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { activationRoutes } from './activation-routes.ts';
import { meCredentialRoutes } from './me-routes.ts';
import { signInRoutes } from './sign-in-routes.ts';

/**
 * Activation, sign-in, step-up and "my sign-in methods". Encapsulated: the request cap of
 * @fastify/rate-limit applies only to the routes here that ask for it (config.rateLimit).
 */
export const authModule: FastifyPluginAsyncZod = async (app) => {
  await app.register(rateLimit, { global: false });
  await app.register(activationRoutes);
  await app.register(signInRoutes);
  await app.register(meCredentialRoutes);
};
