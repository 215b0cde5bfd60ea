import type { ComponentProps } from 'react';
import { NavLink } from 'react-router';

/** An in-app link that looks like an NL Design System link and marks the current page for screen readers. */
export function RouterLink({ className, ...props }: ComponentProps<typeof NavLink>) {
  return (
    <NavLink className={['utrecht-link', 'utrecht-link--html-a', className].filter(Boolean).join(' ')} {...props} />
  );
}
