import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_MAX_BYTES, type CaseAttachment } from '../../../shared/cases.ts';
import { apiSaveFile } from '../../api/client.ts';
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '../../ui/index.ts';
import { StatusRegion, useStatusMessage } from './components/StatusRegion.tsx';
import { caseApi, useAttachments, useUploadAttachment } from './data.ts';
import { formatBytes, formatDateTime, problemMessage } from './format.ts';

const ACCEPT = '.pdf,.png,.jpg,.jpeg,.txt,.docx';
const EXTENSION = /\.(pdf|png|jpe?g|txt|docx)$/i;

/** Files in the case: download as files; upload with the limits said up front and checked before sending. */
export function CaseAttachments({ caseId, mayUpload }: { caseId: string; mayUpload: boolean }) {
  const { t } = useTranslation();
  const attachments = useAttachments(caseId, true);
  const upload = useUploadAttachment(caseId);
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | undefined>();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const status = useStatusMessage();

  const data = attachments.data;
  const left = data ? Math.max(0, data.maxTotalBytes - data.totalBytes) : null;

  const send = () => {
    const file = input.current?.files?.[0];
    if (!file) return setError(t('cases.attachments.errors.none'));
    if (!EXTENSION.test(file.name)) return setError(t('cases.errors.attachment_type_not_allowed'));
    if (file.size > ATTACHMENT_MAX_BYTES) return setError(t('cases.errors.attachment_too_large'));
    if (left !== null && file.size > left) return setError(t('cases.errors.case_attachments_full'));
    setError(undefined);
    const form = new FormData();
    form.append('file', file, file.name);
    upload.mutate(form, {
      onSuccess: () => {
        if (input.current) input.current.value = '';
        status.announce(t('cases.attachments.uploaded', { name: file.name }));
      },
      onError: (failure) => setError(problemMessage(t, failure)),
    });
  };

  const download = (attachment: CaseAttachment) => {
    setDownloadError(null);
    apiSaveFile(caseApi.attachment(caseId, attachment.id), { fallbackName: attachment.fileName }).catch(
      (failure: unknown) => setDownloadError(problemMessage(t, failure)),
    );
  };

  return (
    <section aria-labelledby="attachments-heading">
      <Heading2 id="attachments-heading">{t('cases.attachments.heading')}</Heading2>
      {attachments.isError && (
        <Alert type="error">
          <Paragraph>{problemMessage(t, attachments.error)}</Paragraph>
        </Alert>
      )}
      {data && data.attachments.length === 0 && <Paragraph>{t('cases.attachments.none')}</Paragraph>}
      {downloadError && (
        <Alert type="error" role="alert">
          <Paragraph>{downloadError}</Paragraph>
        </Alert>
      )}
      {data && data.attachments.length > 0 && (
        <div className="weerbaar-table-scroll">
          <Table>
            <TableCaption className="weerbaar-visually-hidden">{t('cases.attachments.heading')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('cases.attachments.file')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.attachments.size')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('cases.attachments.added')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.attachments.map((attachment) => (
                <TableRow key={attachment.id}>
                  <TableCell>
                    <Button
                      appearance="subtle-button"
                      className="weerbaar-download"
                      onClick={() => download(attachment)}
                      aria-label={t('cases.attachments.downloadLabel', { name: attachment.fileName })}
                    >
                      {attachment.fileName}
                    </Button>
                    {attachment.metadataRemoved && (
                      <span className="weerbaar-note">{t('cases.attachments.metadataRemoved')}</span>
                    )}
                  </TableCell>
                  <TableCell>{formatBytes(attachment.size)}</TableCell>
                  <TableCell>
                    {formatDateTime(attachment.uploadedAt)}
                    {attachment.uploadedByName && `, ${attachment.uploadedByName}`}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {mayUpload && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            send();
          }}
        >
          <FormField invalid={Boolean(error)} type="text">
            <div className="utrecht-form-field__label">
              <FormLabel htmlFor="attachment-file">{t('cases.attachments.choose')}</FormLabel>
            </div>
            <FormFieldDescription id="attachment-file-description">
              {t('cases.attachments.limits', {
                max: formatBytes(ATTACHMENT_MAX_BYTES),
                left: left === null ? '…' : formatBytes(left),
              })}
            </FormFieldDescription>
            {error && (
              <FormFieldErrorMessage id="attachment-file-error" className="weerbaar-field-error">
                {error}
              </FormFieldErrorMessage>
            )}
            <div className="utrecht-form-field__input">
              <input
                ref={input}
                id="attachment-file"
                type="file"
                accept={ACCEPT}
                className="weerbaar-file-input"
                aria-invalid={error ? true : undefined}
                aria-describedby={
                  error ? 'attachment-file-description attachment-file-error' : 'attachment-file-description'
                }
              />
            </div>
          </FormField>
          <Button type="submit" appearance="secondary-action-button" disabled={upload.isPending}>
            {upload.isPending ? t('cases.attachments.uploading') : t('cases.attachments.upload')}
          </Button>
        </form>
      )}
      <StatusRegion message={status.message} />
    </section>
  );
}
