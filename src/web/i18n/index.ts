import i18n from 'i18next';
import { useSyncExternalStore } from 'react';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/locale.ts';

/**
 * Message catalogues: one JSON file per feature and locale (locales/<locale>/<feature>.json), merged
 * into one catalogue per locale. Top-level keys must not repeat across files (a unit test checks this,
 * and that every key exists in both languages).
 *
 * Only the shell's texts of both languages come with the first load (the language switch names each
 * language in its own words, the header shows who is signed in); the rest of a language arrives on
 * demand, so nobody downloads both. The shell shows at once; pages wait for their texts (useCatalogue).
 */
type Catalogue = Record<string, unknown>;
const shellFiles = import.meta.glob<{ default: Catalogue }>('./locales/*/shell.json', { eager: true });
const featureFiles = import.meta.glob<{ default: Catalogue }>(['./locales/*/*.json', '!./locales/*/shell.json']);

const inLocale = (locale: Locale) => (path: string) => path.startsWith(`./locales/${locale}/`);

function shellCatalogue(locale: Locale): Catalogue {
  return Object.assign(
    {},
    ...Object.entries(shellFiles)
      .filter(([path]) => inLocale(locale)(path))
      .map(([, module]) => module.default),
  );
}

const loading = new Map<Locale, Promise<void>>();

/** Adds a language's feature catalogues to i18next, once; later calls wait for the same load. */
function loadLocale(locale: Locale): Promise<void> {
  let load = loading.get(locale);
  if (!load) {
    load = Promise.all(
      Object.entries(featureFiles)
        .filter(([path]) => inLocale(locale)(path))
        .map(([, importFile]) => importFile()),
    ).then((modules) => {
      i18n.addResourceBundle(locale, 'translation', Object.assign({}, ...modules.map((m) => m.default)), true, true);
    });
    // A failed download (offline, new release) may be tried again on the next switch.
    load.catch(() => loading.delete(locale));
    loading.set(locale, load);
  }
  return load;
}

/**
 * Switches the language once its texts are there, so no page shows keys in between (when they cannot
 * be fetched, the page stays in its language). The choice is remembered at once: someone who follows a
 * link while the texts are still on their way keeps it.
 */
export async function switchLanguage(locale: Locale): Promise<void> {
  rememberLocale(locale);
  await loadLocale(locale);
  await i18n.changeLanguage(locale);
}

/** Remembered in the browser only: a language choice is not personal data worth sending anywhere. */
const STORAGE_KEY = 'weerbaar.locale';

function rememberedLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return LOCALES.includes(stored as Locale) ? (stored as Locale) : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

function rememberLocale(locale: string) {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this visit only.
  }
}

function applyLocale(locale: string) {
  document.documentElement.lang = locale;
  rememberLocale(locale);
}

export function currentLocale(): Locale {
  return LOCALES.includes(i18n.language as Locale) ? (i18n.language as Locale) : DEFAULT_LOCALE;
}

/** Whether the first language's page texts are there: `failed` when they could not be fetched. */
export type CatalogueState = 'loading' | 'ready' | 'failed';

let catalogueState: CatalogueState = 'loading';
const catalogueListeners = new Set<() => void>();

function settleCatalogue(state: CatalogueState) {
  catalogueState = state;
  for (const listener of catalogueListeners) listener();
}

function subscribeCatalogue(listener: () => void) {
  catalogueListeners.add(listener);
  return () => catalogueListeners.delete(listener);
}

/** For the shell: pages render once their language's texts arrived (or could not be fetched). */
export function useCatalogue(): CatalogueState {
  return useSyncExternalStore(subscribeCatalogue, () => catalogueState);
}

/**
 * Ready at once with the shell's texts (they are in the first load), so the shell with 112 and the
 * support number renders without waiting; the page texts of the remembered language start loading.
 */
export function setupI18n() {
  i18n.on('languageChanged', applyLocale);
  const locale = rememberedLocale();
  void i18n.use(initReactI18next).init({
    resources: { nl: { translation: shellCatalogue('nl') }, en: { translation: shellCatalogue('en') } },
    lng: locale,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
    // Everything is in memory: finish now instead of on a later tick, so the first render has its texts.
    initAsync: false,
  });
  applyLocale(i18n.language);
  // Should the texts fail to arrive, pages still show (with their keys), and so does the shell.
  loadLocale(locale).then(
    () => settleCatalogue('ready'),
    () => settleCatalogue('failed'),
  );
  return i18n;
}
