import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { WONINGSCAN_CASE_TYPE, woningscanRequestSchema } from '../../shared/woningscan.ts';
import type { ServiceContext } from '../lib/context.ts';
import { cases } from '../modules/cases/db.ts';
import { woningscanDepsOf } from '../modules/woningscan/index.ts';
import { submitWoningscanRequest } from '../modules/woningscan/request-service.ts';
import { dutchDate } from './examples.ts';

/**
 * Sanne de Vries (wethouder) asks for a veiligheidsgesprek with woningscan: two periods in the coming
 * weeks, her household, her PKVW in progress and a made-up address. It waits unassigned in the CCV
 * queue, so Fleur Smit (CCV adviser) can take it and propose times. Through the module's own service,
 * like a real request: validated, encrypted, audited. Added once (while she has no woningscan case).
 */
export async function seedWoningscanRequest(
  app: FastifyInstance,
  requester: { personId: string; ctx: ServiceContext },
): Promise<boolean> {
  const [existing] = await app.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.requesterId, requester.personId), eq(cases.type, WONINGSCAN_CASE_TYPE)))
    .limit(1);
  if (existing) return false;
  const request = woningscanRequestSchema.parse({
    preferredPeriods: [
      { from: dutchDate(7), to: dutchDate(18) },
      { from: dutchDate(25), to: dutchDate(32) },
    ],
    household: 'Mijn partner en onze twee kinderen (8 en 12 jaar).',
    pkvwStatus: 'in_progress',
    address: { street: 'Voorbeeldlaan', houseNumber: '7', postcode: '8011 AA', city: 'Zwolle' },
  });
  await submitWoningscanRequest(woningscanDepsOf(app), requester.ctx, request);
  return true;
}
