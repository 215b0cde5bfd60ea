import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ButtonGroup, ConfirmDialog, Paragraph, StatusMessage } from '../../ui/index.ts';
import { useDeleteResult } from './saved-results.ts';

/**
 * Deletes the saved result on the result page for good, after a confirmation; the page goes back to
 * "not saved" (the tab forgets the id). "Mijn zelfscans" has its own, which returns to the list.
 */
export function DeleteSavedResult({ resultId, onDeleted }: { resultId: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const remove = useDeleteResult();
  function confirm() {
    setOpen(false);
    remove.mutate(resultId, { onSuccess: onDeleted });
  }
  return (
    <div>
      <ButtonGroup>
        <Button appearance="secondary-action-button" busy={remove.isPending} onClick={() => setOpen(true)}>
          {t('zelfscanSaved.deleteSaved.button')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={open}
        title={t('zelfscanSaved.deleteSaved.title')}
        confirmLabel={t('zelfscanSaved.deleteSaved.confirm')}
        cancelLabel={t('zelfscanSaved.deleteSaved.cancel')}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        <Paragraph>{t('zelfscanSaved.deleteSaved.body')}</Paragraph>
      </ConfirmDialog>
      <StatusMessage type="warning">{remove.isError ? t('zelfscanSaved.deleteSaved.failed') : null}</StatusMessage>
    </div>
  );
}
