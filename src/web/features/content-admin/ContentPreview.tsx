import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnownContent } from '../../../shared/content-links.ts';
import type { Locale } from '../../../shared/locale.ts';
import type { PackageRevisionTexts } from '../../../shared/package-admin.ts';
import { Heading2, Heading3, Paragraph, SelectField, UnorderedList, UnorderedListItem } from '../../ui/index.ts';
import { PartArticle } from '../package/PartPage.tsx';
import { draftProblems } from './messages.ts';

/**
 * The draft as readers will see it: rendered in the browser by the same component as the public part page
 * (no request to the server), in the language chosen here, with what the content check would still refuse.
 */
export function ContentPreview({
  draft,
  known,
  heading = 'h2',
}: {
  draft: PackageRevisionTexts;
  known: KnownContent | null;
  heading?: 'h2' | 'none';
}) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Locale>('nl');
  // Typing stays quick on a long text: the preview follows a moment later.
  const shown = useDeferredValue(draft);
  const problems = known ? draftProblems(t, shown, known) : [];
  const id = heading === 'h2' ? 'content-preview' : 'content-revision-preview';
  return (
    <section aria-labelledby={`${id}-heading`} className="weerbaar-content-preview">
      {heading === 'h2' ? (
        <Heading2 id={`${id}-heading`}>{t('contentAdmin.preview.title')}</Heading2>
      ) : (
        <span id={`${id}-heading`} className="weerbaar-visually-hidden">
          {t('contentAdmin.preview.title')}
        </span>
      )}
      <SelectField
        id={`${id}-language`}
        label={t('contentAdmin.preview.language')}
        value={language}
        onValueChange={(value) => setLanguage(value as Locale)}
        options={[
          { value: 'nl', label: t('contentAdmin.languages.nl') },
          { value: 'en', label: t('contentAdmin.languages.en') },
        ]}
      />
      {heading === 'h2' && (
        <div className="weerbaar-content-check">
          <Heading3>{t('contentAdmin.preview.check')}</Heading3>
          {problems.length === 0 ? (
            <Paragraph>{t('contentAdmin.preview.checkOk')}</Paragraph>
          ) : (
            <UnorderedList>
              {problems.map((problem) => (
                <UnorderedListItem key={problem}>{problem}</UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </div>
      )}
      <div className="weerbaar-content-preview__page" lang={language}>
        <PartArticle
          preview
          titleId={`${id}-part-title`}
          title={shown.title[language]}
          summary={shown.summary[language]}
          body={shown.body[language]}
        />
      </div>
    </section>
  );
}
