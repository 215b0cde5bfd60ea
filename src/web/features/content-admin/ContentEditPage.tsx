import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { PackageAdminPartResponse } from '../../../shared/package-admin.ts';
import { WEB_PATHS } from '../../../shared/web-paths.ts';
import { ApiError } from '../../api/client.ts';
import { problemMessage } from '../../api/problems.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import { Alert, Heading1, Paragraph, StatusMessage } from '../../ui/index.ts';
import { RouterLink } from '../../ui/RouterLink.tsx';
import { AdminNav } from '../admin/AdminNav.tsx';
import { CONTENT_ADMIN_QUERY_KEY, contentAdminApi, refreshPublicCopies } from './api.ts';
import { ContentEditor } from './ContentEditor.tsx';
import './content-admin.css';

/** Beheer → Inhoud → one part: edit its texts in Dutch and English, preview them, see and restore its history. */
export function ContentEditPage() {
  const { t } = useTranslation();
  const { slug = '' } = useParams();
  const queryClient = useQueryClient();
  const locale = currentLocale();
  const [notice, setNotice] = useState('');
  const partKey = [...CONTENT_ADMIN_QUERY_KEY, 'part', slug];
  const part = useQuery({
    queryKey: partKey,
    queryFn: ({ signal }) => contentAdminApi.part(slug, signal),
    // A refetch would replace the texts the admin is typing; the editor asks for the newest on purpose.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 1,
  });
  const parts = useQuery({
    queryKey: [...CONTENT_ADMIN_QUERY_KEY, 'parts'],
    queryFn: ({ signal }) => contentAdminApi.parts(signal),
  });
  const title = part.data ? t('contentAdmin.edit.title', { part: part.data.part.current.title[locale] }) : null;
  usePageTitle(title ?? t('contentAdmin.edit.loadingTitle'));

  /** After a save or restore: the editor starts again from the new current revision; readers see it at once. */
  async function saved(response: PackageAdminPartResponse) {
    queryClient.setQueryData(partKey, response);
    await refreshPublicCopies(slug);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: [...CONTENT_ADMIN_QUERY_KEY, 'parts'] }),
      queryClient.invalidateQueries({ queryKey: ['package'] }),
    ]);
  }

  const back = (
    <Paragraph className="weerbaar-back-link">
      <RouterLink to={WEB_PATHS.adminContent}>{t('contentAdmin.edit.back')}</RouterLink>
    </Paragraph>
  );

  return (
    <>
      <Heading1>{title ?? t('contentAdmin.edit.loadingTitle')}</Heading1>
      <AdminNav />
      {back}
      <StatusMessage>{notice}</StatusMessage>
      {part.isPending && <Paragraph role="status">{t('contentAdmin.loading')}</Paragraph>}
      {part.isError && (
        <Alert type="error">
          <Paragraph>
            {part.error instanceof ApiError && part.error.status === 404
              ? t('contentAdmin.edit.notFound')
              : problemMessage(t, part.error)}
          </Paragraph>
        </Alert>
      )}
      {part.data && (
        <ContentEditor
          // A new current revision (saved here, or loaded after a conflict) starts the form again.
          key={`${slug}-${part.data.part.current.revision}`}
          part={part.data.part}
          knownSlugs={parts.data?.parts.map((p) => p.slug) ?? null}
          onSaved={saved}
          notify={setNotice}
          onReload={async () => {
            await part.refetch();
          }}
        />
      )}
    </>
  );
}
