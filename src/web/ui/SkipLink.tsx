import type { AnchorHTMLAttributes } from 'react';

/** The NL Design System skip link: off screen until it receives keyboard focus. */
export function SkipLink({ className, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      className={['utrecht-skip-link', 'utrecht-skip-link--visible-on-focus', className].filter(Boolean).join(' ')}
      {...props}
    />
  );
}
