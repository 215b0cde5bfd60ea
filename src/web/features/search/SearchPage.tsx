import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { SUPPORT_TEAM_PHONE } from '../../../shared/contact.ts';
import { SEARCH_QUERY_MAX_LENGTH, SEARCH_QUERY_MIN_LENGTH } from '../../../shared/package.ts';
import { currentLocale } from '../../i18n/index.ts';
import { usePageTitle } from '../../shell/usePageTitle.ts';
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading1,
  Heading2,
  Paragraph,
  Textbox,
} from '../../ui/index.ts';
import { isSearchable, usePackageSearch } from '../package/data.ts';
import { SearchResults } from './SearchResults.tsx';
import '../../ui/prose.css';
import './search.css';

/**
 * Search the package. The query lives in the address (?q=), so a search can be shared, bookmarked and
 * reached with the browser's back button; results come from the API in the reader's language.
 */
export function SearchPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const [draft, setDraft] = useState(query);
  const [tooShort, setTooShort] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const locale = currentLocale();
  const search = usePackageSearch(query, locale);
  usePageTitle(isSearchable(query) ? t('search.titleWithQuery', { query: query.trim() }) : t('search.title'));

  // Back and forward change the address; the field follows.
  useEffect(() => setDraft(query), [query]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isSearchable(draft)) {
      setTooShort(true);
      input.current?.focus();
      return;
    }
    setTooShort(false);
    setParams({ q: draft.trim() });
  };

  return (
    <div className="weerbaar-prose">
      <Heading1>{t('search.title')}</Heading1>
      <Paragraph lead>{t('search.lead')}</Paragraph>
      <search className="weerbaar-search-form" aria-label={t('search.title')}>
        <form noValidate onSubmit={submit}>
          <FormField
            invalid={tooShort}
            label={<FormLabel htmlFor="zoekterm">{t('search.label')}</FormLabel>}
            description={<FormFieldDescription id="zoekterm-uitleg">{t('search.description')}</FormFieldDescription>}
            errorMessage={
              tooShort ? (
                <FormFieldErrorMessage id="zoekterm-fout" role="alert">
                  {t('search.tooShort', { min: SEARCH_QUERY_MIN_LENGTH })}
                </FormFieldErrorMessage>
              ) : undefined
            }
            input={
              <div className="weerbaar-search-form__row">
                <Textbox
                  id="zoekterm"
                  ref={input}
                  type="search"
                  name="q"
                  value={draft}
                  maxLength={SEARCH_QUERY_MAX_LENGTH}
                  invalid={tooShort}
                  aria-describedby={tooShort ? 'zoekterm-uitleg zoekterm-fout' : 'zoekterm-uitleg'}
                  onChange={(event: ChangeEvent<HTMLInputElement>) => setDraft(event.target.value)}
                />
                <Button type="submit" appearance="primary-action-button">
                  {t('search.submit')}
                </Button>
              </div>
            }
          />
        </form>
      </search>
      {isSearchable(query) && (
        <section aria-labelledby="search-results-heading" className="weerbaar-search-results">
          <Heading2 id="search-results-heading">{t('search.resultsHeading')}</Heading2>
          {/* A live region (output has role status), so the count is read out when it arrives. */}
          <output className="weerbaar-search-status">
            {search.isPending && t('search.loading')}
            {search.data && t('search.resultCount', { count: search.data.results.length, query: query.trim() })}
          </output>
          {search.isError && (
            <Alert type="error">
              <Paragraph>{t('search.error')}</Paragraph>
            </Alert>
          )}
          {search.data && search.data.results.length > 0 && <SearchResults results={search.data.results} />}
          {search.data && <Paragraph>{t('search.help', { number: SUPPORT_TEAM_PHONE.display })}</Paragraph>}
        </section>
      )}
    </div>
  );
}
