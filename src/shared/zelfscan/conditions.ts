import type { Condition } from './questionnaire.ts';

/** An answer set: for each question id, the chosen option id. */
export type Answers = Readonly<Record<string, string>>;

export function holds(condition: Condition, answers: Answers): boolean {
  if ('question' in condition) {
    const answer = answers[condition.question];
    return answer !== undefined && condition.in.includes(answer);
  }
  if ('all' in condition) return condition.all.every((child) => holds(child, answers));
  return condition.any.some((child) => holds(child, answers));
}

/**
 * A condition rewritten as alternatives ("any of these terms"), each term saying which options each
 * question may have ("all of these"). A term is a way to satisfy the condition; no terms means no
 * answer set ever satisfies it. Lets the content check find unreachable tips and show an example.
 */
export type Term = ReadonlyMap<string, ReadonlySet<string>>;

/** Content rules are small; this bound keeps a mistaken, exploding rule from hanging the check. */
export const MAX_TERMS = 1_000;

export class RuleTooComplexError extends Error {}

export function terms(condition: Condition): Term[] {
  if ('question' in condition) {
    return condition.in.length === 0 ? [] : [new Map([[condition.question, new Set(condition.in)]])];
  }
  if ('any' in condition) {
    const all = condition.any.flatMap(terms);
    if (all.length > MAX_TERMS) throw new RuleTooComplexError();
    return all;
  }
  let product: Term[] = [new Map()];
  for (const child of condition.all) {
    const next: Term[] = [];
    for (const left of product) {
      for (const right of terms(child)) {
        const merged = conjoin(left, right);
        if (merged) next.push(merged);
        if (next.length > MAX_TERMS) throw new RuleTooComplexError();
      }
    }
    product = next;
  }
  return product;
}

/** Both terms at once; null when they ask contradicting answers of one question. */
function conjoin(left: Term, right: Term): Term | null {
  const merged = new Map(left);
  for (const [question, options] of right) {
    const existing = merged.get(question);
    const allowed = existing ? new Set([...options].filter((option) => existing.has(option))) : options;
    if (allowed.size === 0) return null;
    merged.set(question, allowed);
  }
  return merged;
}

/** Every question a condition looks at. */
export function questionsOf(condition: Condition): string[] {
  if ('question' in condition) return [condition.question];
  return ('all' in condition ? condition.all : condition.any).flatMap(questionsOf);
}

/** Every (question, option) pair a condition names. */
export function optionsOf(condition: Condition): { question: string; option: string }[] {
  if ('question' in condition) return condition.in.map((option) => ({ question: condition.question, option }));
  return ('all' in condition ? condition.all : condition.any).flatMap(optionsOf);
}
