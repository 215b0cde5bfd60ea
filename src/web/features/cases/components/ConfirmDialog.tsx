import { type ReactNode, type SyntheticEvent, useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { AlertDialog, Button, ButtonGroup, Heading2, Paragraph } from '../../../ui/index.ts';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
  /** A problem to show in the dialog itself (announced). */
  error?: string | null;
}

/**
 * A modal confirmation on the native <dialog>: the browser keeps focus inside, Escape cancels, and
 * focus returns to the button that opened it. Focus starts on "Cancel", the safe choice.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  busy,
  error,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancel.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <AlertDialog
      ref={ref}
      className="weerbaar-dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event: SyntheticEvent<HTMLDialogElement>) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {open && (
        <>
          <Heading2 id={titleId}>{title}</Heading2>
          <div id={bodyId}>{children}</div>
          {error && (
            <Paragraph role="alert" className="weerbaar-field-error">
              {error}
            </Paragraph>
          )}
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={onConfirm} disabled={busy} aria-busy={busy}>
              {confirmLabel}
            </Button>
            <Button ref={cancel} appearance="secondary-action-button" onClick={onCancel}>
              {t('cases.dialog.cancel')}
            </Button>
          </ButtonGroup>
        </>
      )}
    </AlertDialog>
  );
}
