import type { ComponentProps } from 'react';
import { Link } from 'react-router';

/** An in-app link that looks like an NL Design System button: for a page that starts a task. */
export function ButtonRouterLink({
  className,
  appearance = 'primary-action',
  ...props
}: ComponentProps<typeof Link> & { appearance?: 'primary-action' | 'secondary-action' }) {
  return (
    <Link
      className={['utrecht-button-link', 'utrecht-button-link--html-a', `utrecht-button-link--${appearance}`, className]
        .filter(Boolean)
        .join(' ')}
      {...props}
    />
  );
}
