import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackageAdminPartResponse, PackageRevisionSummary } from '../../../shared/package-admin.ts';
import { REVISION_CONFLICT } from '../../../shared/package-admin.ts';
import { isApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import {
  Alert,
  Button,
  ButtonGroup,
  ConfirmDialog,
  Dialog,
  Heading2,
  Heading3,
  Paragraph,
  VisuallyHidden,
} from '../../ui/index.ts';
import { CONTENT_ADMIN_QUERY_KEY, contentAdminApi } from './api.ts';
import { ContentPreview } from './ContentPreview.tsx';
import { authorText, formatWhen } from './messages.ts';

type Part = PackageAdminPartResponse['part'];

/** Every revision of the part, newest first: when, who, from where, the note; view one or restore it. */
export function RevisionHistory({
  part,
  onRestored,
}: {
  part: Part;
  onRestored: (response: PackageAdminPartResponse, from: number) => Promise<void>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [viewing, setViewing] = useState<number | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function restore(revision: number) {
    setRestoring(null);
    setFailure(null);
    try {
      const response = await contentAdminApi.restore(part.slug, revision, { baseRevision: part.current.revision });
      await onRestored(response, revision);
    } catch (error) {
      if (isApiError(error, REVISION_CONFLICT)) setFailure(t('contentAdmin.conflict.body'));
      else if (isApiError(error, 'content_check_failed')) setFailure(t('contentAdmin.history.restoreRefused'));
      else setFailure(problemMessage(t, error));
    }
  }

  return (
    <section aria-labelledby="content-history" className="weerbaar-content-history">
      <Heading2 id="content-history">{t('contentAdmin.history.title')}</Heading2>
      {failure && (
        <Alert type="error">
          <Paragraph>{failure}</Paragraph>
        </Alert>
      )}
      <ol className="weerbaar-cards" aria-labelledby="content-history">
        {part.history.map((revision) => (
          <li key={revision.revision} className="weerbaar-card">
            <Heading3>
              {t('contentAdmin.history.version', { revision: revision.revision })}
              {revision.revision === part.current.revision && ` (${t('contentAdmin.history.current')})`}
            </Heading3>
            <dl className="weerbaar-facts">
              <dt>{t('contentAdmin.history.when')}</dt>
              <dd>{formatWhen(revision.createdAt, locale)}</dd>
              <dt>{t('contentAdmin.history.who')}</dt>
              <dd>{authorText(t, revision)}</dd>
              <dt>{t('contentAdmin.history.source')}</dt>
              <dd>{sourceText(t, revision)}</dd>
              {revision.note && (
                <>
                  <dt>{t('contentAdmin.history.note')}</dt>
                  <dd>{revision.note}</dd>
                </>
              )}
            </dl>
            <ButtonGroup>
              <Button appearance="secondary-action-button" onClick={() => setViewing(revision.revision)}>
                {t('contentAdmin.history.view')}
                <VisuallyHidden> {t('contentAdmin.history.version', { revision: revision.revision })}</VisuallyHidden>
              </Button>
              {revision.revision !== part.current.revision && (
                <Button appearance="secondary-action-button" onClick={() => setRestoring(revision.revision)}>
                  {t('contentAdmin.history.restore')}
                  <VisuallyHidden> {t('contentAdmin.history.version', { revision: revision.revision })}</VisuallyHidden>
                </Button>
              )}
            </ButtonGroup>
          </li>
        ))}
      </ol>
      <Dialog
        open={viewing !== null}
        title={t('contentAdmin.history.version', { revision: viewing ?? 0 })}
        onClose={() => setViewing(null)}
        className="weerbaar-content-dialog"
      >
        {viewing !== null && <RevisionView slug={part.slug} revision={viewing} />}
        <ButtonGroup>
          <Button appearance="secondary-action-button" onClick={() => setViewing(null)}>
            {t('contentAdmin.history.close')}
          </Button>
        </ButtonGroup>
      </Dialog>
      <ConfirmDialog
        open={restoring !== null}
        title={t('contentAdmin.history.confirmTitle', { revision: restoring ?? 0 })}
        confirmLabel={t('contentAdmin.history.confirm')}
        cancelLabel={t('contentAdmin.history.cancel')}
        onConfirm={() => restoring !== null && void restore(restoring)}
        onCancel={() => setRestoring(null)}
      >
        <Paragraph>{t('contentAdmin.history.confirmBody', { next: part.current.revision + 1 })}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}

function sourceText(t: TFunction, revision: PackageRevisionSummary): string {
  if (revision.source === 'release') return t('contentAdmin.history.sourceRelease');
  return revision.restoredFrom !== null
    ? t('contentAdmin.history.sourceRestore', { revision: revision.restoredFrom })
    : t('contentAdmin.history.sourceAdmin');
}

function RevisionView({ slug, revision }: { slug: string; revision: number }) {
  const { t } = useTranslation();
  const query = useQuery({
    queryKey: [...CONTENT_ADMIN_QUERY_KEY, 'revision', slug, revision],
    queryFn: ({ signal }) => contentAdminApi.revision(slug, revision, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (query.isPending) return <Paragraph role="status">{t('contentAdmin.loading')}</Paragraph>;
  if (query.isError) return <Paragraph>{problemMessage(t, query.error)}</Paragraph>;
  const { title, summary, body } = query.data.revision;
  return <ContentPreview draft={{ title, summary, body }} known={null} heading="none" />;
}
