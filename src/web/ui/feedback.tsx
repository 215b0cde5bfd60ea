import { Button, ButtonGroup } from '@utrecht/component-library-react';
import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A polite live region that is always in the page, so a message put into it is announced by screen
 * readers (WCAG 4.1.3) without moving focus. Shown as an NL Design System alert while it has text.
 */
export function StatusMessage({ children, type = 'ok' }: { children?: ReactNode; type?: 'ok' | 'info' | 'warning' }) {
  return (
    <div role="status" className="weerbaar-live">
      {children ? (
        <div className={`utrecht-alert utrecht-alert--${type}`}>
          <div className="utrecht-alert__content">
            <div className="utrecht-alert__message">{children}</div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

/**
 * A modal dialog on the native <dialog> element: focus moves into it and stays there, Escape closes it,
 * and focus goes back to where it was when it closes.
 */
export function Dialog({
  open,
  title,
  children,
  onClose,
  className,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  onClose: () => void;
  className?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnTo.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const closed = () => {
      const target = returnTo.current;
      if (target instanceof HTMLElement && target.isConnected) target.focus();
      returnTo.current = null;
    };
    dialog.addEventListener('close', closed);
    return () => dialog.removeEventListener('close', closed);
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={['weerbaar-dialog', className].filter(Boolean).join(' ')}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="utrecht-heading-2 weerbaar-dialog__title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

/** "Are you sure?" before something that cannot be undone with one click. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Dialog open={open} title={title} onClose={onCancel}>
      {children}
      <ButtonGroup>
        <Button appearance="primary-action-button" onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {cancelLabel}
        </Button>
      </ButtonGroup>
    </Dialog>
  );
}

/** Text for screen readers only, e.g. which item a "Remove" button removes. */
export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span className="weerbaar-visually-hidden">{children}</span>;
}
