import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/locale.ts';

/**
 * Message catalogues: one JSON file per feature and locale (locales/<locale>/<feature>.json), merged
 * into one catalogue per locale. Top-level keys must not repeat across files (a unit test checks this,
 * and that every key exists in both languages).
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('./locales/*/*.json', { eager: true });

function catalogue(locale: Locale): Record<string, unknown> {
  return Object.assign(
    {},
    ...Object.entries(files)
      .filter(([path]) => path.startsWith(`./locales/${locale}/`))
      .map(([, module]) => module.default),
  );
}

/** Remembered in the browser only: a language choice is not personal data worth sending anywhere. */
const STORAGE_KEY = 'weerbaar.locale';

export const resources = { nl: { translation: catalogue('nl') }, en: { translation: catalogue('en') } };

function rememberedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(stored as Locale) ? (stored as Locale) : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function applyLocale(locale: string) {
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this visit only.
  }
}

export function currentLocale(): Locale {
  return LOCALES.includes(i18n.language as Locale) ? (i18n.language as Locale) : DEFAULT_LOCALE;
}

export async function setupI18n() {
  i18n.on('languageChanged', applyLocale);
  await i18n.use(initReactI18next).init({
    resources,
    lng: rememberedLocale(),
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  applyLocale(i18n.language);
  return i18n;
}
