import { type RefObject, useEffect, useRef } from 'react';

/**
 * Moves focus to `ref` whenever `key` changes after the first render: for a page that goes through
 * steps, so keyboard and screen reader users land on the new step's heading.
 */
export function useFocusOnChange(ref: RefObject<HTMLElement | null>, key: unknown) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus follows the key only
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus();
  }, [key]);
}
