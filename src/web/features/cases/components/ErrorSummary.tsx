import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Heading2, UnorderedList, UnorderedListItem } from '../../../ui/index.ts';

export interface FormError {
  /** The id of the control to move to (for a group of choices: its first option). */
  anchor: string;
  message: string;
}

/** Moves focus to a field and brings it into view, without touching the address bar. */
export function focusField(anchor: string) {
  const element = document.getElementById(anchor);
  if (!element) return;
  element.focus();
  element.scrollIntoView({ block: 'center' });
}

/**
 * The list of problems at the top of a form (WCAG 3.3.1): it gets focus after each failed submit, so
 * a screen reader reads it, and each item links to its field. `attempt` changes on every submit.
 */
export function ErrorSummary({ errors, attempt }: { errors: readonly FormError[]; attempt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again on every new submit attempt
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
  }, [attempt]);

  if (errors.length === 0) return null;
  return (
    // Styled as an NL Design System error alert, but without role="alert": focus moving here already
    // makes screen readers read it, and reading it twice does not help.
    <div className="utrecht-alert utrecht-alert--error weerbaar-error-summary">
      <section ref={ref} tabIndex={-1} aria-labelledby="error-summary-heading">
        <Heading2 id="error-summary-heading" className="weerbaar-error-summary__heading">
          {t('cases.form.errorSummary', { count: errors.length })}
        </Heading2>
        <UnorderedList>
          {errors.map((error) => (
            <UnorderedListItem key={`${error.anchor}-${error.message}`}>
              <a
                className="utrecht-link utrecht-link--html-a"
                href={`#${error.anchor}`}
                onClick={(event) => {
                  event.preventDefault();
                  focusField(error.anchor);
                }}
              >
                {error.message}
              </a>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </section>
    </div>
  );
}
