import { dutchDay, schemesOn } from '../../../shared/woningscan-schemes.ts';
import type { WoningscanDeps } from './request-service.ts';
import { currentSchemes } from './schemes.ts';

/** GET /api/woningscan/schemes: public information, the schemes that apply on a day (today by default). */
export async function publicSchemes(deps: WoningscanDeps, on: string | undefined) {
  const day = on ?? dutchDay(deps.now());
  return { on: day, schemes: schemesOn(await currentSchemes(deps.cases.db), day) };
}
