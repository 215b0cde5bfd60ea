import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiDelete } from '../../api/client.ts';
import { Button, ButtonGroup, ConfirmDialog, Paragraph, StatusMessage } from '../../ui/index.ts';

/** Deletes the saved result for good, after a confirmation; the page goes back to "not saved". */
export function DeleteSavedResult({ path, onDeleted }: { path: string; onDeleted: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  async function remove() {
    setOpen(false);
    setFailed(false);
    try {
      await apiDelete(path);
      onDeleted();
    } catch {
      setFailed(true);
    }
  }
  return (
    <div>
      <ButtonGroup>
        <Button appearance="secondary-action-button" onClick={() => setOpen(true)}>
          {t('zelfscanSaved.delete.button')}
        </Button>
      </ButtonGroup>
      <ConfirmDialog
        open={open}
        title={t('zelfscanSaved.delete.title')}
        confirmLabel={t('zelfscanSaved.delete.confirm')}
        cancelLabel={t('zelfscanSaved.delete.cancel')}
        onConfirm={() => void remove()}
        onCancel={() => setOpen(false)}
      >
        <Paragraph>{t('zelfscanSaved.delete.body')}</Paragraph>
      </ConfirmDialog>
      <StatusMessage type="warning">{failed ? t('zelfscanSaved.delete.failed') : null}</StatusMessage>
    </div>
  );
}
