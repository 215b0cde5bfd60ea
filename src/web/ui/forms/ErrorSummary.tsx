import { Heading2 } from '@utrecht/component-library-react';
import { useEffect, useId, useRef } from 'react';

/** One problem with a form field, as the error summary lists it. */
export interface FieldProblem {
  /** The id of the element to move to: the input, or for a group of choices its first option (`fieldAnchor`). */
  fieldId: string;
  message: string;
}

/** Moves focus to an element and brings it into view, without touching the address bar. */
export function focusField(id: string) {
  const element = document.getElementById(id);
  if (!element) return;
  element.focus();
  element.scrollIntoView({ block: 'center' });
}

/**
 * The list of everything that stops a form from being sent, at the top of the form (WCAG 3.3.1): a
 * region named by its heading that takes focus each time it appears (or the form is sent again with
 * problems), so a screen reader reads it, and each item links to its field.
 */
export function ErrorSummary({
  heading,
  problems,
  attempt,
}: {
  heading: string;
  problems: readonly FieldProblem[];
  /** Changes on every attempt to send, so focus moves here again. */
  attempt: number;
}) {
  const ref = useRef<HTMLElement>(null);
  const headingId = useId();
  const hasProblems = problems.length > 0;
  // Focus moves on each new attempt, not when a single message changes while typing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the trigger on purpose
  useEffect(() => {
    if (hasProblems) ref.current?.focus();
  }, [attempt, hasProblems]);
  if (!hasProblems) return null;
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby={headingId} className="weerbaar-error-summary">
      <Heading2 id={headingId} className="weerbaar-error-summary__heading">
        {heading}
      </Heading2>
      <ul className="weerbaar-error-summary__list">
        {problems.map((problem) => (
          <li key={`${problem.fieldId}-${problem.message}`}>
            <a
              className="utrecht-link utrecht-link--html-a"
              href={`#${problem.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                focusField(problem.fieldId);
              }}
            >
              {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
