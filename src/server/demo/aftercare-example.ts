import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openAftercarePlanSchema } from '../../shared/aftercare.ts';
import type { ServiceContext } from '../lib/context.ts';
import { aftercarePlans } from '../modules/aftercare/db.ts';
import { setRelatives } from '../modules/aftercare/participant-service.ts';
import { openPlan } from '../modules/aftercare/plan-service.ts';
import { cases } from '../modules/cases/db.ts';
import { dutchDate } from './examples.ts';

type Person = { personId: string; ctx: ServiceContext };

/**
 * An aftercare plan on Sanne de Vries's support request, opened by her confidant Ahmed El Idrissi after
 * their call (consent given in the conversation): practical steps for her, for him and for her partner
 * Thomas, and her partner included, so both get their check-ins (about a week and about four weeks on,
 * per the AFTERCARE_* settings). Through the module's own services, like a real plan. Added once (while
 * her support case has no plan).
 */
export async function seedAftercarePlan(
  app: FastifyInstance,
  person: Person,
  confidant: Person,
  relative: Person,
): Promise<boolean> {
  const [supportCase] = await app.db
    .select({ id: cases.id })
    .from(cases)
    .where(and(eq(cases.requesterId, person.personId), eq(cases.type, 'support')))
    .limit(1);
  if (!supportCase) return false;
  const [existing] = await app.db
    .select({ id: aftercarePlans.id })
    .from(aftercarePlans)
    .where(eq(aftercarePlans.caseId, supportCase.id))
    .limit(1);
  if (existing) return false;
  const body = openAftercarePlanSchema.parse({
    consent: { via: 'conversation' },
    steps: [
      {
        topic: 'online_findability',
        owner: 'person',
        note: 'Straatnaam uit openbare profielen halen',
        dueOn: dutchDate(7),
      },
      { topic: 'melding_aangifte', owner: 'confidant', note: 'Samen bekijken of een melding bij de politie zinvol is' },
      { topic: 'employer', owner: 'person', note: 'De griffier en de gemeentesecretaris op de hoogte brengen' },
      { topic: 'family', owner: 'relative', ownerRelativeId: relative.personId, dueOn: dutchDate(14) },
      { topic: 'safety_at_home', owner: 'person', dueOn: dutchDate(21) },
    ],
  });
  const plan = await openPlan(app.aftercare, confidant.ctx, supportCase.id, body);
  await setRelatives(app.aftercare, person.ctx, plan.id, [relative.personId]);
  return true;
}
