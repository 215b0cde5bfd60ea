import type { FieldError } from '../../../shared/problem.ts';
import { SCHEME_RULE_FIELDS, type SchemeContent, type SchemePastCode } from '../../../shared/woningscan-schemes.ts';
import { badRequest } from '../../lib/errors.ts';

/**
 * The past is never rewritten: pages and PDFs show the scheme that applied on their day, so what applied
 * on a day that has begun stays as it was. A change of rules is a new scheme from a later date.
 */

const problem = (field: string, code: SchemePastCode, message: string): FieldError => ({
  field: `body/content/${field}`,
  code,
  message,
});

/** The field errors of a new revision (`previous`: the scheme's current one; null for a new scheme). */
export function pastRewrites(previous: SchemeContent | null, next: SchemeContent, today: string): FieldError[] {
  if (previous === null || previous.validFrom > today) {
    return next.validFrom > today ? [] : [problem('validFrom', 'scheme_start_not_future', 'must be after today')];
  }
  const problems: FieldError[] = [];
  if (next.validFrom !== previous.validFrom) {
    problems.push(problem('validFrom', 'scheme_start_fixed', 'the scheme has started; its start stays'));
  }
  for (const field of SCHEME_RULE_FIELDS) {
    if (JSON.stringify(next[field]) !== JSON.stringify(previous[field])) {
      problems.push(problem(field, 'scheme_rules_fixed', 'the scheme has started; add a new scheme for new rules'));
    }
  }
  if (next.validTo !== previous.validTo) {
    if (previous.validTo !== null && previous.validTo < today) {
      problems.push(problem('validTo', 'scheme_ended', 'the scheme has ended; its end stays'));
    } else if (next.validTo !== null && next.validTo < today) {
      problems.push(problem('validTo', 'scheme_end_in_past', 'must be today or later'));
    }
  }
  return problems;
}

export function refuseFields(problems: FieldError[]) {
  return badRequest('validation_failed', 'One or more fields are not valid.', problems);
}
