import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../shared/locale.ts';
import { currentLocale, switchLanguage } from '../i18n/index.ts';

/** Each option is written in its own language, so people find theirs whatever is showing now. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLocale();
  return (
    <nav aria-label={t('shell.languageSwitch')} className="weerbaar-language-switch">
      <ul className="weerbaar-inline-list">
        {LOCALES.map((locale) => (
          <li key={locale}>
            <button
              type="button"
              lang={locale}
              className="weerbaar-language-switch__option"
              aria-current={locale === active ? 'true' : undefined}
              onClick={() => void switchLanguage(locale).catch(() => undefined)}
            >
              {t(`language.${locale}`, { lng: locale })}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
