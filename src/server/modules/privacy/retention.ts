import { systemContext } from '../../lib/context.ts';
import type { PersonalDataRegistry } from '../../lib/personal-data.ts';
import type { UnitOfWork } from '../../lib/unit-of-work.ts';

export const RETENTION_JOB = 'privacy.retention';

/**
 * The retention job: every registered rule with a sweep removes what is past its term, each in a unit
 * of work of its own (one failing rule does not hold back the others; it is logged and retried the next
 * night). Rules without a sweep are enforced where they say (the case core's job, the incidents' sweep,
 * the owner). Returns the rows removed per category.
 */
export async function runRetention(
  uow: UnitOfWork,
  registry: PersonalDataRegistry,
  log: { error(obj: unknown, msg?: string): void },
): Promise<Record<string, number>> {
  const removed: Record<string, number> = {};
  for (const rule of registry.retentionRules()) {
    const sweep = rule.sweep;
    if (!sweep) continue;
    try {
      removed[rule.category] = await uow.run(systemContext(), (w) => sweep(w));
    } catch (error) {
      log.error({ err: error, category: rule.category }, 'privacy: a retention rule failed');
    }
  }
  return removed;
}
